import { isIP } from 'node:net'
import os from 'node:os'

/**
 * The Host header check of our HTTP servers (issue 9 §5), against DNS rebinding: a page on
 * evil.example whose name is made to resolve to 127.0.0.1 reaches our port as "same origin", but
 * its requests still say `Host: evil.example`. A name we do not know is refused; an IP literal is
 * never a rebinding (the browser went to that address itself), nor is `localhost`.
 */

/** `Host: name[:port]` or `[v6]:port` → the name, lower case, without brackets; null if malformed. */
export function hostnameOf(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null
  const value = hostHeader.trim().toLowerCase()
  const v6 = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(value)
  if (v6) return v6[1] ?? null
  const plain = /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(value)
  return plain?.[1]?.replace(/\.$/, '') ?? null
}

/** The port of a Host header, or null when it names none. */
export function portOf(hostHeader: string | undefined): number | null {
  const match = /:(\d{1,5})$/.exec(hostHeader?.trim() ?? '')
  return match?.[1] && !hostHeader?.trim().endsWith(']') ? Number(match[1]) : null
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms: a socket from this machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address
  if (isIP(v4) === 4) return v4.startsWith('127.')
  return address === '::1'
}

/** A name this machine answers to by itself: loopback addresses and `localhost` (RFC 6761). */
export function isLoopbackHostname(name: string | null): boolean {
  if (!name) return false
  return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name)
}

/** This machine's own names, which a LAN device may use instead of its address. */
export function machineNames(): string[] {
  const name = os.hostname().toLowerCase()
  return name ? [name, `${name}.local`] : []
}

/**
 * Whether a request's Host is one of ours: an IP literal, a loopback name, or one of `names` (the
 * machine's names and the ones the user allowed, e.g. a public name behind a reverse proxy).
 */
export function hostAllowed(hostHeader: string | undefined, names: readonly string[]): boolean {
  const name = hostnameOf(hostHeader)
  if (!name) return false
  if (isIP(name) !== 0 || isLoopbackHostname(name)) return true
  return names.some((allowed) => allowed.toLowerCase().replace(/\.$/, '') === name)
}
