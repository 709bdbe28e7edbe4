import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { isTrustedFrame, TrustedSenders, type FrameLike, type SenderContents } from './trusted-senders'

/**
 * Stand-ins for Electron's WebContents and WebFrameMain (a mock only because Electron's binary
 * cannot run here): plain objects with the fields the sender check reads.
 */
const frame = (url: string, processId = 1, routingId = 1, parent: unknown = null): FrameLike => ({ url, processId, routingId, parent })
const contents = (id: number, main: FrameLike): SenderContents & EventEmitter =>
  Object.assign(new EventEmitter(), { id, mainFrame: main }) as unknown as SenderContents & EventEmitter
const own = (url: string): boolean => url.startsWith('app://aissist/')

describe('validated IPC senders', () => {
  it('accepts only the top frame of a trusted window showing our page', () => {
    const senders = new TrustedSenders()
    const top = frame('app://aissist/index.html')
    const win = contents(7, top)
    senders.add(win)
    expect(isTrustedFrame(senders, win, top, own)).toBe(true)
    // Same frame reached as another object (Electron may hand out a fresh WebFrameMain).
    expect(isTrustedFrame(senders, win, frame('app://aissist/index.html'), own)).toBe(true)
  })
  it('refuses an unknown window, a missing frame, an iframe, another frame and a foreign URL', () => {
    const senders = new TrustedSenders()
    const top = frame('app://aissist/index.html')
    const win = contents(7, top)
    senders.add(win)
    expect(isTrustedFrame(senders, contents(8, top), top, own)).toBe(false)
    expect(isTrustedFrame(senders, win, null, own)).toBe(false)
    expect(isTrustedFrame(senders, win, undefined, own)).toBe(false)
    expect(isTrustedFrame(senders, win, frame('app://aissist/index.html', 1, 2, top), own)).toBe(false)
    expect(isTrustedFrame(senders, win, frame('app://aissist/index.html', 2, 1), own)).toBe(false)
    const navigatedAway = frame('https://evil.example/')
    expect(isTrustedFrame(senders, contents(7, navigatedAway), navigatedAway, own)).toBe(false)
  })
  it('forgets a window once it is destroyed (ids are not reused as trust)', () => {
    const senders = new TrustedSenders()
    const top = frame('app://aissist/index.html')
    const win = contents(9, top)
    senders.add(win)
    expect(senders.has(win)).toBe(true)
    win.emit('destroyed')
    expect(senders.has(win)).toBe(false)
    expect(isTrustedFrame(senders, win, top, own)).toBe(false)
  })
})
