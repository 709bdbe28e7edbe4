import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { handleImageHostRequest } from '../../electron/core/sandbox/image-host/index'

/**
 * Starts the sandbox image host on its own on 127.0.0.1 (mounted at /images as the sandbox mounts
 * it), for the avatar tests and the benchmark.
 */
export const startImageHost = async (): Promise<{ base: string; close: () => Promise<void> }> => {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const done = path.startsWith('/images/') ? handleImageHostRequest(req, res, path.slice('/images'.length)) : Promise.resolve(false)
    void done.then((handled) => {
      if (!handled && !res.headersSent) {
        res.writeHead(404)
        res.end()
      }
    })
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
