import {
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

/**
 * The span a drag on a panel's edge snaps to: its span and the whole columns the pointer moved
 * (`columnStep` is one column and one gap, in CSS pixels), 1–3.
 */
export function spanAfterDrag(span: number, deltaX: number, columnStep: number): number {
  if (!(columnStep > 0)) return clampSpan(span)
  return clampSpan(span + Math.round(deltaX / columnStep))
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
