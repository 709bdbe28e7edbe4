import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createHandlers } from '../core/api/handlers'
import { createServices } from '../core/services'
import { startEmbeddedSandboxAtLaunch } from '../core/sandbox/embedded'
import { createHarnessHost } from './harness-host'
import { startHarness } from './server'

/**
 * `node out/main/harness.js [--port N] [--data-dir D] [--token T]`: serves the built renderer and the
 * contract on 127.0.0.1 and prints one JSON line `{url, openUrl, token, dataDir}` on stdout.
 */
const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      token: { type: 'string' },
      'renderer-dir': { type: 'string' }
    }
  })
  // Tests shorten the 30 s clipboard clear delay to watch a copied secret disappear.
  const clearMs = Number(process.env.AISSIST_CLIPBOARD_CLEAR_MS)
  const clipboardClearMs = process.env.AISSIST_CLIPBOARD_CLEAR_MS && Number.isInteger(clearMs) && clearMs > 0 ? clearMs : undefined
  const services = createServices({ dataDir: values['data-dir'] ?? process.env.AISSIST_DATA_DIR, ...(clipboardClearMs ? { vault: { clipboardClearMs } } : {}) })
  const host = createHarnessHost(join(services.dataDir, 'exports'), (line) => process.stderr.write(`[harness] ${line}\n`))
  // As in the desktop app: the sandbox profile's sandbox runs, and `npm start` creates it on a first run.
  await startEmbeddedSandboxAtLaunch(services, { autoCreate: process.env.AISSIST_AUTO_SANDBOX === '1' })
  const harness = await startHarness({
    rendererDir: values['renderer-dir'] ?? join(__dirname, '..', 'renderer'),
    services,
    host,
    handlers: createHandlers(),
    port: Number(values.port),
    token: values.token ?? process.env.AISSIST_HARNESS_TOKEN
  })
  process.stdout.write(`${JSON.stringify({ url: harness.url, openUrl: harness.openUrl, token: harness.token, dataDir: services.dataDir })}\n`)
  process.stderr.write(`[harness] serving the app at ${harness.openUrl}\n[harness] Ctrl-C to stop.\n`)
  const stop = (): void => {
    void services
      .shutdown()
      .then(() => harness.close())
      .then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main().catch((e: unknown) => {
  process.stderr.write(`[harness] failed to start: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
