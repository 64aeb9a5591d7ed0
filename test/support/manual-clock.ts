import type { Clock, SetTimer } from '../../src-main/common/clock'

/**
 * The one fake clock of the tests: a Clock whose time moves only when told to. Timers due at the
 * same time run in the order they were set; a timer set while others run waits for its own time.
 */
export interface ManualClock extends Clock {
  /** Timers set and not yet run or cancelled. */
  pending(): number
  /** Moves time forward by `ms`, running every timer that falls due, in time order. */
  advance(ms: number): void
  /**
   * The same, for code that reacts to a timer asynchronously: after each timer runs, and at the
   * end, waits for `settle` (by default one turn of the event loop) before looking for the next.
   */
  advanceAsync(ms: number, settle?: () => Promise<void>): Promise<void>
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export function manualClock(start = 1_000_000): ManualClock {
  let now = start
  let order = 0
  const timers = new Set<{ at: number; order: number; run: () => void }>()
  const setTimer: SetTimer = (run, delayMs) => {
    const timer = { at: now + Math.max(0, delayMs), order: order++, run }
    timers.add(timer)
    // Deleting by identity: cancelling a timer that already ran (or twice) touches no other.
    return () => void timers.delete(timer)
  }
  /** Runs the earliest timer due by `until`; false when none is. */
  const runNext = (until: number): boolean => {
    let next: { at: number; order: number; run: () => void } | undefined
    for (const timer of timers) {
      if (timer.at > until) continue
      if (!next || timer.at < next.at || (timer.at === next.at && timer.order < next.order)) {
        next = timer
      }
    }
    if (!next) return false
    timers.delete(next)
    now = Math.max(now, next.at)
    next.run()
    return true
  }
  return {
    now: () => now,
    setTimer,
    pending: () => timers.size,
    advance(ms) {
      const until = now + ms
      while (runNext(until));
      now = until
    },
    async advanceAsync(ms, settle = nextTurn) {
      const until = now + ms
      while (runNext(until)) await settle()
      now = until
      await settle()
    },
  }
}
