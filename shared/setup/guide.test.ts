import { describe, expect, it } from 'vitest'
import { guideIntegrationBody, guideWebhook, INTEGRATION_NAME, normalizeUrl, sameTarget, triggersInWords } from './guide'

describe('the guide values', () => {
  it('are exactly the guide\'s', () => {
    expect(guideIntegrationBody('https://gateway.aissist.io/gateway/zendesk/conversation')).toEqual({
      type: 'custom',
      displayName: 'Aissistant_Conversation_Integration',
      webhooks: [{ target: 'https://gateway.aissist.io/gateway/zendesk/conversation', triggers: ['conversation:create', 'conversation:message'], includeFullUser: true, includeFullSource: true }]
    })
    expect(INTEGRATION_NAME).toBe('Aissistant_Conversation_Integration')
    expect(guideWebhook('x').triggers).not.toBe(guideWebhook('x').triggers)
  })

  it('compares targets as deliveries do', () => {
    expect(sameTarget('HTTPS://Gateway.Aissist.io:443/gateway/zendesk/conversation/', 'https://gateway.aissist.io/gateway/zendesk/conversation')).toBe(true)
    expect(sameTarget('https://gateway.aissist.io/gateway/zendesk/conversation?x=1', 'https://gateway.aissist.io/gateway/zendesk/conversation')).toBe(false)
    expect(sameTarget('http://127.0.0.1:8080/a', 'http://127.0.0.1:8081/a')).toBe(false)
    expect(normalizeUrl('not a url/ ')).toBe('not a url')
  })

  it('names triggers in admin words', () => {
    expect(triggersInWords(['conversation:create', 'conversation:message'])).toBe('Conversation created, Conversation message')
    expect(triggersInWords([])).toBe('none')
    expect(triggersInWords(['conversation:read'])).toBe('conversation:read')
  })
})
