import type { Priority } from '../../src-shared/protocol/frames'
import type { SetTimer } from '../common/clock'

export interface FrequencyControlOptions {
  /** Messages admitted per window (Tencent: 40 per second per group, reference §1.1). */
  maxPerWindow: number
  windowMs?: number
  now: () => number
  setTimer: SetTimer
  /** [0, 1); decides among messages of equal priority. */
  random?: () => number
  /**
   * How messages of one priority share an overflowing window: `senders` (the default) in rounds —
   * every sender's first message before anyone's second, random within a round — so one sender
   * cannot take more than a fair share; `random`, Tencent's rule as its docs state it (reference
   * §1.1), kept for comparison (the starvation bench's baseline).
   */
  among?: 'senders' | 'random'
}

function checkCap(maxPerWindow: number): void {
  if (!Number.isSafeInteger(maxPerWindow) || maxPerWindow < 1) {
    throw new Error(`maxMessagesPerSecond must be a positive integer (got ${maxPerWindow})`)
  }
}

const rank: Record<Priority, number> = { High: 0, Normal: 1, Low: 2, Lowest: 3 }

/**
 * Per-group frequency control with priorities (reference §1.1), built for low latency:
 *
 * - The budget is a bucket of `maxPerWindow` places that refills at `maxPerWindow` per window. While
 *   it holds a place and nothing is waiting, a message is admitted at once, so a room under the cap
 *   sees no delay at all — and neither does a sender at the cap whose messages arrive unevenly
 *   (a fixed, aligned window would make every message after a late burst wait for a window's end).
 * - Once the bucket is empty, later messages wait for one window. At its end the waiting ones are
 *   sorted High > Normal > Low > Lowest (random among equals); as many as the bucket then holds (at
 *   most `maxPerWindow`) are admitted, the rest are shed. While messages keep arriving faster than
 *   the cap, every window works this way: its arrivals compete by priority and are admitted at its
 *   end.
 *
 * So no window of waiting admits more than the cap, any span of `L` windows admits at most
 * `(1 + L) × maxPerWindow` (what aligned windows allow too) and the long-run rate never exceeds the
 * cap; a High message is never shed while fewer than the cap of High messages compete with it, and
 * the delay exists only while the room is over the cap. Within a priority the overflow is shared in
 * rounds by sender (`among`): forty spammers cannot crowd out five people who each sent one line.
 * `decide` is called exactly once per offered item: `true` admitted, `false` shed.
 */
export class FrequencyControl<T extends { priority: Priority; sender?: string }> {
  private readonly windowMs: number
  private readonly random: () => number
  /** Places in the bucket at `filledAt`; fractional between refills. */
  private places: number
  private filledAt = Number.NEGATIVE_INFINITY
  private waiting: T[] = []
  private cancelTimer: (() => void) | undefined

  constructor(
    private options: FrequencyControlOptions,
    private readonly decide: (item: T, admitted: boolean) => void,
  ) {
    checkCap(options.maxPerWindow)
    this.windowMs = options.windowMs ?? 1000
    this.random = options.random ?? Math.random
    this.places = options.maxPerWindow
  }

  /**
   * A new cap (the app raised or lowered its limit, issue 15 §4), from the next admission on: the
   * bucket gains (or loses) the difference at once, so a second that admitted 3 of 3 admits 5 more
   * when the cap becomes 8, and refills at the new rate from now.
   */
  setCap(maxPerWindow: number): void {
    checkCap(maxPerWindow)
    this.refill()
    const gained = maxPerWindow - this.options.maxPerWindow
    this.options = { ...this.options, maxPerWindow }
    this.places = Math.min(maxPerWindow, Math.max(0, this.places + gained))
  }

  /** Messages waiting for the end of an overflowing window. */
  get waitingCount(): number {
    return this.waiting.length
  }

  /** True when nothing waits and the bucket is full again: the state can be forgotten. */
  get idle(): boolean {
    this.refill()
    return this.waiting.length === 0 && this.places >= this.options.maxPerWindow
  }

  offer(item: T): void {
    this.refill()
    if (this.waiting.length === 0 && this.places >= 1) {
      this.places--
      this.decide(item, true)
      return
    }
    this.waiting.push(item)
    if (!this.cancelTimer) {
      this.cancelTimer = this.options.setTimer(() => this.endWindow(), this.windowMs)
    }
  }

  /** Sheds whatever waits (the group is gone or the server is closing). */
  close(): void {
    this.cancelTimer?.()
    this.cancelTimer = undefined
    const shed = this.waiting
    this.waiting = []
    for (const item of shed) this.decide(item, false)
  }

  private refill(): void {
    const now = this.options.now()
    const cap = this.options.maxPerWindow
    // Before the first offer `filledAt` is -Infinity: the bucket is full.
    this.places = Math.min(cap, this.places + ((now - this.filledAt) / this.windowMs) * cap)
    this.filledAt = now
  }

  private endWindow(): void {
    this.cancelTimer = undefined
    // A timer may fire a little early: the window that overflowed ends now either way, with as
    // many places as the bucket holds but at least one (so a waiting message is never stranded).
    this.refill()
    const competing = this.waiting
    this.waiting = []
    // Each sender's messages in arrival order are its rounds 0, 1, 2, …; a message without a
    // sender is a round 0 of its own.
    const rounds = new Map<string, number>()
    const fair = (this.options.among ?? 'senders') === 'senders'
    const keyed = competing.map((item) => {
      let round = 0
      if (fair && item.sender !== undefined) {
        round = rounds.get(item.sender) ?? 0
        rounds.set(item.sender, round + 1)
      }
      return { item, rank: rank[item.priority], round, tie: this.random() }
    })
    keyed.sort((a, b) => a.rank - b.rank || a.round - b.round || a.tie - b.tie)
    const places = Math.max(1, Math.floor(this.places))
    const admitted = Math.min(places, keyed.length)
    this.places = Math.max(0, this.places - admitted)
    keyed.forEach(({ item }, index) => this.decide(item, index < places))
  }
}
