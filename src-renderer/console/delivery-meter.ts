import type { PriorityCounts, RoomLoad } from '../../src-shared/protocol/frames'

import { countsTotal, type Delivery, loadTotals } from '../../src-shared/contract'
export type { RoomLoad } from '../../src-shared/protocol/frames'
export type LoadPriority = keyof RoomLoad['offered']

/** Highest first, as the frequency control admits them. */
export const LOAD_PRIORITIES: readonly LoadPriority[] = ['High', 'Normal', 'Low', 'Lowest']

export interface PriorityRow {
  priority: LoadPriority
  offered: number
  delivered: number
  shed: number
  /** Shed at this priority in the last 5 minutes. */
  shedRecent: number
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
  /** The window came near the cap or shed something: worth the table by priority. */
  tight: boolean
  rows: PriorityRow[]
}

const NONE: PriorityCounts = { High: 0, Normal: 0, Low: 0, Lowest: 0 }

/**
 * One window's load as the meter shows it: totals against the cap, and a row per priority with
 * what the last 5 minutes shed at it (`shedRecent`, main's).
 */
export function summarizeLoad(load: RoomLoad, shedRecent: PriorityCounts = NONE): LoadSummary {
  const { offered, shed, tight } = loadTotals(load)
  const cap = load.cap
  return {
    offered,
    shed,
    cap,
    headroom: Math.max(0, cap - offered),
    over: Math.max(0, offered - cap),
    fill: cap > 0 ? Math.min(1, offered / cap) : 0,
    tight,
    rows: LOAD_PRIORITIES.map((priority) => ({
      priority,
      offered: load.offered[priority],
      delivered: Math.max(0, load.offered[priority] - load.shed[priority]),
      shed: load.shed[priority],
      shedRecent: shedRecent[priority],
    })),
  }
}

/**
 * Whether the meter has only its one line to say: no load reported, or a window with room and no
 * window in the last 5 minutes near the cap or shedding (issue 15 §1: it stays a slim bar until
 * there is load, and then keeps its height while the load is recent, so a busy second does not
 * make the panels below it jump and jump back).
 */
export function deliveryIsQuiet(delivery: Delivery): boolean {
  const summary = delivery.load ? summarizeLoad(delivery.load) : null
  return (
    !summary ||
    (!summary.tight && delivery.tightRecent === 0 && countsTotal(delivery.shedRecent) === 0)
  )
}
