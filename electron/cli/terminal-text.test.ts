/* eslint-disable no-control-regex -- finding control characters is what these patterns are for */
import { describe, expect, it } from 'vitest'
import { escapeForTerminal, escapeJsonForTerminal } from './terminal-text'

const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

describe('escapeForTerminal', () => {
  it('turns every control and bidi character into a visible escape', () => {
    const hostile = 'Acme\x1b]0;pwned\x07\x1b[2K\rkey secret: present\n\x1b]52;c;ZXZpbA==\x07\x00\x7f\x9b31m\u202eevil\u2066\u2028'
    const shown = escapeForTerminal(hostile)
    expect(shown).not.toMatch(RAW)
    expect(shown).toBe('Acme\\x1b]0;pwned\\x07\\x1b[2K\\rkey secret: present\\n\\x1b]52;c;ZXZpbA==\\x07\\x00\\x7f\\x9b31m\\u202eevil\\u2066\\u2028')
  })

  it('leaves ordinary text alone, including non-Latin scripts, emoji with joiners and tabs escaped', () => {
    for (const s of ['Acme GmbH', 'Société Générale', 'شركة', '株式会社', '👩‍💻 Team', 'a\u200db']) expect(escapeForTerminal(s)).toBe(s)
    expect(escapeForTerminal('a\tb')).toBe('a\\tb')
  })

  it('keeps newlines only when asked (our own multi-line help)', () => {
    expect(escapeForTerminal('one\ntwo\x1b', { keepNewlines: true })).toBe('one\ntwo\\x1b')
  })
})

describe('escapeJsonForTerminal', () => {
  it('escapes what JSON.stringify leaves raw, and parses back to the same value', () => {
    const value = { name: 'x\x1b\x9b\u202e\x7f\u2028y', n: 1 }
    const json = escapeJsonForTerminal(JSON.stringify(value, null, 2))
    expect(json).not.toMatch(/[\u001b\u007f-\u009f\u202e\u2028]/)
    expect(JSON.parse(json)).toEqual(value)
  })
})
