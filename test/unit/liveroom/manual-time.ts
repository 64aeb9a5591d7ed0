import type { SetTimer } from '../../../src-main/liveroom/frequency-control'

/** A clock and a timer queue that move only when told to. */
export function manualTime(start = 1_000_000) {
  let now = start
  const timers: { at: number; run: () => void }[] = []
  const setTimer: SetTimer = (run, delayMs) => {
    const timer = { at: now + delayMs, run }
    timers.push(timer)
    return () => void timers.splice(timers.indexOf(timer), 1)
  }
  return {
    now: () => now,
    setTimer,
    pending: () => timers.length,
    advance(ms: number) {
      now += ms
      for (const timer of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(timer), 1)
        timer.run()
      }
    },
  }
}
