import type { StreamStatus } from '../../../src-shared/contract/stream'

/** One health sample a second; five minutes of them feed the sparklines. */
export const HISTORY_SECONDS = 300

export interface HealthSample {
  at: number
  fps: number
  bitrateKbps: number
  /** Encoder speed (1 = real time); null when ffmpeg has not said. */
  speed: number | null
  /** Running totals since the stream started. */
  totalFrames: number
  droppedFrames: number
  skippedFrames: number
}

/** Appends the status's health (if any) and keeps the last five minutes. Pure. */
export function appendHealth(
  history: readonly HealthSample[],
  status: StreamStatus,
  now: number,
): HealthSample[] {
  if (!status.health || status.state === 'stopped') return history as HealthSample[]
  const h = status.health
  const sample: HealthSample = {
    at: now,
    fps: h.fps,
    bitrateKbps: h.bitrateKbps ?? 0,
    speed: h.speed,
    totalFrames: h.totalFrames,
    droppedFrames: h.droppedFrames,
    skippedFrames: h.skippedFrames,
  }
  const from = now - HISTORY_SECONDS * 1000
  const kept = history.filter((s) => s.at > from)
  kept.push(sample)
  return kept
}

/** An SVG polyline's points for values over a width × height box, newest at the right. */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return ''
  const max = Math.max(...values, 1)
  const step = values.length > 1 ? width / (HISTORY_SECONDS - 1) : 0
  const offset = width - step * (values.length - 1)
  return values
    .map((v, i) => `${(offset + i * step).toFixed(1)},${(height - (v / max) * height).toFixed(1)}`)
    .join(' ')
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`
}

export function formatDuration(ms: number): string {
  const total = Math.floor(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(h)}:${pad(m)}:${pad(s)}`
}

export type HealthProblem = 'slow-encoder' | 'frames-lost'

/**
 * Problems worth saying in words (streamers rarely read a dropped-frames counter, streamplace
 * issue 726, peers.md §2): the encoder slower than real time for 5 s running, or more than 2% of
 * the last 10 s of frames dropped or repeated. Pure; `history` oldest first, one sample a second.
 */
export function healthProblems(history: readonly HealthSample[]): HealthProblem[] {
  const problems: HealthProblem[] = []
  const last = history.slice(-5)
  if (last.length === 5 && last.every((s) => s.speed !== null && s.speed < 0.95)) {
    problems.push('slow-encoder')
  }
  const latest = history.at(-1)
  const from = latest ? history.find((s) => s.at >= latest.at - 10_000) : undefined
  if (latest && from && latest !== from && latest.totalFrames >= from.totalFrames) {
    const frames = latest.totalFrames - from.totalFrames
    const lost =
      latest.droppedFrames - from.droppedFrames + (latest.skippedFrames - from.skippedFrames)
    // A restarted encoder counts from zero again: such a window says nothing.
    if (frames > 0 && lost >= 0 && lost / frames > 0.02) problems.push('frames-lost')
  }
  return problems
}
