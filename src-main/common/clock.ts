/**
 * The one clock of the main process (STYLE.md: Electron and OS capabilities enter as small
 * interfaces). Code that waits takes a Clock, so tests move time by hand (test/support/manual-clock.ts)
 * instead of sleeping.
 */

/** Runs `run` once after `delayMs`; the returned function cancels it (a no-op once it ran). */
export type SetTimer = (run: () => void, delayMs: number) => () => void

export interface Clock {
  /** Unix ms. */
  now(): number
  setTimer: SetTimer
}

/**
 * Node's timers, unref'd: a pending timer never keeps a process alive on its own (servers and
 * child processes do that).
 */
export const realTimer: SetTimer = (run, delayMs) => {
  const timer = setTimeout(run, delayMs)
  timer.unref()
  return () => clearTimeout(timer)
}

export const systemClock: Clock = { now: () => Date.now(), setTimer: realTimer }
