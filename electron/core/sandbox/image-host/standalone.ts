import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { handleImageHostRequest } from './index'

/**
 * The image host on its own on 127.0.0.1, mounted at `/images` as the sandbox mounts it: for the
 * avatar tests and the benchmark, which need the pictures but not the simulated Zendesk.
 */
export const startImageHostServer = async (): Promise<{ base: string; close: () => Promise<void> }> => {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://image-host.invalid').pathname
    const handled = path.startsWith('/images/') ? handleImageHostRequest(req, res, path.slice('/images'.length)) : Promise.resolve(false)
    handled
      .then((ok) => {
        if (!ok && !res.headersSent) {
          res.writeHead(404, { 'content-type': 'text/plain' })
          res.end('Not found')
        }
      })
      .catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    base: `http://127.0.0.1:${port}/images`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
