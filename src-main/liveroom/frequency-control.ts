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
 * - While the current window has room and nothing is waiting, a message is admitted at once, so a
 *   room under the cap sees no delay at all.
 * - Once the window is full, later messages wait. At the window's end the waiting ones are sorted
 *   High > Normal > Low > Lowest (random among equals); the first `maxPerWindow` are admitted and
 *   count against the new window, the rest are shed. While messages keep arriving faster than the
 *   cap, every window works this way: its arrivals compete by priority and are admitted at its end.
 *
 * So no window ever admits more than the cap, a High message is never shed while fewer than the
 * cap of High messages compete with it, and the delay exists only while the room is over the cap.
 * Within a priority the overflow is shared in rounds by sender (`among`): forty spammers cannot
 * crowd out five people who each sent one line.
 * `decide` is called exactly once per offered item: `true` admitted, `false` shed.
 */
export class FrequencyControl<T extends { priority: Priority; sender?: string }> {
  private readonly windowMs: number
  private readonly random: () => number
  private window = Number.NEGATIVE_INFINITY
  private admitted = 0
  private waiting: T[] = []
  private cancelTimer: (() => void) | undefined

  constructor(
    private options: FrequencyControlOptions,
    private readonly decide: (item: T, admitted: boolean) => void,
  ) {
    checkCap(options.maxPerWindow)
    this.windowMs = options.windowMs ?? 1000
    this.random = options.random ?? Math.random
  }

  /**
   * A new cap (the app raised or lowered its limit, issue 15 §4), from the next admission on: the
   * current window keeps what it admitted, and an overflowing window's end uses the new cap.
   */
  setCap(maxPerWindow: number): void {
    checkCap(maxPerWindow)
    this.options = { ...this.options, maxPerWindow }
  }

  /** Messages waiting for the end of an overflowing window. */
  get waitingCount(): number {
    return this.waiting.length
  }

  /** True when nothing waits and the window holds no admissions: the state can be forgotten. */
  get idle(): boolean {
    return this.waiting.length === 0 && this.windowOf(this.options.now()) !== this.window
  }

  offer(item: T): void {
    const current = this.windowOf(this.options.now())
    if (current > this.window && this.waiting.length === 0) {
      this.window = current
      this.admitted = 0
    }
    if (this.waiting.length === 0 && this.admitted < this.options.maxPerWindow) {
      this.admitted++
      this.decide(item, true)
      return
    }
    this.waiting.push(item)
    if (!this.cancelTimer) {
      const end = (this.window + 1) * this.windowMs
      this.cancelTimer = this.options.setTimer(
        () => this.endWindow(),
        Math.max(0, end - this.options.now()),
      )
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

  private windowOf(time: number): number {
    return Math.floor(time / this.windowMs)
  }

  private endWindow(): void {
    this.cancelTimer = undefined
    const competing = this.waiting
    this.waiting = []
    // A timer may fire a little early or very late; either way this starts a window after the
    // one that overflowed.
    this.window = Math.max(this.window + 1, this.windowOf(this.options.now()))
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
    const cap = this.options.maxPerWindow
    this.admitted = Math.min(cap, keyed.length)
    keyed.forEach(({ item }, index) => this.decide(item, index < cap))
  }
}
