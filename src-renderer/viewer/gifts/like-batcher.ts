/**
 * The page's side of likes (the seed: the client throttles and aggregates, one message per short
 * window with the count): taps are counted at once, and at most one like message goes out per
 * window carrying every tap since the last. A send that fails keeps its taps for the next window,
 * so likes are aggregated, never dropped. Timers come in, so tests run it by hand.
 */
export class LikeBatcher {
  private pending = 0
  private cancel: (() => void) | undefined
  private sending = false

  constructor(
    private readonly deps: {
      setTimer: (run: () => void, ms: number) => () => void
      /** Sends one like message carrying `count` taps; resolves true when the room took it. */
      send: (count: number) => Promise<boolean>
      windowMs?: number
      /** Most taps one message carries (the business host counts at most this many). */
      maxPerMessage?: number
    },
  ) {}

  tap(): void {
    this.pending++
    this.arm()
  }

  /** Taps counted and not yet sent. */
  get waiting(): number {
    return this.pending
  }

  close(): void {
    this.cancel?.()
    this.cancel = undefined
  }

  private arm(): void {
    if (this.cancel || this.sending) return
    this.cancel = this.deps.setTimer(() => void this.flush(), this.deps.windowMs ?? 500)
  }

  private async flush(): Promise<void> {
    this.cancel = undefined
    const count = Math.min(this.pending, this.deps.maxPerMessage ?? 100)
    if (count === 0) return
    this.pending -= count
    this.sending = true
    let sent = false
    try {
      sent = await this.deps.send(count)
    } catch {
      sent = false
    }
    this.sending = false
    if (!sent) this.pending += count
    if (this.pending > 0) this.arm()
  }
}
