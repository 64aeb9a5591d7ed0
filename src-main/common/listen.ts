import type http from 'node:http'
import type https from 'node:https'
import type { AddressInfo } from 'node:net'

/** A URL host for the bound address; wildcard binds are reached through loopback locally. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}

/** Listens on `host:port` (0: a free port) and resolves with the port; a taken port in words. */
export function listen(
  server: http.Server | https.Server,
  port: number,
  host: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${port} on ${host} is already in use; choose another with --port (0 picks a free one)`
            : `Cannot listen on ${host}:${port}: ${error.message}`,
        ),
      )
    }
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}
