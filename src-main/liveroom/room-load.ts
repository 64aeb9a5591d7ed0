import type { Priority, RoomLoad } from '../../src-shared/protocol/frames'
import type { SetTimer } from '../common/clock'

type PriorityCounts = RoomLoad['offered']

export interface LoadMeterOptions {
  /** The frequency control's cap per window. */
  cap: number
  windowMs?: number
  now: () => number
  setTimer: SetTimer
  report: (load: RoomLoad) => void
}

interface WindowCounts {
  offered: PriorityCounts
  shed: PriorityCounts
  /** Offered here and not yet admitted or shed (they wait for the window's end). */
  undecided: number
}

const zero = (): PriorityCounts => ({ High: 0, Normal: 0, Low: 0, Lowest: 0 })

/**
 * What one group's frequency control was offered and shed, per priority and window, for the
 * `room-load` frame (docs/protocol.md). A message counts in the window it was offered in, whichever
 * window's end decides it; a window is reported once it is over and all of its messages are
 * decided. Windows with no offers are not reported, except the first one after an active window:
 * that all-zero report tells the anchor the room has gone quiet.
 */
export class LoadMeter {
  private readonly windowMs: number
  private readonly windows = new Map<number, WindowCounts>()
  /** The window whose silence is still to be reported, after an active one. */
  private quietWindow: number | undefined
  private cancelTimer: (() => void) | undefined

  constructor(private options: LoadMeterOptions) {
    this.windowMs = options.windowMs ?? 1000
  }

  /** The cap later reports name (FrequencyControl.setCap). */
  setCap(cap: number): void {
    this.options = { ...this.options, cap }
  }

  /** Counts a message offered now; returns its window, to hand back to `decided`. */
  offered(priority: Priority): number {
    const index = this.windowOf(this.options.now())
    let counts = this.windows.get(index)
    if (!counts) {
      counts = { offered: zero(), shed: zero(), undecided: 0 }
      this.windows.set(index, counts)
    }
    counts.offered[priority]++
    counts.undecided++
    this.arm()
    return index
  }

  decided(window: number, priority: Priority, admitted: boolean): void {
    const counts = this.windows.get(window)
    if (!counts) return
    counts.undecided--
    if (!admitted) counts.shed[priority]++
    this.flush()
  }

  /** Forgets everything without reporting (the group is gone or the server is closing). */
  close(): void {
    this.cancelTimer?.()
    this.cancelTimer = undefined
    this.windows.clear()
    this.quietWindow = undefined
  }

  private windowOf(time: number): number {
    return Math.floor(time / this.windowMs)
  }

  private flush(): void {
    const current = this.windowOf(this.options.now())
    // In window order: a window still waiting for decisions holds back the ones after it.
    for (const index of [...this.windows.keys()].sort((a, b) => a - b)) {
      const counts = this.windows.get(index) as WindowCounts
      if (index >= current || counts.undecided > 0) break
      this.windows.delete(index)
      this.quietWindow = index + 1
      this.report(counts.offered, counts.shed)
    }
    const quiet = this.quietWindow
    if (quiet !== undefined && quiet < current && !this.windows.has(quiet)) {
      this.quietWindow = undefined
      this.report(zero(), zero())
    }
    this.arm()
  }

  private report(offered: PriorityCounts, shed: PriorityCounts): void {
    this.options.report({ windowMs: this.windowMs, cap: this.options.cap, offered, shed })
  }

  /** One timer at the current window's end while anything is left to report. */
  private arm(): void {
    if (this.cancelTimer) return
    if (this.windows.size === 0 && this.quietWindow === undefined) return
    const now = this.options.now()
    const end = (this.windowOf(now) + 1) * this.windowMs
    this.cancelTimer = this.options.setTimer(
      () => {
        this.cancelTimer = undefined
        this.flush()
      },
      Math.max(0, end - now),
    )
  }
}
