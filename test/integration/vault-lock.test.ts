import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireFileLock, processStart } from '../../electron/core/vault/file-lock'
import { ProfilesDoc } from '../../electron/core/vault/profile-store'
import { storedProfile } from '../support/profile-fixture'
import { ROOT } from './vault-cli-fixture'

/**
 * Issue 15, finding 2: a lock older than 30 s counted as stale while its owner was alive, so a
 * write during a long import was overwritten. A lock is stale only when its owner is gone: pid
 * dead, or the pid now names a process that started at another time (reused).
 */
const STORE = join(ROOT, 'electron/core/vault/profile-store.ts')
let dir: string
const children: ChildProcess[] = []

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vault-lock-'))
})
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

/** A child process that adds one profile under the lock, holding it `holdMs` first. */
const writer = (name: string, n: number, holdMs: number, staleMs: number): Promise<number> => {
  const file = join(dir, `${name}.mts`)
  writeFileSync(
    file,
    `import { ProfileStore } from ${JSON.stringify(STORE)}
const store = new ProfileStore({ dataDir: ${JSON.stringify(dir)}, lock: { staleMs: ${staleMs}, waitMs: 30000 } })
await store.update(async (doc) => {
  process.stdout.write('locked\\n')
  await new Promise((r) => setTimeout(r, ${holdMs}))
  doc.profiles.push(${JSON.stringify(storedProfile(n, { name }))})
  return { doc, result: null }
})`
  )
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    children.push(child)
    child.stdout.once('data', () => writeFileSync(join(dir, `${name}.started`), ''))
    child.on('exit', (code) => resolve(code ?? -1))
  })
}

const waitFor = async (file: string): Promise<void> => {
  for (let i = 0; i < 2000; i++) {
    try {
      readFileSync(file)
      return
    } catch {
      await new Promise((r) => setTimeout(r, 10))
    }
  }
  throw new Error(`${file} never appeared`)
}

describe('the profiles lock', () => {
  it('is never taken from a live holder, however long it holds it: both writes survive', async () => {
    // The holder keeps the lock 10× longer than the stale age; the contender must wait for it.
    const holder = writer('long-import', 1, 3_000, 300)
    await waitFor(join(dir, 'long-import.started'))
    const contender = writer('late-add', 2, 0, 300)
    expect(await Promise.all([holder, contender])).toEqual([0, 0])
    const doc = ProfilesDoc.parse(JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')))
    expect(doc.profiles.map((p) => p.name).sort()).toEqual(['late-add', 'long-import'])
  })

  it('is taken from a pid that was reused (alive, but started at another time)', async () => {
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' })
    children.push(sleeper)
    const pid = sleeper.pid!
    const start = await processStart(pid)
    const lockFile = join(dir, 'profiles.json.lock')
    const lock = (s: string | null) => writeFileSync(lockFile, JSON.stringify({ pid, host: hostname(), time: Date.now(), token: 'theirs', start: s }))

    if (start !== null) {
      // Its real start time: a live owner, so we wait and give up with the owner named.
      lock(start)
      await expect(acquireFileLock(lockFile, { waitMs: 800, staleMs: 100 })).rejects.toMatchObject({ code: 'profiles-locked', details: { holderPid: pid } })
    }
    // Another start time: the pid now names another process, so the lock's owner is gone.
    lock('12345 not its start')
    const release = await acquireFileLock(lockFile, { waitMs: 2_000, staleMs: 60_000 })
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid })
    await release()
  })

  it('keeps its heartbeat fresh while held, so a holder on another host is not taken for gone', async () => {
    const lockFile = join(dir, 'profiles.json.lock')
    const release = await acquireFileLock(lockFile, { staleMs: 600 })
    const { statSync } = await import('node:fs')
    const first = statSync(lockFile).mtimeMs
    await new Promise((r) => setTimeout(r, 900))
    expect(statSync(lockFile).mtimeMs).toBeGreaterThan(first)
    await release()
  })
})
