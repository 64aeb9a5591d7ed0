import type { StreamStatus } from '../../../src-shared/contract/stream'

/** One health sample a second; five minutes of them feed the sparklines. */
export const HISTORY_SECONDS = 300

export interface HealthSample {
  at: number
  fps: number
  bitrateKbps: number
}

/** Appends the status's health (if any) and keeps the last five minutes. Pure. */
export function appendHealth(
  history: readonly HealthSample[],
  status: StreamStatus,
  now: number,
): HealthSample[] {
  if (!status.health || status.state === 'stopped') return history as HealthSample[]
  const sample = { at: now, fps: status.health.fps, bitrateKbps: status.health.bitrateKbps ?? 0 }
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
