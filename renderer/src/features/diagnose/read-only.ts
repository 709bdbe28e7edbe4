import { createContext, useContext } from 'react'

/**
 * Whether the chain on screen is a record (a kept run, a report someone sent) rather than this
 * run: then nothing on it may act — no fix button, no retry — only show. Check details and any
 * action beside a finding read it.
 */
export interface DiagnoseReadOnly {
  readOnly: boolean
  /** Why, in a few words ("a report made on 3 March 2026, 14:02"). */
  reason: string | null
}

export const DiagnoseReadOnlyContext = createContext<DiagnoseReadOnly>({ readOnly: false, reason: null })

/** True inside a read-only view of a past run or a report. */
export const useDiagnoseReadOnly = (): DiagnoseReadOnly => useContext(DiagnoseReadOnlyContext)
