import { z } from 'zod'
import {
  defaultLayout,
  LAYOUT_PRESETS,
  LayoutPreset,
  PanelId,
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
 * (a panel it does not know is dropped, one it added is placed where its preset has it).
 */
const Stored = z.object({
  preset: LayoutPreset.catch('anchor'),
  panels: z.array(z.object({ panel: z.string(), span: z.number() }).loose()).catch([]),
  poppedOut: z.array(z.string()).catch([]),
})

/** A stored arrangement made whole: known panels once each, the preset's missing ones after. */
function normal(stored: z.infer<typeof Stored>): LayoutSnapshot {
  const seen = new Set<PanelId>()
  const panels: PanelPlacement[] = []
  for (const { panel, span } of stored.panels) {
    const id = PanelId.safeParse(panel)
    if (!id.success || seen.has(id.data)) continue
    seen.add(id.data)
    panels.push({ panel: id.data, span: Math.min(3, Math.max(1, Math.round(span) || 1)) })
  }
  for (const placement of LAYOUT_PRESETS[stored.preset]) {
    if (!seen.has(placement.panel)) panels.push(placement)
  }
  const poppedOut = [...new Set(stored.poppedOut)].filter((p): p is PanelId =>
    seen.has(p as PanelId),
  )
  return { preset: stored.preset, panels, poppedOut }
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
      return stored.success ? normal(stored.data) : defaultLayout(owner.role)
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
