import { describe, expect, it } from 'vitest'
import { safeExternalUrl } from './external-url'

describe('safeExternalUrl (the only door to shell.openExternal)', () => {
  it('lets https links to Zendesk and Aissist through, normalized', () => {
    expect(safeExternalUrl('https://support.zendesk.com/hc/en-us/articles/1')).toBe('https://support.zendesk.com/hc/en-us/articles/1')
    expect(safeExternalUrl('https://acme.zendesk.com/admin')).toBe('https://acme.zendesk.com/admin')
    expect(safeExternalUrl('https://developer.zendesk.com/api-reference/')).toBe('https://developer.zendesk.com/api-reference/')
    expect(safeExternalUrl('https://aissist.io')).toBe('https://aissist.io/')
    expect(safeExternalUrl('https://docs.aissist.io/x?y=1#z')).toBe('https://docs.aissist.io/x?y=1#z')
    expect(safeExternalUrl('HTTPS://ACME.ZENDESK.COM:443/a')).toBe('https://acme.zendesk.com/a')
    expect(safeExternalUrl('  https://aissist.io/\n')).toBe('https://aissist.io/')
    // Leading control characters are stripped by the URL parser; what is opened is the clean form.
    expect(safeExternalUrl('\u0000https://aissist.io')).toBe('https://aissist.io/')
  })

  it('refuses every other scheme', () => {
    for (const url of [
      'http://acme.zendesk.com/',
      'file:///etc/passwd',
      'file://acme.zendesk.com/share',
      'javascript:alert(1)//https://aissist.io',
      'data:text/html,<script>alert(1)</script>',
      'smb://acme.zendesk.com/share',
      'ms-msdt:/id PCWDiagnostic',
      'vbscript:msgbox',
      'ftp://aissist.io/',
      'app://aissist/index.html',
      'zoommtg://zendesk.com/join',
      'mailto:help@aissist.io'
    ]) {
      expect(safeExternalUrl(url), url).toBeNull()
    }
  })

  it('refuses look-alike hosts', () => {
    for (const url of [
      'https://zendesk.com.evil.example/',
      'https://evilzendesk.com/',
      'https://aissist.io.evil.example/',
      'https://notaissist.io/',
      'https://evil.example/zendesk.com',
      'https://evil.example/?u=https://aissist.io',
      'https://evil.example#@aissist.io',
      'https://evil.example\\@aissist.io',
      'https://evil.example%2f@aissist.io',
      'https://aissist.io./',
      'https://xn--zndesk-bva.com/',
      'https://127.0.0.1/',
      'https://[::1]/',
      'https://localhost/'
    ]) {
      expect(safeExternalUrl(url), url).toBeNull()
    }
  })

  it('refuses credentials in the URL and non-default ports', () => {
    expect(safeExternalUrl('https://user:pass@acme.zendesk.com/')).toBeNull()
    expect(safeExternalUrl('https://aissist.io@evil.example/')).toBeNull()
    expect(safeExternalUrl('https://user@aissist.io/')).toBeNull()
    expect(safeExternalUrl('https://aissist.io:8443/')).toBeNull()
    expect(safeExternalUrl('https://aissist.io:1/')).toBeNull()
  })

  it('refuses garbage without throwing', () => {
    for (const input of ['', ' ', 'aissist.io', '//aissist.io', 'https://', 'https://%zz', 'x'.repeat(100_000)]) {
      expect(() => safeExternalUrl(input)).not.toThrow()
      expect(safeExternalUrl(input), JSON.stringify(input.slice(0, 40))).toBeNull()
    }
  })

  it('only ever returns https URLs on an allowlisted host (seeded sweep)', () => {
    let seed = 7
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
    const bits = ['https://', 'http://', 'file:', '//', 'aissist.io', 'zendesk.com', '.', '@', ':', '443', '\\', '%2e', '/', 'evil', '#', '?', 'acme.', 'javascript:']
    for (let i = 0; i < 3000; i++) {
      const input = Array.from({ length: 1 + (next() % 7) }, () => bits[next() % bits.length]).join('')
      const out = safeExternalUrl(input)
      if (out === null) continue
      const u = new URL(out)
      expect(u.protocol, input).toBe('https:')
      expect(u.username + u.password, input).toBe('')
      expect(/(^|\.)(zendesk\.com|aissist\.io|zendesk\.github\.io)$/.test(u.hostname), input).toBe(true)
    }
  })
})
