import { createHash } from 'node:crypto'

/**
 * node-media-server's signed-URL scheme: `sign=<exp>-<md5("/app/stream-<exp>-<secret>")>`, so a
 * publish URL is good for one room's stream only, until it expires.
 */
export function publishSign(streamPath: string, expiresAtSeconds: number, secret: string): string {
  const hash = createHash('md5').update(`${streamPath}-${expiresAtSeconds}-${secret}`).digest('hex')
  return `${expiresAtSeconds}-${hash}`
}
