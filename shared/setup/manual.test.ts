import { describe, expect, it } from 'vitest'
import { manualChannelBot, manualCreateIntegration, manualRepairWebhook } from './manual'

describe('manual Admin Center steps', () => {
  it('give the guide\'s exact values with this profile\'s gateway', () => {
    const m = manualCreateIntegration('https://gw.example.com/hook')
    expect(m.where).toBe('Admin Center → Apps and integrations → Integrations → Conversations integrations')
    expect(m.steps.join(' ')).toContain('Create integration')
    expect(m.values).toEqual([
      { label: 'Name', value: 'Aissistant_Conversation_Integration' },
      { label: 'Webhook endpoint URL', value: 'https://gw.example.com/hook' },
      { label: 'Include full user', value: 'enabled' },
      { label: 'Include full source', value: 'enabled' },
      { label: 'Webhook subscriptions', value: 'Conversation created, Conversation message' }
    ])
    expect(manualRepairWebhook('https://gw.example.com/hook').values[0].value).toBe('https://gw.example.com/hook')
    expect(manualChannelBot().where).toBe('Admin Center → AI → AI agents')
  })
})
