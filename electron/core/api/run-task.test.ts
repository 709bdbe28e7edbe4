import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { TaskProgress } from '../../../shared/contract/push'
import { createServices } from '../services'
import type { HandlerContext } from './context'
import { createMemoryClipboard } from './host'
import { runTask } from './run-task'
import { TaskRegistry } from './tasks'

const dataDir = mkdtempSync(join(tmpdir(), 'run-task-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const context = (pushed: TaskProgress[]): HandlerContext => ({
  services: createServices({ dataDir, keychainService: `aissist-run-task-${process.pid}` }),
  tasks: new TaskRegistry(),
  emit: (_name, payload) => void pushed.push(payload as TaskProgress),
  host: { kind: 'cli', clipboard: createMemoryClipboard(), openExternal: async () => undefined, showFolder: async () => undefined, chooseSavePath: async () => null }
})

describe('runTask', () => {
  it('pushes typed progress under the task id and kind, and answers what the work answers', async () => {
    const pushed: TaskProgress[] = []
    const value = await runTask(context(pushed), { id: 'task-burst-1', kind: 'burst' }, async ({ progress }) => {
      progress({ done: 1, total: 2, lastMs: 3 })
      progress({ done: 2, total: 2, lastMs: 4 })
      return 'finished'
    })
    expect(value).toBe('finished')
    expect(pushed).toEqual([
      { taskId: 'task-burst-1', kind: 'burst', payload: { done: 1, total: 2, lastMs: 3 } },
      { taskId: 'task-burst-1', kind: 'burst', payload: { done: 2, total: 2, lastMs: 4 } }
    ])
  })

  it('is cancelled by its id while it runs, and ends (forgets the id) however the work ends', async () => {
    const ctx = context([])
    let seen: AbortSignal | null = null
    const running = runTask(ctx, { id: 'task-cancel-1', kind: 'doctor' }, async ({ signal }) => {
      seen = signal
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))
      return signal.aborted
    })
    expect(ctx.tasks.cancel('task-cancel-1')).toBe(true)
    expect(await running).toBe(true)
    expect(seen).not.toBeNull()
    expect(ctx.tasks.cancel('task-cancel-1')).toBe(false)

    await expect(runTask(ctx, { id: 'task-throws-1', kind: 'setup' }, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(ctx.tasks.cancel('task-throws-1')).toBe(false)
  })
})
