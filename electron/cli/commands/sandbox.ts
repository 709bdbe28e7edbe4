import { InvalidArgumentError } from 'commander'
import { startSandbox } from '../../core/sandbox/index'
import type { RegisterCommand } from './index'

const parsePort = (v: string): number => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535')
  return n
}

/** The sandbox's default port: fixed, so a "Sandbox" profile keeps working between runs. */
export const DEFAULT_SANDBOX_PORT = 4780

/**
 * `aissist-zd sandbox`: runs the simulated Zendesk, gateway and image host in the foreground. The
 * first stdout line is one JSON object a script or test can read (the sandbox's keys are throwaway,
 * so they are printed as is); human logs go to stderr; SIGINT/SIGTERM stop it cleanly (exit 0).
 */
export const registerSandboxCommand: RegisterCommand = (program, cli) => {
  program
    .command('sandbox')
    .description('run a local simulated Zendesk, Aissist gateway and image host (Ctrl-C stops it)')
    .option('--port <port>', `port to listen on (0 = any free port)`, parsePort, DEFAULT_SANDBOX_PORT)
    .action(async (opts: { port: number }) => {
      const sb = await startSandbox({ port: opts.port })
      const info = {
        zendeskUrl: sb.zendeskUrl,
        gatewayUrl: sb.gatewayUrl,
        imagesUrl: sb.imagesUrl,
        appId: sb.appId,
        keyId: sb.keyId,
        keySecret: sb.keySecret,
        controlUrl: sb.controlUrl,
        controlToken: sb.controlToken
      }
      cli.io.stdout.write(`${JSON.stringify(info)}\n`)
      cli.io.stderr.write(`Sandbox running on http://127.0.0.1:${sb.port}\n  Zendesk API base: ${sb.zendeskUrl}\n  Gateway URL:      ${sb.gatewayUrl}\n  Images:           ${sb.imagesUrl}\nPress Ctrl-C to stop.\n`)
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
          resolve()
        }
        process.on('SIGINT', stop)
        process.on('SIGTERM', stop)
      })
      cli.io.stderr.write('Stopping the sandbox…\n')
      await sb.close()
    })
}
