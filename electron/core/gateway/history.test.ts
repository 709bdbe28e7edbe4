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

  it('refuses to write an entry containing the secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'))
    dirs.push(dir)
    const profileId = randomUUID()
    await appendHistory(dir, entry(profileId), ['super-secret-1234'])
    await expect(appendHistory(dir, entry(profileId, { leaked: 'super-secret-1234' }), ['super-secret-1234'])).rejects.toMatchObject({ code: 'internal-error' })
    expect(readFileSync(join(dir, 'event-history', `${profileId}.json`), 'utf8')).not.toContain('super-secret-1234')
    expect(await readHistory(dir, profileId)).toHaveLength(1)
  })
})
