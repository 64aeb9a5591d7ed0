/**
 * Where the Stage puts its health numbers: under the monitor (a tall panel, the 1440×900 Anchor
 * layout) or in a column beside it (a wide, short one: 1280×720, where under it they left the
 * picture 160 px high in an 800-px panel with half its width empty). OBS's docks give the preview
 * whatever the panel has; the choice here is the one with the larger picture.
 */
export type MonitorArrangement = 'stacked' | 'side'

/** The width of the health column beside the monitor (its grid is two numbers wide there). */
export const SIDE_WIDTH = 300
/** The gap between the monitor and the health, either way (the Stage's own 8 px). */
const GAP = 8
/** Another arrangement has to give a picture this much wider before the Stage moves to it. */
const HYSTERESIS = 1.1

export interface MonitorMeasure {
  /** The arrangement the numbers below were measured in. */
  arrangement: MonitorArrangement
  /** The box the monitor and the health share. */
  width: number
  height: number
  /** The health block's height as it is laid out now. */
  healthHeight: number
}

/** The width of a 16:9 picture as large as fits in `width` × `height`. */
function pictureWidth(width: number, height: number): number {
  return Math.max(0, Math.min(width, (height * 16) / 9))
}

/**
 * The arrangement with the larger picture. The health's height in the other arrangement is an
 * estimate: beside the monitor its grid is half as wide and its two charts stack, so it is about
 * twice as tall; under it, about half. The health column must fit the box's height, or the Stage
 * would scroll.
 */
export function chooseArrangement(measure: MonitorMeasure): MonitorArrangement {
  const { arrangement, width, height, healthHeight } = measure
  if (width <= 0 || height <= 0) return arrangement
  const stackedHealth = arrangement === 'stacked' ? healthHeight : healthHeight / 2
  const sideHealth = arrangement === 'side' ? healthHeight : healthHeight * 2
  const stacked = pictureWidth(width, height - GAP - stackedHealth)
  const side = sideHealth <= height ? pictureWidth(width - SIDE_WIDTH - GAP, height) : 0
  if (arrangement === 'stacked') return side > stacked * HYSTERESIS ? 'side' : 'stacked'
  return stacked > side * HYSTERESIS ? 'stacked' : 'side'
}
