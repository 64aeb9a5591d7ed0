import { z } from 'zod'
import type { ConsoleRole } from './moderators'

/**
 * The director console's frame (issue 15 §1, §2): which panels a user sees, in what order and how
 * wide, per user and role, and which of them are popped out into their own window. Main keeps it
 * (console.db); the renderer draws what main answers and never rebuilds it.
 */

/** The console's panels as the layout places them; `show` is the Room state / Notice column. */
export const PanelId = z.enum([
  'stage',
  'chat',
  'members',
  'review',
  'filters',
  'audit',
  'moderators',
  'gifts',
  'show',
  'timeline',
])
export type PanelId = z.infer<typeof PanelId>

export const LayoutPreset = z.enum(['anchor', 'moderator', 'producer'])
export type LayoutPreset = z.infer<typeof LayoutPreset>

/** How many of the dashboard's columns a panel spans: 1 (narrow) to 3 (the whole row). */
export const PANEL_SPAN_MIN = 1
export const PANEL_SPAN_MAX = 3

/** One panel in the arrangement, in reading order. */
export const PanelPlacement = z
  .object({
    panel: PanelId,
    span: z.number().int().min(PANEL_SPAN_MIN).max(PANEL_SPAN_MAX),
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

/** The panels each preset shows, in order, and how wide (issue 15 §1). */
export const LAYOUT_PRESETS: Record<LayoutPreset, readonly PanelPlacement[]> = {
  // The anchor watches the monitor: Stage wide, chat and gifts beside, the show's state after.
  anchor: [
    { panel: 'stage', span: 2 },
    { panel: 'chat', span: 1 },
    { panel: 'gifts', span: 1 },
    { panel: 'show', span: 1 },
    { panel: 'members', span: 1 },
    { panel: 'review', span: 1 },
    { panel: 'filters', span: 1 },
    { panel: 'audit', span: 1 },
    { panel: 'moderators', span: 1 },
    { panel: 'timeline', span: 3 },
  ],
  // A moderator's desk: chat, what waits for review, who is here, the rules and what was done.
  moderator: [
    { panel: 'chat', span: 1 },
    { panel: 'review', span: 1 },
    { panel: 'members', span: 1 },
    { panel: 'filters', span: 1 },
    { panel: 'audit', span: 2 },
    { panel: 'stage', span: 1 },
    { panel: 'moderators', span: 1 },
    { panel: 'gifts', span: 1 },
    { panel: 'show', span: 1 },
    { panel: 'timeline', span: 3 },
  ],
  // The producer runs the show's numbers: timeline and audience first, stage and chat beside.
  producer: [
    { panel: 'timeline', span: 2 },
    { panel: 'show', span: 1 },
    { panel: 'stage', span: 1 },
    { panel: 'chat', span: 1 },
    { panel: 'members', span: 1 },
    { panel: 'gifts', span: 1 },
    { panel: 'review', span: 1 },
    { panel: 'filters', span: 1 },
    { panel: 'audit', span: 1 },
    { panel: 'moderators', span: 1 },
  ],
}

/** A fresh console's layout: the owner starts as the anchor, a moderator at the moderator's desk. */
export function defaultLayout(role: ConsoleRole): LayoutSnapshot {
  const preset: LayoutPreset = role === 'owner' ? 'anchor' : 'moderator'
  return { preset, panels: [...LAYOUT_PRESETS[preset]], poppedOut: [] }
}

/** A layout changed; the console of that user and role reads it again (others ignore it). */
export const LayoutChanged = z.object({ userId: z.string(), role: z.string() })
