import { createHash } from 'node:crypto'

/**
 * node-media-server's signed-URL scheme: `sign=<exp>-<md5("/app/stream-<exp>-<secret>")>`, so a
 * publish URL is good for one room's stream only, until it expires.
 */
export function publishSign(streamPath: string, expiresAtSeconds: number, secret: string): string {
  const hash = createHash('md5').update(`${streamPath}-${expiresAtSeconds}-${secret}`).digest('hex')
  return `${expiresAtSeconds}-${hash}`
}

/** A signed RTMP publish URL for `/<app>/<stream>` on `host:port`, good until `expiresAtSeconds`. */
export function signedPublishUrl(options: {
  host: string
  port: number
  streamPath: string
  expiresAtSeconds: number
  secret: string
}): string {
  const { host, port, streamPath, expiresAtSeconds, secret } = options
  return `rtmp://${host}:${port}${streamPath}?sign=${publishSign(streamPath, expiresAtSeconds, secret)}`
}
