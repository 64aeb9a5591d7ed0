import { BlockList, isIP } from 'node:net'
import type { CallbackMsgElem } from '../../../common/im-callbacks'

/**
 * What the media reviewer reads from a message (issue 13 §1, reviewed after delivery), and what it
 * lets the business host connect to. Pure: no network here — media-review.ts resolves and probes.
 *
 * URLs come from the rich elements only (reference §4): TIMImageElem's ImageInfoArray[].URL (any
 * scheme, so a `file:` or `javascript:` image is caught too), http(s) URLs anywhere in a
 * TIMCustomElem's Data, Desc or Ext, and every string field of TIMFileElem, TIMVideoFileElem and
 * TIMSoundElem that is an http(s) URL (the reference does not list those elements' fields).
 * TIMTextElem is never read: text goes to the keyword filters before it is sent.
 */

/** More URLs than this in one message is a violation by itself (every one would be probed). */
export const MEDIA_URLS_MAX = 8

const FILE_LIKE = new Set(['TIMFileElem', 'TIMVideoFileElem', 'TIMSoundElem'])
/** http(s) URLs inside free text or JSON (JSON may escape `/` as `\/`, undone first). */
const URL_IN_TEXT = /https?:\/\/[^\s"'<>\\`{}|^]+/gi
const HTTP_URL = /^https?:\/\//i

/** Whether any element could carry media: text-only messages skip the reviewer entirely. */
export function hasRichElements(elements: readonly CallbackMsgElem[]): boolean {
  for (const element of elements) if (element.MsgType !== 'TIMTextElem') return true
  return false
}

/** Every URL the message's rich elements carry, once each, in order. */
export function mediaUrls(elements: readonly CallbackMsgElem[]): string[] {
  const found = new Set<string>()
  for (const element of elements) {
    const content = element.MsgContent as Record<string, unknown>
    if (element.MsgType === 'TIMImageElem') {
      const images = content.ImageInfoArray
      if (!Array.isArray(images)) continue
      for (const image of images) {
        const url = (image as { URL?: unknown } | null)?.URL
        if (typeof url === 'string' && url !== '') found.add(url.trim())
      }
    } else if (element.MsgType === 'TIMCustomElem') {
      for (const field of ['Data', 'Desc', 'Ext']) {
        const value = content[field]
        if (typeof value !== 'string') continue
        for (const match of value.replaceAll('\\/', '/').matchAll(URL_IN_TEXT)) {
          found.add(match[0])
        }
      }
    } else if (FILE_LIKE.has(element.MsgType)) {
      for (const value of Object.values(content)) {
        if (typeof value === 'string' && HTTP_URL.test(value.trim())) found.add(value.trim())
      }
    }
  }
  return [...found]
}

/** Why a URL is refused before any connection, or its parts to probe. */
export type UrlCheck =
  { ok: true; url: URL; host: string; literal: boolean } | { ok: false; reason: string }

/**
 * A URL's own checks: http or https only, no user name or password in it, and its host on the
 * room's allow-list (case-insensitive, exact: `cdn.example.com` does not admit
 * `img.cdn.example.com`). An empty allow-list admits no host — every rich-media URL is refused —
 * the seed's stance that rich media is reviewed, and the safe default.
 */
export function checkUrl(raw: string, allowHosts: readonly string[]): UrlCheck {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, reason: 'not a URL' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `scheme ${url.protocol} not allowed` }
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'credentials in URL' }
  }
  // URL keeps IPv6 literals in brackets; the allow-list and the resolver want them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  const allowed = allowHosts.some((entry) => entry.trim().toLowerCase() === host)
  if (!allowed) return { ok: false, reason: `host ${host} not allowed` }
  return { ok: true, url, host, literal: isIP(host) !== 0 }
}

/**
 * Addresses the business host must not be made to probe (SSRF): loopback, private, link-local,
 * carrier-grade NAT, benchmarking, multicast, reserved and unspecified ranges, in IPv4 and IPv6
 * (IPv4-mapped IPv6 addresses are checked as the IPv4 address they map).
 */
const privateRanges = (() => {
  const list = new BlockList()
  for (const [net, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ] as const) {
    list.addSubnet(net, prefix, 'ipv4')
  }
  for (const [net, prefix] of [
    ['::', 128],
    ['::1', 128],
    ['64:ff9b::', 96],
    ['100::', 64],
    ['2001:db8::', 32],
    ['fc00::', 7],
    ['fe80::', 10],
    ['fec0::', 10],
    ['ff00::', 8],
  ] as const) {
    list.addSubnet(net, prefix, 'ipv6')
  }
  return list
})()

const MAPPED_V4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i

/** Whether an IP address is one the reviewer refuses to connect to (see privateRanges). */
export function isPrivateAddress(address: string): boolean {
  const mapped = MAPPED_V4.exec(address)?.[1]
  if (mapped) return isPrivateAddress(mapped)
  const family = isIP(address)
  if (family === 0) return true
  return privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/**
 * The address to connect to out of what the host resolved to, or why none. Every address must be
 * public (one private answer among public ones is a rebinding attempt). The one exception: the
 * allow-list names the address itself (`127.0.0.1` for a test server, `10.0.0.5` for a LAN CDN) —
 * a host *name* that resolves to a private address is always refused.
 */
export function pickAddress(
  check: { host: string; literal: boolean },
  resolved: readonly { address: string; family: number }[],
): { address: string; family: number } | { reason: string } {
  const first = resolved[0]
  if (!first) return { reason: `host ${check.host} has no address` }
  if (check.literal) return first
  const blocked = resolved.find((entry) => isPrivateAddress(entry.address))
  if (blocked) return { reason: `host ${check.host} resolves to a private address` }
  return first
}
