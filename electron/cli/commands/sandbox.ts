import { InvalidArgumentError } from 'commander'
import { untilStopped } from '../interrupt'
import type { RegisterCommand } from './index'

const parsePort = (v: string): number => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535')
  return n
}

/** The sandbox's default port: fixed, so a "Sandbox" customer keeps working between runs. */
export const DEFAULT_SANDBOX_PORT = 4780

/**
 * `aissist-zd sandbox`: runs the simulated Zendesk, gateway and image host in the foreground. The
 * first stdout line is one JSON object a script or test can read (the sandbox's keys are throwaway,
 * so they are printed as is); human logs go to stderr; SIGINT/SIGTERM stop it cleanly (exit 0).
 */
export const register: RegisterCommand = (sandbox, cli) => {
  sandbox
    .option('--port <port>', `port to listen on (0 = any free port)`, parsePort, DEFAULT_SANDBOX_PORT)
    .action(async (opts: { port: number }) => {
      const [{ startSandbox }, { sandboxInfoOf }] = await Promise.all([import('../../core/sandbox/index'), import('../../core/sandbox/types')])
      const sb = await startSandbox({ port: opts.port })
      const info = sandboxInfoOf(sb)
      cli.writeJsonText(JSON.stringify(info))
      cli.err(
        `Sandbox running on http://127.0.0.1:${sb.port}`,
        `  Zendesk API base: ${sb.zendeskUrl}`,
        `  Gateway URL:      ${sb.gatewayUrl}`,
        `  Images:           ${sb.imagesUrl}`,
        'Press Ctrl-C to stop.'
      )
      await untilStopped()
      cli.err('Stopping the sandbox…')
      await sb.close()
    })
}
