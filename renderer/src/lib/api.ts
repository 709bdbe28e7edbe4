import type { AissistBridge, CallInput, CallOutput, Channel } from '../../../shared/contract'
import type { AppError, Result } from '../../../shared/result'

declare global {
  interface Window {
    /** Set by the preload (desktop app) or the harness's bridge script (browser tests). */
    readonly aissist?: AissistBridge
  }
}

const missingBridge: AppError = {
  code: 'bridge-missing',
  message: 'This page was opened outside the Aissist app, so it cannot reach its core.',
  fix: 'Open this page from the Aissist Zendesk Setup app itself (or from the address its browser harness gives).'
}

/** True when the page runs inside the app or the harness. */
export const hasBridge = (): boolean => typeof window !== 'undefined' && Boolean(window.aissist)

/**
 * The only reader of `window.aissist`: every call of the contract, typed, answering
 * `Result<T>` (errors are data, never thrown).
 */
export const call = async <C extends Channel>(channel: C, input: CallInput<C>): Promise<Result<CallOutput<C>>> => {
  const bridge = window.aissist
  if (!bridge) return { ok: false, error: missingBridge }
  const fn = bridge[channel] as unknown as (i: CallInput<C>) => Promise<Result<CallOutput<C>>>
  try {
    return await fn(input)
  } catch (e) {
    return {
      ok: false,
      error: {
        code: 'bridge-failed',
        message: `The app's core did not answer the ${channel} request: ${e instanceof Error ? e.message : String(e)}`,
        fix: 'Try again; if it keeps failing, restart the app.'
      }
    }
  }
}

/** Subscribes to task progress; returns the unsubscribe. */
export const onTaskProgress: AissistBridge['onTaskProgress'] = (listener) => {
  const bridge = window.aissist
  if (!bridge) return () => undefined
  return bridge.onTaskProgress(listener)
}

/** Subscribes to report files opened from the app menu; returns the unsubscribe. */
export const onReportOpened: AissistBridge['onReportOpened'] = (listener) => {
  const bridge = window.aissist
  if (!bridge) return () => undefined
  return bridge.onReportOpened(listener)
}

/** A task id for cancellable work (setup, doctor, bursts). */
export const newTaskId = (): string => `t-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
