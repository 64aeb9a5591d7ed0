import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { PortChange } from '../../src-shared/contract'
import type { ConsoleReach } from '../console/console-app'
import { lanAddresses, withHost } from '../common/lan'

/** A new console access token: 192 random bits. */
export function newAccessToken(): string {
  return randomBytes(24).toString('base64url')
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * The console's access token: the key in the link moderators get. It is kept in the data folder
 * (saved-addresses.ts) so the link survives a restart, until the person resets it; a reset
 * disconnects every browser that opened the old link.
 */
export class AccessLink {
  private token: string
  private readonly listeners = new Set<() => void>()

  constructor(
    token: string | undefined,
    private readonly save: (token: string) => void = () => {},
  ) {
    this.token = token ?? newAccessToken()
  }

  get current(): string {
    return this.token
  }

  matches(candidate: string | null | undefined): boolean {
    return !!candidate && safeEqual(candidate, this.token)
  }

  /**
   * The browser's cookie for the console on `port`: derived from the token and bound to the
   * port, so it is not the link's key itself and a cookie of another port's console is no key
   * here (browsers send a host's cookies to all of its ports).
   */
  cookieValue(port: number): string {
    return createHmac('sha256', this.token).update(`livedesk-cookie:${port}`).digest('base64url')
  }

  cookieMatches(port: number, candidate: string | undefined): boolean {
    return !!candidate && safeEqual(candidate, this.cookieValue(port))
  }

  reset(): void {
    this.token = newAccessToken()
    this.save(this.token)
    for (const listener of [...this.listeners]) listener()
  }

  onReset(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/**
 * What the console says of how it is reached (ConsoleReach) for a browser console served with
 * `access`; `consoleUrl` answers null until that console listens.
 */
export function browserConsoleReach(options: {
  access: AccessLink
  lan: boolean
  encrypted: boolean
  consoleUrl: () => string | null
  portChanges: () => PortChange[]
}): ConsoleReach {
  return {
    lan: options.lan,
    encrypted: options.encrypted,
    consoleUrl: options.consoleUrl,
    lanConsoleUrls: () => {
      const url = options.consoleUrl()
      return url && options.lan ? lanAddresses().map((address) => withHost(url, address)) : []
    },
    portChanges: options.portChanges,
    resetAccessLink: () => options.access.reset(),
  }
}

/** The desktop app without a browser console: only the ports have something to say. */
export function desktopOnlyReach(portChanges: () => PortChange[]): ConsoleReach {
  return {
    lan: false,
    encrypted: false,
    consoleUrl: () => null,
    lanConsoleUrls: () => [],
    portChanges,
    resetAccessLink: () => {},
  }
}
