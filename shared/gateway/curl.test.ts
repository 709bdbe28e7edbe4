import { describe, expect, it } from 'vitest'
import { MASKED_SECRET, maskHeaders, renderCurl } from './curl'

describe('renderCurl', () => {
  const req = { method: 'POST', url: 'https://gw.example/hook', headers: { 'content-type': 'application/json', 'x-api-key': MASKED_SECRET }, body: { text: "it's" } }
  it('masks the secret unless given, and quotes for the shell', () => {
    const masked = renderCurl(req)
    expect(masked).toContain(`-H 'x-api-key: ${MASKED_SECRET}'`)
    expect(masked).toContain(`--data-raw '{"text":"it'\\''s"}'`)
    expect(renderCurl(req, 's3cret-value')).toContain("-H 'x-api-key: s3cret-value'")
  })
  it('masks X-API-Key in any case', () => {
    expect(maskHeaders({ 'X-API-Key': 'abc', a: 'b' })).toEqual({ 'X-API-Key': MASKED_SECRET, a: 'b' })
  })
})
