import { ONLINE_WINDOW_MS, type OnlineSample } from '../../src-shared/contract'

/**
 * An SVG polyline's points: a step line of the count over the hour before `now` in a width ×
 * height box (the count holds until it changes), scaled to the highest count shown.
 */
export function onlinePoints(
  history: readonly OnlineSample[],
  now: number,
  width: number,
  height: number,
): string {
  if (history.length === 0) return ''
  const from = now - ONLINE_WINDOW_MS
  const max = Math.max(1, ...history.map((s) => s.count))
  const x = (at: number) =>
    Math.min(width, ((Math.max(at, from) - from) / ONLINE_WINDOW_MS) * width)
  const y = (count: number) => height - (count / max) * height
  const points: string[] = []
  history.forEach((sample, i) => {
    if (i > 0) points.push(`${x(sample.at).toFixed(1)},${y(history[i - 1]!.count).toFixed(1)}`)
    points.push(`${x(sample.at).toFixed(1)},${y(sample.count).toFixed(1)}`)
  })
  points.push(`${width.toFixed(1)},${y(history.at(-1)!.count).toFixed(1)}`)
  return points.join(' ')
}
