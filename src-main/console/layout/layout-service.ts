import { z } from 'zod'
import {
  defaultLayout,
  LAYOUT_PRESETS,
  LayoutCode,
  LayoutPreset,
  PANEL_SPAN_MAX,
  PANEL_SPAN_MIN,
  PanelRows,
  panelsNamed,
  presetRows,
  type PanelId,
  type LayoutSnapshot,
  type PanelArrangement,
  type PanelPlacement,
} from '../../../src-shared/contract/layout'
import type { ConsoleRole } from '../../../src-shared/contract/moderators'
import type { Db } from '../store/database'

/** Whose layout: each user keeps one per role they open the console as. */
export interface LayoutOwner {
  readonly userId: string
  readonly role: ConsoleRole
}

/**
 * What a row holds, read leniently: a layout written by another build keeps what this one knows
 * (an old name maps to the panels it became, a panel it does not know is dropped, one it added is
 * placed where its preset has it, a height it did not keep is the preset's).
 */
const Stored = z.object({
  preset: LayoutPreset.catch('anchor'),
  panels: z.array(z.object({ panel: z.unknown(), span: z.number() }).loose()).catch([]),
  poppedOut: z.array(z.unknown()).catch([]),
})

/**
 * A stored arrangement made whole: known panels once each (`show` as the panels it was split
 * into, at its place and width), and each panel it lacks after the one its preset puts before it.
 */
export function normalLayout(stored: z.infer<typeof Stored>): LayoutSnapshot {
  const panels: PanelPlacement[] = []
  const seen = new Set<PanelId>()
  for (const { panel: name, span, rows } of stored.panels) {
    for (const panel of panelsNamed(name)) {
      if (seen.has(panel)) continue
      seen.add(panel)
      const height = PanelRows.safeParse(rows)
      panels.push({
        panel,
        span: Math.min(PANEL_SPAN_MAX, Math.max(PANEL_SPAN_MIN, Math.round(span) || 1)),
        rows: height.success ? height.data : presetRows(stored.preset, panel),
      })
    }
  }
  let after: PanelId | null = null
  for (const placement of LAYOUT_PRESETS[stored.preset]) {
    if (!seen.has(placement.panel)) {
      const at = after === null ? 0 : panels.findIndex((p) => p.panel === after) + 1
      panels.splice(at, 0, placement)
      seen.add(placement.panel)
    }
    after = placement.panel
  }
  const poppedOut = [...new Set(stored.poppedOut.flatMap((name) => panelsNamed(name)))]
  return { preset: stored.preset, panels, poppedOut }
}

/** The refusal of "Stay on top" outside a desktop pop-out window (the browser host's answer). */
export function stayOnTopUnavailable(): Error & { code: number } {
  return Object.assign(
    new Error('Only a pop-out window of the desktop app can stay on top of other windows'),
    { code: LayoutCode.stayOnTopUnavailable },
  )
}

/**
 * The console's frame per user and role (issue 15 §1, §2), kept in console.db. A pop-out belongs
 * to the connection of the window that shows it: when that window closes (its connection ends),
 * the panel docks back. No window outlives the app, so a start docks every panel back.
 */
export class LayoutService {
  private readonly getStmt
  private readonly putStmt
  /** Pop-outs by the connection of the window showing them. */
  private readonly held = new Map<unknown, { owner: LayoutOwner; panel: PanelId }[]>()

  constructor(
    db: Db,
    private readonly changed: (owner: LayoutOwner) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.getStmt = db.prepare<[string, string], { layout: string }>(
      'SELECT layout FROM console_layouts WHERE user_id = ? AND role = ?',
    )
    this.putStmt = db.prepare(
      `INSERT INTO console_layouts (user_id, role, layout, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(user_id, role) DO UPDATE SET layout = excluded.layout, updated_at = excluded.updated_at`,
    )
    db.prepare(
      `UPDATE console_layouts SET layout = json_set(layout, '$.poppedOut', json('[]'))
       WHERE json_valid(layout)`,
    ).run()
  }

  snapshot(owner: LayoutOwner): LayoutSnapshot {
    const row = this.getStmt.get(owner.userId, owner.role)
    if (!row) return defaultLayout(owner.role)
    try {
      const stored = Stored.safeParse(JSON.parse(row.layout))
      return stored.success ? normalLayout(stored.data) : defaultLayout(owner.role)
    } catch {
      return defaultLayout(owner.role)
    }
  }

  /** The preset's arrangement; what is popped out stays so. */
  choosePreset(owner: LayoutOwner, preset: LayoutPreset): LayoutSnapshot {
    const current = this.snapshot(owner)
    return this.put(owner, {
      preset,
      panels: [...LAYOUT_PRESETS[preset]],
      poppedOut: current.poppedOut,
    })
  }

  /** The user's own arrangement (moved or resized panels) under the preset it started from. */
  arrange(owner: LayoutOwner, panels: PanelArrangement): LayoutSnapshot {
    const current = this.snapshot(owner)
    return this.put(owner, { ...current, panels })
  }

  /** `panel` is shown by the window whose connection is `connection` until it closes. */
  popOut(owner: LayoutOwner, panel: PanelId, connection: unknown): LayoutSnapshot {
    const current = this.snapshot(owner)
    const holders = this.held.get(connection) ?? []
    if (!holders.some((h) => same(h.owner, owner) && h.panel === panel)) {
      holders.push({ owner, panel })
    }
    this.held.set(connection, holders)
    if (current.poppedOut.includes(panel)) return current
    return this.put(owner, { ...current, poppedOut: [...current.poppedOut, panel] })
  }

  /** Back in the main window (from the pop-out's "Dock back", the placeholder's, or its closing). */
  dock(owner: LayoutOwner, panel: PanelId): LayoutSnapshot {
    const current = this.snapshot(owner)
    for (const [connection, holders] of this.held) {
      const rest = holders.filter((h) => !(same(h.owner, owner) && h.panel === panel))
      if (rest.length > 0) this.held.set(connection, rest)
      else this.held.delete(connection)
    }
    if (!current.poppedOut.includes(panel)) return current
    return this.put(owner, { ...current, poppedOut: current.poppedOut.filter((p) => p !== panel) })
  }

  /** A window's connection ended: what it showed docks back. */
  connectionClosed(connection: unknown): void {
    const holders = this.held.get(connection)
    if (!holders) return
    for (const { owner, panel } of holders) this.dock(owner, panel)
  }

  private put(owner: LayoutOwner, layout: LayoutSnapshot): LayoutSnapshot {
    this.putStmt.run(owner.userId, owner.role, JSON.stringify(layout), this.now())
    this.changed(owner)
    return layout
  }
}

function same(a: LayoutOwner, b: LayoutOwner): boolean {
  return a.userId === b.userId && a.role === b.role
}
