import {
  PANEL_ROWS_MAX,
  PANEL_ROWS_MIN,
  PANEL_SPAN_MAX,
  PANEL_SPAN_MIN,
  type PanelId,
  type PanelPlacement,
} from '../../../src-shared/contract'

/**
 * New arrangements the frame's tools ask main for (issue 15 §1). Each is made from main's last
 * answer and sent whole (`layout:arrange`); the dashboard draws only what main answers. Panels
 * this console does not show (the owner's, in a moderator's console) keep their places.
 */

/** `panels` with `panel` swapped with its nearest shown neighbour on the `by` side. */
export function moved(
  panels: readonly PanelPlacement[],
  panel: PanelId,
  by: -1 | 1,
  shown: (id: PanelId) => boolean,
): PanelPlacement[] {
  const next = [...panels]
  const from = next.findIndex((p) => p.panel === panel)
  let to = from + by
  while (to >= 0 && to < next.length && !shown(next[to]!.panel)) to += by
  if (from < 0 || to < 0 || to >= next.length) return next
  ;[next[from], next[to]] = [next[to]!, next[from]!]
  return next
}

/**
 * `panel` dropped where `target` was (a drag on the dashboard): the shown panels between them
 * shift by one, as the drag's preview showed; the panels not shown stay in their slots.
 */
export function droppedAt(
  panels: readonly PanelPlacement[],
  panel: PanelId,
  target: PanelId,
  shown: (id: PanelId) => boolean,
): PanelPlacement[] {
  const order = panels.filter((p) => shown(p.panel))
  const from = order.findIndex((p) => p.panel === panel)
  const to = order.findIndex((p) => p.panel === target)
  if (from < 0 || to < 0 || from === to) return [...panels]
  const [taken] = order.splice(from, 1)
  order.splice(to, 0, taken!)
  let next = 0
  return panels.map((p) => (shown(p.panel) ? order[next++]! : p))
}

/** `panels` with `panel` `span` columns wide (1–3). */
export function resized(
  panels: readonly PanelPlacement[],
  panel: PanelId,
  span: number,
): PanelPlacement[] {
  return panels.map((p) => (p.panel === panel ? { ...p, span: clampSpan(span) } : p))
}

/** `panels` with `panel` `rows` row tracks tall (1–24). */
export function reshaped(
  panels: readonly PanelPlacement[],
  panel: PanelId,
  rows: number,
): PanelPlacement[] {
  return panels.map((p) => (p.panel === panel ? { ...p, rows: clampRows(rows) } : p))
}

/**
 * The span a drag on a panel's edge snaps to: its span and the whole columns the pointer moved
 * (`columnStep` is one column and one gap, in CSS pixels), 1–3.
 */
export function spanAfterDrag(span: number, deltaX: number, columnStep: number): number {
  if (!(columnStep > 0)) return clampSpan(span)
  return clampSpan(span + Math.round(deltaX / columnStep))
}

/**
 * The height a drag on a panel's bottom edge snaps to: its rows and the whole row tracks the
 * pointer moved (`rowStep` is one track and one gap, in CSS pixels), 1–24.
 */
export function rowsAfterDrag(rows: number, deltaY: number, rowStep: number): number {
  if (!(rowStep > 0)) return clampRows(rows)
  return clampRows(rows + Math.round(deltaY / rowStep))
}

function clampRows(rows: number): number {
  return Math.min(PANEL_ROWS_MAX, Math.max(PANEL_ROWS_MIN, Math.round(rows)))
}

function clampSpan(span: number): number {
  return Math.min(PANEL_SPAN_MAX, Math.max(PANEL_SPAN_MIN, Math.round(span)))
}

/** One column and one gap of a CSS grid, from its computed style; 0 when it has no columns. */
export function columnStepOf(grid: { gridTemplateColumns: string; columnGap: string }): number {
  const first = Number.parseFloat(grid.gridTemplateColumns.split(' ')[0] ?? '')
  const gap = Number.parseFloat(grid.columnGap) || 0
  return Number.isFinite(first) ? first + gap : 0
}

/** One row track and one gap of a CSS grid, from its computed style; 0 when it has none. */
export function rowStepOf(grid: { gridAutoRows: string; rowGap: string }): number {
  const track = Number.parseFloat(grid.gridAutoRows)
  const gap = Number.parseFloat(grid.rowGap) || 0
  return Number.isFinite(track) && track > 0 ? track + gap : 0
}

/** The fewest rows a `fill` panel takes, however little of the screen is left below it. */
export const FILL_ROWS_MIN = 6

/**
 * The rows a `fill` panel spans: as many whole tracks as fit from its top (`top`, from the grid's
 * padding edge) to the bottom of the grid's view (`viewHeight`, less `paddingBottom`). One that
 * starts below the first screen takes a screen's worth (from `paddingTop`); never fewer than
 * FILL_ROWS_MIN, nor more than the most a panel may be.
 */
export function fillRows(view: {
  viewHeight: number
  paddingTop: number
  paddingBottom: number
  top: number
  rowStep: number
  rowGap: number
}): number {
  const { viewHeight, paddingTop, paddingBottom, top, rowStep, rowGap } = view
  if (!(rowStep > 0)) return FILL_ROWS_MIN
  const fits = (from: number) => Math.floor((viewHeight - paddingBottom - from + rowGap) / rowStep)
  const here = fits(top)
  const rows = here >= FILL_ROWS_MIN ? here : top > paddingTop ? fits(paddingTop) : here
  return Math.min(PANEL_ROWS_MAX, Math.max(FILL_ROWS_MIN, rows))
}
