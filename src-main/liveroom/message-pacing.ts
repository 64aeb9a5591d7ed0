/**
 * When a room sends its version 3 members their `messages` batch (docs/protocol.md, "Message
 * batches"). A room flushes at most once per tick, and the tick grows with the room: writing one
 * frame to each of n viewers costs about n socket writes, so a room may spend about
 * `viewerFramesPerMs` viewer-frames per ms, a tick of n / 100 ms, never over `maxTickMs`. A room
 * of 1,000 flushes every 10 ms at most (at the 40/s cap, messages come 25 ms apart, so each goes
 * out at once, as before); a room of 10,000 flushes every 100 ms, 10 frames a second per viewer
 * whatever the message rate. A message that finds the tick elapsed goes out at once (leading
 * edge); later ones wait for the end of the tick.
 */
export const viewerFramesPerMs = 100
export const maxTickMs = 100

export function tickMs(batchViewers: number): number {
  return Math.min(maxTickMs, Math.floor(batchViewers / viewerFramesPerMs))
}

/** The pacing's time: monotonic, real. Not the rooms' injectable clock: this is transport. */
export interface Pacer {
  now(): number
  /** Runs `run` in `ms`; returns the canceller. */
  later(run: () => void, ms: number): () => void
}

export const realPacer: Pacer = {
  now: () => performance.now(),
  later(run, ms) {
    const timer = setTimeout(run, ms)
    timer.unref()
    return () => clearTimeout(timer)
  },
}
