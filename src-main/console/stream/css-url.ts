import { createHash } from 'node:crypto'
import { streamError } from './stream-error'

/**
 * Tencent Cloud Streaming Services (CSS) push and play URLs (reference/tencent-im-css.md §8.1):
 * `rtmp://DOMAIN/APP/STREAM?txSecret=MD5(KEY + STREAM + txTime)&txTime=HEX(expiry)`.
 */

/** Expiry as CSS wants it: Unix seconds in upper-case hex (Tencent's samples; §8.1). */
export function txTime(expires: Date): string {
  const seconds = Math.floor(expires.getTime() / 1000)
  if (!Number.isFinite(seconds) || seconds <= 0) throw new RangeError('Invalid expiry time')
  return seconds.toString(16).toUpperCase()
}

/**
 * MD5 over the literal txTime string as it goes into the URL: hashing the lower-case spelling
 * gives a different digest that CSS rejects (§8.1, verified against the doc's example).
 */
export function txSecret(key: string, streamName: string, time: string): string {
  return createHash('md5')
    .update(key + streamName + time)
    .digest('hex')
}

export interface CssStream {
  domain: string
  /** AppName, "live" unless the console says otherwise. */
  app?: string
  stream: string
}

export interface SignedStream extends CssStream {
  key: string
  expires: Date
}

function query(signed: { key: string; expires: Date } | undefined, streamName: string): string {
  if (!signed) return ''
  const time = txTime(signed.expires)
  return `?txSecret=${txSecret(signed.key, streamName, time)}&txTime=${time}`
}

function checkName(reason: 'cssAppName' | 'cssStreamName', label: string, value: string): void {
  // These go into a URL path unescaped, exactly as CSS signs them.
  if (!/^[A-Za-z0-9._~-]+$/.test(value)) {
    throw streamError(
      'STREAM_INVALID_SETTINGS',
      `${label} "${value}" may only use letters, digits and . _ ~ -`,
      { reason, value },
    )
  }
}

/** Refuses what the person typed wrong with a coded error; the Stage words it. */
function checkStream(s: CssStream): void {
  if (!/^[A-Za-z0-9.-]+(?::\d+)?$/.test(s.domain)) {
    throw streamError('STREAM_INVALID_SETTINGS', `Domain "${s.domain}" is not a host name`, {
      reason: 'cssDomain',
      domain: s.domain,
    })
  }
  checkName('cssAppName', 'App name', s.app ?? 'live')
  checkName('cssStreamName', 'Stream name', s.stream)
}

export function cssPushUrl(s: SignedStream): string {
  checkStream(s)
  return `rtmp://${s.domain}/${s.app ?? 'live'}/${s.stream}${query(s, s.stream)}`
}

export interface CssPlayUrls {
  rtmp: string
  flv: string
  hls: string
  webrtc: string
}

/**
 * Play URLs on the playback domain. Playback auth is off by default in CSS; when the domain has
 * it on, pass its play key and every URL carries its own signature.
 */
export function cssPlayUrls(
  s: CssStream & { key?: string; expires?: Date; https?: boolean },
): CssPlayUrls {
  checkStream(s)
  const app = s.app ?? 'live'
  if (s.key && !s.expires) throw new RangeError('A play key needs an expiry time')
  const signed = s.key && s.expires ? { key: s.key, expires: s.expires } : undefined
  const q = query(signed, s.stream)
  const http = s.https === false ? 'http' : 'https'
  return {
    rtmp: `rtmp://${s.domain}/${app}/${s.stream}${q}`,
    flv: `${http}://${s.domain}/${app}/${s.stream}.flv${q}`,
    hls: `${http}://${s.domain}/${app}/${s.stream}.m3u8${q}`,
    webrtc: `webrtc://${s.domain}/${app}/${s.stream}${q}`,
  }
}
