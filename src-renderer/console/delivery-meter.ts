import type { EventPayload } from '../../src-shared/contract'

export type RoomLoad = EventPayload<'room:load-changed'>
export type LoadPriority = keyof RoomLoad['offered']

/** Highest first, as the frequency control admits them. */
export const LOAD_PRIORITIES: readonly LoadPriority[] = ['High', 'Normal', 'Low', 'Lowest']

/** How far back the meter's shed count looks. */
export const SHED_WINDOW_MS = 5 * 60 * 1000

export interface PriorityRow {
  priority: LoadPriority
  offered: number
  delivered: number
  shed: number
}

export interface LoadSummary {
  offered: number
  shed: number
  cap: number
  /** Messages the window could still have taken; 0 when at or over the cap. */
  headroom: number
  /** Messages offered beyond the cap; 0 when under it. */
  over: number
  /** Offered as a share of the cap, clamped to [0, 1], for the bar's width. */
  fill: number
  rows: PriorityRow[]
}

const sum = (counts: RoomLoad['offered']): number =>
  LOAD_PRIORITIES.reduce((total, priority) => total + counts[priority], 0)

/** One window's load as the meter shows it: totals against the cap and a row per priority. */
export function summarizeLoad(load: RoomLoad): LoadSummary {
  const offered = sum(load.offered)
  const cap = load.cap
  return {
    offered,
    shed: sum(load.shed),
    cap,
    headroom: Math.max(0, cap - offered),
    over: Math.max(0, offered - cap),
    fill: cap > 0 ? Math.min(1, offered / cap) : 0,
    rows: LOAD_PRIORITIES.map((priority) => ({
      priority,
      offered: load.offered[priority],
      delivered: Math.max(0, load.offered[priority] - load.shed[priority]),
      shed: load.shed[priority],
    })),
  }
}

/** Sheds seen, one sample per window that shed anything. */
export interface ShedSample {
  at: number
  shed: number
}

/** Adds a window's shed count seen at `now` (when it shed any) and keeps the last 5 minutes. Pure. */
export function appendShed(
  history: readonly ShedSample[],
  load: RoomLoad,
  now: number,
): readonly ShedSample[] {
  const shed = sum(load.shed)
  const kept = history.filter((sample) => sample.at > now - SHED_WINDOW_MS)
  return shed > 0 ? [...kept, { at: now, shed }] : kept
}

/** Messages shed in the 5 minutes before `now`. */
export function shedInWindow(history: readonly ShedSample[], now: number): number {
  return history.reduce(
    (total, sample) => (sample.at > now - SHED_WINDOW_MS ? total + sample.shed : total),
    0,
  )
}
