/**
 * Per-user flood limit, Owncast's rule (STYLE.md): more than `messages` sends within
 * `windowMs` blocks the connection's sends for `blockMs`. Separate from the per-group frequency
 * control, which sheds silently: a flooding sender is told, with the time it may send again.
 */
export interface FloodLimitOptions {
  messages: number
  windowMs: number
  blockMs: number
}

export const defaultFloodLimit: FloodLimitOptions = { messages: 3, windowMs: 2000, blockMs: 10_000 }

export function checkFloodLimit(limit: FloodLimitOptions): void {
  for (const key of ['messages', 'windowMs', 'blockMs'] as const) {
    if (!Number.isSafeInteger(limit[key]) || limit[key] < 1) {
      throw new Error(`floodLimit.${key} must be a positive integer (got ${String(limit[key])})`)
    }
  }
}

export class FloodGate {
  private sent: number[] = []
  private blockedUntil = 0

  constructor(private readonly limit: FloodLimitOptions) {}

  /**
   * Counts a send at `now`. Answers 0 when it may go ahead, else the time (ms) from which the
   * connection may send again; an attempt during a block does not extend it.
   */
  /** Nothing counted and no block: the gate may be forgotten. */
  idle(now: number): boolean {
    return now >= this.blockedUntil && this.sent.every((time) => time <= now - this.limit.windowMs)
  }

  take(now: number): number {
    if (now < this.blockedUntil) return this.blockedUntil
    const since = now - this.limit.windowMs
    this.sent = this.sent.filter((time) => time > since)
    if (this.sent.length >= this.limit.messages) {
      this.sent = []
      this.blockedUntil = now + this.limit.blockMs
      return this.blockedUntil
    }
    this.sent.push(now)
    return 0
  }
}
