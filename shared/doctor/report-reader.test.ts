import { describe, expect, it } from 'vitest'
import { looksTruncated, readReportText } from './report-reader'

const report = (over: Record<string, unknown> = {}) => ({
  format: 'aissist-zendesk-doctor-report',
  version: 2,
  generatedAt: '2026-03-02T10:00:00.000Z',
  app: { name: 'Aissist Zendesk Setup', version: '1.2.0', host: 'electron', platform: 'darwin', arch: 'arm64', osRelease: '24', node: '20' },
  profile: { id: 'p', name: 'Acme', apiBase: 'https://acme.zendesk.com/sc', appId: 'a', keyId: 'k', gatewayUrl: 'https://g', agentName: 'A', avatarUrl: '', allowPrivate: false, integrationId: null, webhookId: null, keySecretStored: 'present', webhookSecretStored: 'present' },
  result: { ok: true, verdict: 'pass', profileId: 'p', profileName: 'Acme', offline: false, cancelled: false, firstFailure: null, summary: 's', checks: [], startedAt: '2026-03-02T09:59:00.000Z', durationMs: 5, sinceLastPass: null },
  ...over
})

describe('reading a report file', () => {
  it('tells a file cut short from one broken inside', () => {
    expect(looksTruncated('{"a": [1, 2')).toBe(true)
    expect(looksTruncated('{"a": "some text with } and ] in it')).toBe(true)
    expect(looksTruncated('{"a": 1}}')).toBe(false)
    expect(looksTruncated('{"a": [1}')).toBe(false)
    expect(looksTruncated('{"a": 1,}')).toBe(false)
  })

  it('reads the current format, strips a byte order mark, and names the file it came from', () => {
    const r = readReportText(`\uFEFF${JSON.stringify(report())}`, 'acme.json')
    expect(r).toMatchObject({ ok: true, value: { fileName: 'acme.json', formatVersion: 2, report: { profile: { name: 'Acme' } } } })
  })

  it('reads format 1 (no sinceLastPass) as what it is, brought up to date', () => {
    const { sinceLastPass: _drop, ...result } = report().result
    const r = readReportText(JSON.stringify(report({ version: 1, result })))
    expect(r).toMatchObject({ ok: true, value: { formatVersion: 1, report: { version: 2, result: { sinceLastPass: null } } } })
  })

  it('requires sinceLastPass in format 2', () => {
    const { sinceLastPass: _drop, ...result } = report().result
    expect(readReportText(JSON.stringify(report({ result })))).toMatchObject({ ok: false, error: { code: 'report-invalid', message: expect.stringContaining('result.sinceLastPass') } })
  })

  it('refuses a newer format, a Markdown report and foreign JSON, each in its own words', () => {
    expect(readReportText(JSON.stringify(report({ version: 9 })), 'r.json')).toMatchObject({ ok: false, error: { code: 'report-newer-version', fix: expect.stringContaining('Update') } })
    expect(readReportText('# Aissist Zendesk diagnose report — Acme')).toMatchObject({ ok: false, error: { code: 'report-markdown' } })
    expect(readReportText(JSON.stringify({ format: 'aissist-gateway-event-history', entries: [] }))).toMatchObject({ ok: false, error: { code: 'report-foreign', message: expect.stringContaining('test event history') } })
    expect(readReportText('"just a string"')).toMatchObject({ ok: false, error: { code: 'report-foreign', message: expect.stringContaining('a string') } })
  })
})
