import { z } from 'zod'
import type { ConsoleRole } from './moderators'

/**
 * The director console's frame (issue 15 §1, §2): which panels a user sees, in what order, how
 * wide and how tall, per user and role, and which of them are popped out into their own window.
 * Main keeps it (console.db); the renderer draws what main answers and never rebuilds it.
 */

/**
 * The console's panels as the layout places them. The show's own panels (room state, notice,
 * lottery, audience figures, level rules) each stand alone; they were one `show` column before
 * issue 15 §1 asked for each to move and pop out by itself (`legacyPanels` reads that name).
 */
export const PanelId = z.enum([
  'stage',
  'chat',
  'members',
  'review',
  'filters',
  'audit',
  'moderators',
  'gifts',
  'roomState',
  'notice',
  'lottery',
  'audience',
  'levels',
  'timeline',
  'delivery',
])
export type PanelId = z.infer<typeof PanelId>

/**
 * Names an older build stored or opened a pop-out with, and the panels they are now, in order:
 * `show` held the audience figures, the room state, the notice, the lottery and the level rules.
 */
const legacyPanels: Readonly<Record<string, readonly PanelId[]>> = {
  show: ['audience', 'roomState', 'notice', 'lottery', 'levels'],
}

/** The panels a stored name stands for: itself, an old name's panels, or none (unknown). */
export function panelsNamed(name: unknown): readonly PanelId[] {
  const id = PanelId.safeParse(name)
  if (id.success) return [id.data]
  return typeof name === 'string' && Object.hasOwn(legacyPanels, name) ? legacyPanels[name]! : []
}

export const LayoutPreset = z.enum(['anchor', 'moderator', 'producer'])
export type LayoutPreset = z.infer<typeof LayoutPreset>

/** How many of the dashboard's columns a panel spans: 1 (narrow) to 3 (the whole row). */
export const PANEL_SPAN_MIN = 1
export const PANEL_SPAN_MAX = 3

/**
 * How tall a panel is, in the dashboard's row tracks (a track and its gap each; see
 * `.dashboard` in console.css): 1 (a slim bar) to 24, or `fill`, the rest of the first screen below
 * where the panel starts (the Stage and chat fill the window the anchor watches, whatever its size).
 */
export const PANEL_ROWS_MIN = 1
export const PANEL_ROWS_MAX = 24
export const PanelRows = z.union([
  z.literal('fill'),
  z.number().int().min(PANEL_ROWS_MIN).max(PANEL_ROWS_MAX),
])
export type PanelRows = z.infer<typeof PanelRows>

/** One panel in the arrangement, in reading order. */
export const PanelPlacement = z
  .object({
    panel: PanelId,
    span: z.number().int().min(PANEL_SPAN_MIN).max(PANEL_SPAN_MAX),
    rows: PanelRows,
  })
  .strict()
export type PanelPlacement = z.infer<typeof PanelPlacement>

/**
 * An arrangement names each panel at most once. A panel it leaves out (one a newer build added)
 * is placed where its preset has it, so every panel is always somewhere.
 */
export const PanelArrangement = z
  .array(PanelPlacement)
  .min(1)
  .max(PanelId.options.length)
  .refine((panels) => new Set(panels.map((p) => p.panel)).size === panels.length, {
    message: 'Each panel may appear only once',
  })
export type PanelArrangement = z.infer<typeof PanelArrangement>

export const LayoutSnapshot = z.object({
  preset: LayoutPreset,
  panels: PanelArrangement,
  /** Panels shown in their own window now; the main window shows a placeholder instead. */
  poppedOut: z.array(PanelId),
})
export type LayoutSnapshot = z.infer<typeof LayoutSnapshot>

/**
 * The panels each preset shows, in order, how wide and how tall (issue 15 §1). The delivery meter
 * is one slim line across the top, whatever the load (its table opens over the panels below).
 */
export const LAYOUT_PRESETS: Record<LayoutPreset, readonly PanelPlacement[]> = {
  // The anchor watches the monitor: Stage wide, chat beside, then the show's state and gifts.
  anchor: [
    { panel: 'delivery', span: 3, rows: 1 },
    { panel: 'stage', span: 2, rows: 'fill' },
    { panel: 'chat', span: 1, rows: 'fill' },
    { panel: 'roomState', span: 1, rows: 10 },
    { panel: 'gifts', span: 1, rows: 10 },
    { panel: 'notice', span: 1, rows: 10 },
    { panel: 'lottery', span: 1, rows: 10 },
    { panel: 'audience', span: 1, rows: 10 },
    { panel: 'members', span: 1, rows: 10 },
    { panel: 'review', span: 1, rows: 10 },
    { panel: 'filters', span: 1, rows: 10 },
    { panel: 'audit', span: 1, rows: 10 },
    { panel: 'moderators', span: 1, rows: 10 },
    { panel: 'levels', span: 1, rows: 10 },
    { panel: 'timeline', span: 3, rows: 9 },
  ],
  // A moderator's desk: chat, what waits for review, who is here, the rules and what was done.
  moderator: [
    { panel: 'chat', span: 1, rows: 'fill' },
    { panel: 'review', span: 1, rows: 'fill' },
    { panel: 'members', span: 1, rows: 'fill' },
    { panel: 'delivery', span: 3, rows: 1 },
    { panel: 'filters', span: 1, rows: 10 },
    { panel: 'audit', span: 2, rows: 10 },
    { panel: 'stage', span: 1, rows: 10 },
    { panel: 'moderators', span: 1, rows: 10 },
    { panel: 'gifts', span: 1, rows: 10 },
    { panel: 'roomState', span: 1, rows: 10 },
    { panel: 'notice', span: 1, rows: 10 },
    { panel: 'lottery', span: 1, rows: 10 },
    { panel: 'audience', span: 1, rows: 10 },
    { panel: 'levels', span: 1, rows: 10 },
    { panel: 'timeline', span: 3, rows: 9 },
  ],
  // The producer runs the show's numbers: timeline and audience first, stage and chat beside.
  producer: [
    { panel: 'delivery', span: 3, rows: 1 },
    { panel: 'timeline', span: 2, rows: 9 },
    { panel: 'audience', span: 1, rows: 9 },
    { panel: 'stage', span: 1, rows: 10 },
    { panel: 'chat', span: 1, rows: 10 },
    { panel: 'roomState', span: 1, rows: 10 },
    { panel: 'lottery', span: 1, rows: 10 },
    { panel: 'notice', span: 1, rows: 10 },
    { panel: 'members', span: 1, rows: 10 },
    { panel: 'gifts', span: 1, rows: 10 },
    { panel: 'review', span: 1, rows: 10 },
    { panel: 'filters', span: 1, rows: 10 },
    { panel: 'audit', span: 1, rows: 10 },
    { panel: 'moderators', span: 1, rows: 10 },
    { panel: 'levels', span: 1, rows: 10 },
  ],
}

/** How tall `panel` is in `preset` when a stored arrangement does not say (an older build's). */
export function presetRows(preset: LayoutPreset, panel: PanelId): PanelRows {
  return LAYOUT_PRESETS[preset].find((p) => p.panel === panel)?.rows ?? 10
}

/** A fresh console's layout: the owner starts as the anchor, a moderator at the moderator's desk. */
export function defaultLayout(role: ConsoleRole): LayoutSnapshot {
  const preset: LayoutPreset = role === 'owner' ? 'anchor' : 'moderator'
  return { preset, panels: [...LAYOUT_PRESETS[preset]], poppedOut: [] }
}

/** A layout changed; the console of that user and role reads it again (others ignore it). */
export const LayoutChanged = z.object({ userId: z.string(), role: z.string() })

/** The layout's own refusals (15101–15199; the timeline has 15001). */
export const LayoutCode = {
  /**
   * "Stay on top" asked by a window that cannot: only the desktop app's pop-out windows can (a
   * browser tab cannot stay above other windows, and the main window is not a pop-out).
   */
  stayOnTopUnavailable: 15101,
} as const

/** Whether a pop-out window stays above other windows (issue 15 §2); chat's does at first. */
export const StayOnTop = z.object({ on: z.boolean() })
export type StayOnTop = z.infer<typeof StayOnTop>
