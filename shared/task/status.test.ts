import { describe, expect, it } from 'vitest'
import { FINAL_STATUSES, TASK_STATUSES, isFinal, isGood } from './status'

describe('the task status vocabulary', () => {
  it('is the diagnose report\'s words, and every final status is a task status', () => {
    expect(TASK_STATUSES).toEqual(['pending', 'running', 'waiting', 'pass', 'warn', 'fail', 'skipped'])
    for (const s of FINAL_STATUSES) expect(TASK_STATUSES).toContain(s)
  })

  it('tells finished from unfinished, and what lets the next step go on', () => {
    expect(TASK_STATUSES.filter(isFinal)).toEqual(['pass', 'warn', 'fail', 'skipped'])
    expect(TASK_STATUSES.filter(isGood)).toEqual(['pass', 'warn'])
  })
})
