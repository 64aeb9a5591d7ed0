/**
 * When a room sends its version 3 members their `messages` batch (docs/protocol.md, "Message
 * batches"). A room flushes at most once per tick, and the tick grows with the room: writing one
 * frame to each of n viewers costs about n socket writes, so a room may spend about
 * `viewerFramesPerMs` viewer-frames per ms, a tick of n / 100 ms, up to `sizeTickMs`. A room of
 * 1,000 flushes every 10 ms at most (at the 40/s cap, messages come 25 ms apart, so each goes out
 * at once, as before); a room of 10,000 every 100 ms, 10 frames a second per viewer whatever the
 * message rate. A message that finds the tick elapsed goes out at once (leading edge); later ones
 * wait for the end of the tick.
 *
 * A tick counts from the start of the last flush, writing included. And it stretches when writing
 * is slow: a flush that took d ms (a big room, a busy machine, a slow network stack) makes the
 * tick at least 2·d, so fan-out takes at most about half of the event loop and everything else
 * (logins, acks, the next batch) still runs in the other half; never past `maxTickMs`, so a
 * message waits at most about half a second plus one flush. (Counting from the end of a flush, as
 * it first did, left writing a third of the loop and made every message wait a third longer:
 * 1,000 viewers, whose flush takes 13–27 ms here, waited for batches 40–80 ms apart.)
 *
 * A flush of at most `shortFlushMs` does not stretch the tick: the rest of the loop waits that
 * long at most anyway, and the bare broadcast a room is measured against sends the next message
 * right after such a write. Stretching by it made a message that followed another within a few
 * ms wait twice the write: 1,000 viewers (flushes of 12 ms at the median) had p95 24–28 ms beside
 * the bare broadcast's 18 ms; without it, 19 ms beside 17 (docs/benchmarks.md).
 */
export const viewerFramesPerMs = 100
export const sizeTickMs = 100
export const maxTickMs = 500
const writeShareInverse = 2
/** A flush this short (ms) or shorter does not stretch the tick. */
export const shortFlushMs = 20

export function tickMs(batchViewers: number, lastFlushMs = 0): number {
  const bySize = Math.min(sizeTickMs, Math.floor(batchViewers / viewerFramesPerMs))
  const stretch = lastFlushMs > shortFlushMs ? Math.ceil(lastFlushMs * writeShareInverse) : 0
  return Math.min(maxTickMs, Math.max(bySize, stretch))
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
