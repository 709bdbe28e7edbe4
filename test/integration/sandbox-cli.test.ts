import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'

describe('aissist-zd sandbox', () => {
  // tsx itself (not npx, which does not relay SIGTERM) so the signal reaches the CLI process.
  it('prints one JSON line first, serves the API, and exits 0 on SIGTERM', async () => {
    const child = spawn(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['electron/cli/index.ts', 'sandbox', '--port', '0'], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], detached: false })
    const first = await new Promise<string>((resolve, reject) => {
      const rl = createInterface({ input: child.stdout })
      rl.once('line', resolve)
      child.once('exit', () => reject(new Error('exited early')))
    })
    const info = JSON.parse(first) as Record<string, string>
    expect(Object.keys(info)).toEqual(expect.arrayContaining(['zendeskUrl', 'gatewayUrl', 'imagesUrl', 'appId', 'keyId', 'keySecret']))
    const res = await fetch(`${info.zendeskUrl}/v2/apps/${info.appId}`, {
      headers: { authorization: `Basic ${Buffer.from(`${info.keyId}:${info.keySecret}`).toString('base64')}` }
    })
    expect(res.status).toBe(200)
    const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
  })
})
