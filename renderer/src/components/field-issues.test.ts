import { describe, expect, it } from 'vitest'
import { fieldIssues } from './field-issues'

const LABELS = { agentName: 'Agent name', avatarUrl: 'Avatar URL' }

describe('fieldIssues', () => {
  it("places the dispatcher's issues on the screen's fields by the path's last known key, named by label", () => {
    const r = fieldIssues(
      {
        code: 'invalid-input',
        message: 'The updateProfile request was not valid: patch.avatarUrl: Enter a full URL starting with https://.',
        fix: 'Correct the highlighted values and try again.',
        details: { issues: [{ path: ['patch', 'avatarUrl'], message: 'Enter a full URL starting with https://.' }] }
      },
      LABELS
    )
    expect(r?.byField).toEqual({ avatarUrl: 'Enter a full URL starting with https://.' })
    expect(r?.issues).toEqual([{ field: 'avatarUrl', label: 'Avatar URL', message: 'Enter a full URL starting with https://.' }])
  })

  it("drops a label the vault's message already starts with, and renames keys through aliases", () => {
    const r = fieldIssues({ code: 'invalid-input', message: 'x', fix: 'y', details: { issues: [{ path: ['agentName'], message: 'Agent name: too long' }, { path: ['value'], message: 'The secret is empty.' }] } }, { ...LABELS, keySecret: 'Key secret' }, { value: 'keySecret' })
    expect(r?.byField).toEqual({ agentName: 'too long', keySecret: 'The secret is empty.' })
  })

  it('keeps an issue of no field of the screen, unplaced, and is null without issues', () => {
    const r = fieldIssues({ code: 'invalid-input', message: 'x', fix: 'y', details: { issues: [{ path: [], message: 'Enter either the Zendesk subdomain or an API base URL.' }] } }, LABELS)
    expect(r?.issues).toEqual([{ field: null, label: null, message: 'Enter either the Zendesk subdomain or an API base URL.' }])
    expect(fieldIssues({ code: 'not-found', message: 'x', fix: 'y' }, LABELS)).toBeNull()
    expect(fieldIssues({ code: 'invalid-input', message: 'x', fix: 'y', details: { issues: 'nonsense' } }, LABELS)).toBeNull()
  })
})
