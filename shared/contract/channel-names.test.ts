import { describe, expect, it } from 'vitest'
import { CALL_CHANNELS, EVENT_NAMES, subscriptionName } from './channel-names'
import { calls } from './index'
import { pushEvents } from './push'

describe('the channel list the preload is built from', () => {
  it('names every call of the contract, in the contract order, once', () => {
    expect([...CALL_CHANNELS]).toEqual(Object.keys(calls))
    expect(new Set(CALL_CHANNELS).size).toBe(CALL_CHANNELS.length)
  })

  it('names every event, and subscriptions are on<Event>', () => {
    expect([...EVENT_NAMES]).toEqual(Object.keys(pushEvents))
    expect(subscriptionName('taskProgress')).toBe('onTaskProgress')
  })
})
