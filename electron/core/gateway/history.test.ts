import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { HistoryEntry } from '../../../shared/contract/test-events'
import { appendHistory, findHistoryEntry, HISTORY_CAP, newHistoryId, readHistory } from './history'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const entry = (profileId: string, body: unknown = { n: 1 }): HistoryEntry => ({
  id: newHistoryId(profileId),
  profileId,
  at: new Date().toISOString(),
  type: 'conversation:message',
  secretSource: 'keychain',
  response: {
    ok: true,
    request: { method: 'POST', url: 'https://gw.example/hook', headers: { 'x-api-key': '[REDACTED]' }, body },
    status: 200,
    timings: { totalMs: 1 },
    headers: {},
    body: '',
    bodyTruncated: false,
    redirect: null,
    error: null,
    zendeskView: { verdict: 'accepted', message: 'ok' }
  }
})

describe('event history', () => {
  it('keeps the newest entries first, capped, in one file per profile, written atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    dirs.push(dir)
    const profileId = randomUUID()
    await Promise.all(Array.from({ length: HISTORY_CAP + 5 }, (_, i) => appendHistory(dir, entry(profileId, { n: i }), ['secret-value'])))
    const list = await readHistory(dir, profileId)
    expect(list).toHaveLength(HISTORY_CAP)
    expect(readdirSync(join(dir, 'event-history'))).toEqual([`${profileId}.json`])
    expect(await findHistoryEntry(dir, list[3].id)).toEqual(list[3])
    await expect(findHistoryEntry(dir, `${profileId}.nope`)).rejects.toMatchObject({ code: 'history-entry-not-found' })
  })

  it('masks the secret in every encoding instead of refusing, and keeps the answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    dirs.push(dir)
    const profileId = randomUUID()
    const secret = 'super-secret-1234'
    const forms = [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url'), Buffer.from(secret).toString('hex'), Buffer.from(secret).toString('hex').toUpperCase()]
    await appendHistory(dir, entry(profileId), [secret])
    const echoing = entry(profileId, { leaked: secret })
    echoing.response.body = `echo ${forms.join(' ')}`
    echoing.response.headers = { 'x-echo': forms[1] }
    const stored = await appendHistory(dir, echoing, [secret])
    const text = readFileSync(join(dir, 'event-history', `${profileId}.json`), 'utf8')
    for (const f of forms) expect(text).not.toContain(f)
    const list = await readHistory(dir, profileId)
    expect(list).toHaveLength(2)
    expect(list[0]).toEqual(stored)
    expect(list[0].response.body).toBe('echo [REDACTED] [REDACTED] [REDACTED] [REDACTED] [REDACTED]')
    expect(list[0].response.headers).toEqual({ 'x-echo': '[REDACTED]' })
    expect(list[0].response.request.body).toEqual({ leaked: '[REDACTED]' })
  })
})
