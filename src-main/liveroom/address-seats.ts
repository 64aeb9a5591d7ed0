/** Tencent publishes no per-address limit; 64 seats a household, a LAN party or a small NAT. */
export const defaultMaxConnectionsPerAddress = 64

/**
 * Open connections per remote address, so one address cannot hold thousands of sockets (and their
 * buffers) of the room server (issue 9). IPv4-mapped IPv6 addresses count as their IPv4 address.
 * `max` 0 turns the cap off.
 */
export class AddressSeats {
  private readonly open = new Map<string, number>()

  constructor(readonly max: number) {}

  /** Takes a seat for `address`; false when it holds `max` already (nothing is taken then). */
  take(address: string): boolean {
    const key = normalizeAddress(address)
    const held = this.open.get(key) ?? 0
    if (this.max > 0 && held >= this.max) return false
    this.open.set(key, held + 1)
    return true
  }

  /** Gives back a seat `take` granted. */
  release(address: string): void {
    const key = normalizeAddress(address)
    const held = this.open.get(key) ?? 0
    if (held <= 1) this.open.delete(key)
    else this.open.set(key, held - 1)
  }

  held(address: string): number {
    return this.open.get(normalizeAddress(address)) ?? 0
  }
}

export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address
}
