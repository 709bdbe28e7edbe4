import { describe, expect, it } from 'vitest'
import { DoctorReport } from '../contract/doctor'
import { composeRedactors, profileSecretRedactor, redactReport } from './redact-report'
import { renderJson, renderMarkdown, suggestedReportName } from './render'

const KEY = 'KeySecretCanary-123456789'
const HOOK = 'HookSecretCanary-987654321'

const report = (): DoctorReport => ({
  format: 'aissist-zendesk-doctor-report',
  version: 2,
  generatedAt: '2026-01-02T03:04:05.000Z',
  app: { name: 'Aissist Zendesk Setup', version: '1.0.0', host: 'cli', platform: 'linux', arch: 'x64', osRelease: '6.1', node: '20.20.0' },
  profile: {
    id: '00000000-0000-4000-8000-000000000000',
    name: 'Acme | EU',
    apiBase: 'https://acme.zendesk.com/sc',
    appId: 'a'.repeat(24),
    keyId: `app_${'b'.repeat(24)}`,
    gatewayUrl: 'https://gateway.aissist.io/gateway/zendesk/conversation',
    agentName: 'Aissist',
    avatarUrl: '',
    allowPrivate: false,
    integrationId: null,
    webhookId: null,
    keySecretStored: 'present',
    webhookSecretStored: 'present'
  },
  result: {
    ok: false,
    verdict: 'fail',
    profileId: '00000000-0000-4000-8000-000000000000',
    profileName: 'Acme | EU',
    offline: false,
    cancelled: false,
    firstFailure: { checkId: 'test-events', sentence: 'The gateway rejects the webhook secret: HTTP 401.' },
    summary: '1 passed, 0 warnings, 1 failed, 0 skipped',
    startedAt: '2026-01-02T03:04:00.000Z',
    durationMs: 1234.5,
    sinceLastPass: {
      at: '2025-12-29T10:00:00.000Z',
      runId: 'r1',
      runsKept: 3,
      changes: [{ check: 'test-events', before: { status: 'pass', evidence: {} }, after: { status: 'fail', code: 'gateway-unauthorized', evidence: {} } }]
    },
    checks: [
      { id: 'keychain', title: 'Keychain', status: 'pass', message: 'The Secret Service answers.', fix: '', durationMs: 3, evidence: { backend: 'Secret Service' } },
      {
        id: 'test-events',
        title: 'Test events accepted',
        status: 'fail',
        message: `HTTP 401, sent with X-API-Key: ${HOOK}`,
        fix: 'Run setup again.',
        durationMs: 40,
        code: 'gateway-unauthorized',
        gatewayMessage: `{"error":"unauthorized","echo":"${KEY}"}`,
        evidence: { headers: { Authorization: `Basic ${btoa(`app_x:${KEY}`)}`, 'x-api-key': HOOK }, note: `secret was ${encodeURIComponent(HOOK)}` }
      }
    ]
  }
})

describe('support report rendering', () => {
  it('renders Markdown with the step that failed, the gateway answer, a table of checks and evidence', () => {
    const md = renderMarkdown(report())
    expect(md).toContain('# Aissist Zendesk diagnose report — Acme | EU')
    expect(md).toContain('**The step that failed:** The gateway rejects the webhook secret: HTTP 401.')
    expect(md).toContain('**Gateway answer:**')
    expect(md).toContain('| Name | Acme \\| EU |')
    expect(md).toContain('| 2 | Test events accepted | ❌ fail |')
    expect(md).toContain('Evidence:')
    expect(md).toContain('Generated 2026-01-02T03:04:05.000Z by Aissist Zendesk Setup 1.0.0 (cli) on linux x64 6.1')
  })

  it('renders JSON that parses back to the same report', () => {
    expect(DoctorReport.parse(JSON.parse(renderJson(report())))).toEqual(report())
  })

  it('redacts key secret, webhook secret, Authorization and X-API-Key wherever they are', () => {
    const redact = composeRedactors(profileSecretRedactor({ keyId: 'app_x', keySecret: KEY, webhookSecret: HOOK }))
    const safe = redactReport(report(), redact)
    for (const text of [JSON.stringify(safe), renderMarkdown(safe), renderJson(safe)]) {
      expect(text).not.toContain(KEY)
      expect(text).not.toContain(HOOK)
      expect(text).not.toContain(encodeURIComponent(HOOK))
      expect(text).not.toContain(btoa(`app_x:${KEY}`))
      expect(text).toContain('[REDACTED]')
    }
  })

  it('suggests a safe file name', () => {
    expect(suggestedReportName('Acme | EU', new Date('2026-01-02T03:04:05Z'), 'md')).toBe('aissist-diagnose-acme-eu-2026-01-02-03-04-05.md')
  })
})
