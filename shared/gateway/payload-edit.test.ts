import { describe, expect, it } from 'vitest'
import { buildWebhookPayload } from '../webhook-events'
import { validateRawPayload } from './payload-edit'

describe('validateRawPayload', () => {
  const good = buildWebhookPayload({ type: 'conversation:message', appId: 'a'.repeat(24), webhookId: 'b'.repeat(24), user: { id: 'c'.repeat(24) }, conversation: { id: 'd'.repeat(24) }, text: 'hi', sourceType: 'web', includeFullUser: true, includeFullSource: true, now: 0 })
  it('accepts a Zendesk payload', () => {
    expect(validateRawPayload(JSON.stringify(good))).toMatchObject({ ok: true })
  })
  it('names the bad field, and says when it is not JSON', () => {
    const bad = { ...good, events: [{ ...good.events[0], type: 'conversation:nope' }] }
    const r = validateRawPayload(JSON.stringify(bad))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0].path).toMatch(/^events\.0/)
    const j = validateRawPayload('{')
    expect(j.ok === false && j.issues[0].message).toMatch(/not valid JSON/)
    const noApp = validateRawPayload(JSON.stringify({ ...good, app: undefined }))
    expect(noApp.ok === false && noApp.issues.map((i) => i.path)).toContain('app')
  })
})
