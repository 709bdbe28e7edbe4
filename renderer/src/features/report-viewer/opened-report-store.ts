import { useSyncExternalStore } from 'react'
import type { OpenedReport } from '../../../../shared/contract/doctor'
import type { AppError } from '../../../../shared/result'

/**
 * The support report open in the window, if any, and the last file that could not be opened: one
 * small store, because a report arrives from three places (the menu, a drop anywhere on the
 * window, the Open report button) and is shown on Diagnose.
 */
export interface OpenedReportState {
  opened: OpenedReport | null
  failed: { fileName: string; error: AppError } | null
}

let state: OpenedReportState = { opened: null, failed: null }
const listeners = new Set<() => void>()

const set = (next: OpenedReportState): void => {
  state = next
  for (const l of listeners) l()
}

/** Shows a report (replacing any other, and any earlier failure). */
export const showReport = (opened: OpenedReport): void => set({ opened, failed: null })

/** Says a file could not be opened (the report already open, if any, stays). */
export const reportFailed = (fileName: string, error: AppError): void => set({ ...state, failed: { fileName, error } })

/** Closes the report, back to the live Diagnose. */
export const closeReport = (): void => set({ opened: null, failed: null })

/** Forgets the last failure. */
export const dismissReportFailure = (): void => set({ ...state, failed: null })

const subscribe = (l: () => void): (() => void) => {
  listeners.add(l)
  return () => {
    listeners.delete(l)
  }
}

/** The open report and the last failure, re-rendering when either changes. */
export const useOpenedReport = (): OpenedReportState => useSyncExternalStore(subscribe, () => state)
