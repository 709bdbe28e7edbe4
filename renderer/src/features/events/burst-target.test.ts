import { describe, expect, it } from 'vitest'
import { burstBlocker, gatewayIsThisComputer, hostOf } from './burst-target'

describe('where a burst goes', () => {
  it('knows a gateway on this computer from one that may serve real customers', () => {
    for (const url of ['http://127.0.0.1:4000/gateway', 'http://localhost:8080/x', 'http://[::1]:9/x', 'https://127.5.6.7/x', 'http://dev.localhost/x']) expect(gatewayIsThisComputer(url), url).toBe(true)
    for (const url of ['https://gateway.aissist.io/gateway/zendesk/conversation', 'http://10.0.0.5/x', 'http://192.168.1.2/x', 'not a url']) expect(gatewayIsThisComputer(url), url).toBe(false)
    expect(hostOf('https://gateway.aissist.io:8443/x')).toBe('gateway.aissist.io:8443')
  })

  it('refuses without a webhook secret, saying why', () => {
    expect(burstBlocker({ webhookSecretStatus: 'present' })).toBeNull()
    expect(burstBlocker({ webhookSecretStatus: 'missing' })).toMatch(/No webhook secret/)
    expect(burstBlocker({ webhookSecretStatus: 'unavailable' })).toMatch(/keychain/)
  })
})
