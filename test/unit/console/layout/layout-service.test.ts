import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../../../src-main/console/contract/dispatch'
import {
  LayoutService,
  normalLayout,
  type LayoutOwner,
} from '../../../../src-main/console/layout/layout-service'
import { openConsoleDatabase, type Db } from '../../../../src-main/console/store/database'
import { commandNames, ContractCode, LAYOUT_PRESETS } from '../../../../src-shared/contract'
import { roleMay } from '../../../../src-shared/contract/moderators'

const anchor: LayoutOwner = { userId: 'anchor_1', role: 'owner' }
const mod: LayoutOwner = { userId: 'mod_7', role: 'moderator' }

function withDb(run: (file: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'livedesk-layout-'))
  try {
    run(join(dir, 'console.db'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function service(db: Db, heard: LayoutOwner[] = []): LayoutService {
  return new LayoutService(db, (owner) => heard.push(owner))
}

describe('migration 40: console_layouts', () => {
  it('creates the table keyed by user and role, refusing a role the console does not have', () => {
    const db = openConsoleDatabase(':memory:')
    const columns = db.prepare('PRAGMA table_info(console_layouts)').all() as { name: string }[]
    expect(columns.map((c) => c.name)).toEqual(['user_id', 'role', 'layout', 'updated_at'])
    expect(() =>
      db.prepare('INSERT INTO console_layouts VALUES (?, ?, ?, ?)').run('u', 'viewer', '{}', 1),
    ).toThrow(/CHECK constraint/)
    db.close()
  })
})

describe('layout service', () => {
  it('gives the owner the anchor preset and a moderator the moderator preset at first', () => {
    const db = openConsoleDatabase(':memory:')
    const layouts = service(db)
    expect(layouts.snapshot(anchor)).toEqual({
      preset: 'anchor',
      panels: LAYOUT_PRESETS.anchor,
      poppedOut: [],
    })
    expect(layouts.snapshot(mod).preset).toBe('moderator')
    db.close()
  })

  it('keeps each user’s preset and arrangement apart, across a reopen', () => {
    withDb((file) => {
      let db = openConsoleDatabase(file)
      const heard: LayoutOwner[] = []
      let layouts = service(db, heard)
      layouts.choosePreset(anchor, 'producer')
      const mine = [
        { panel: 'chat' as const, span: 2, rows: 9 },
        { panel: 'stage' as const, span: 1, rows: 'fill' as const },
      ]
      layouts.arrange(mod, mine)
      expect(heard).toEqual([anchor, mod])
      db.close()

      db = openConsoleDatabase(file)
      layouts = service(db)
      expect(layouts.snapshot(anchor).preset).toBe('producer')
      expect(layouts.snapshot(anchor).panels).toEqual(LAYOUT_PRESETS.producer)
      // The moderator's own order and widths; the preset's other panels where it has them.
      const theirs = layouts.snapshot(mod)
      expect(theirs.preset).toBe('moderator')
      expect(theirs.panels.filter((p) => p.panel === 'chat' || p.panel === 'stage')).toEqual(mine)
      expect(theirs.panels[1]).toEqual({ panel: 'review', span: 1, rows: 'fill' })
      expect(theirs.panels.map((p) => p.panel).sort()).toEqual(
        LAYOUT_PRESETS.moderator.map((p) => p.panel).sort(),
      )
      // The same user as another role has a layout of its own.
      expect(layouts.snapshot({ userId: 'anchor_1', role: 'admin' }).preset).toBe('moderator')
      db.close()
    })
  })

  it('survives a layout written by another build: unknown panels dropped, bad sizes mended', () => {
    const db = openConsoleDatabase(':memory:')
    db.prepare('INSERT INTO console_layouts VALUES (?, ?, ?, ?)').run(
      'anchor_1',
      'owner',
      JSON.stringify({
        preset: 'anchor',
        panels: [
          { panel: 'hologram', span: 2 },
          { panel: 'chat', span: 9, rows: 40 },
          { panel: 'chat', span: 1 },
        ],
        poppedOut: ['hologram'],
        future: true,
      }),
      1,
    )
    db.prepare('INSERT INTO console_layouts VALUES (?, ?, ?, ?)').run('mod_7', 'moderator', '{', 1)
    const layouts = service(db)
    const layout = layouts.snapshot(anchor)
    // The delivery meter and Stage, which it lacks, first as the anchor preset has them; then
    // its chat, its span clamped and a height it cannot have the preset's.
    expect(layout.panels.slice(0, 3)).toEqual([
      { panel: 'delivery', span: 3, rows: 1 },
      { panel: 'stage', span: 2, rows: 'fill' },
      { panel: 'chat', span: 3, rows: 'fill' },
    ])
    expect(layout.panels.filter((p) => p.panel === 'chat')).toHaveLength(1)
    expect(layout.panels).toHaveLength(LAYOUT_PRESETS.anchor.length)
    expect(layout.poppedOut).toEqual([])
    expect(layouts.snapshot(mod).preset).toBe('moderator')
    db.close()
  })

  it('reads an arrangement with the old `show` column as its panels, at its place and width', () => {
    const db = openConsoleDatabase(':memory:')
    // As a build before issue 15 §1's split stored it (the anchor preset moved and widened).
    db.prepare('INSERT INTO console_layouts VALUES (?, ?, ?, ?)').run(
      'anchor_1',
      'owner',
      JSON.stringify({
        preset: 'anchor',
        panels: [
          { panel: 'chat', span: 1 },
          { panel: 'show', span: 2 },
          { panel: 'stage', span: 2 },
          { panel: 'gifts', span: 1 },
          { panel: 'members', span: 1 },
          { panel: 'review', span: 1 },
          { panel: 'filters', span: 1 },
          { panel: 'audit', span: 1 },
          { panel: 'moderators', span: 1 },
          { panel: 'timeline', span: 3 },
        ],
        poppedOut: ['show'],
      }),
      1,
    )
    const layout = service(db).snapshot(anchor)
    // Each at the height its preset gives it (the build that stored this kept none).
    expect(layout.panels.slice(0, 8)).toEqual([
      { panel: 'delivery', span: 3, rows: 1 },
      { panel: 'chat', span: 1, rows: 'fill' },
      { panel: 'audience', span: 2, rows: 10 },
      { panel: 'roomState', span: 2, rows: 10 },
      { panel: 'notice', span: 2, rows: 10 },
      { panel: 'lottery', span: 2, rows: 10 },
      { panel: 'levels', span: 2, rows: 10 },
      { panel: 'stage', span: 2, rows: 'fill' },
    ])
    expect(layout.panels.map((p) => p.panel).sort()).toEqual(
      LAYOUT_PRESETS.anchor.map((p) => p.panel).sort(),
    )
    // What a show pop-out held is its panels' (a start docks them all back anyway).
    expect(layout.poppedOut).toEqual([])
    db.close()
  })

  it('places a panel a stored arrangement lacks after the one its preset puts before it', () => {
    const stored = {
      preset: 'moderator' as const,
      panels: [
        { panel: 'review', span: 1 },
        { panel: 'chat', span: 2 },
      ],
      poppedOut: ['show', 'chat', 'hologram'],
    }
    const layout = normalLayout(stored)
    const order = layout.panels.map((p) => p.panel)
    // The moderator preset: chat, review, members, delivery, filters, …: those follow review (the
    // panel before them that is placed), and chat keeps the user's place and width.
    expect(order.slice(0, 5)).toEqual(['review', 'members', 'delivery', 'filters', 'audit'])
    expect(order.indexOf('chat')).toBeGreaterThan(order.indexOf('audit'))
    expect(layout.panels.find((p) => p.panel === 'chat')).toEqual({
      panel: 'chat',
      span: 2,
      rows: 'fill',
    })
    expect(order).toHaveLength(LAYOUT_PRESETS.moderator.length)
    expect(new Set(order).size).toBe(order.length)
    expect(layout.poppedOut).toEqual([
      'audience',
      'roomState',
      'notice',
      'lottery',
      'levels',
      'chat',
    ])
  })

  it('docks a pop-out back when its window’s connection closes, and only that one', () => {
    const db = openConsoleDatabase(':memory:')
    const layouts = service(db)
    const chatWindow = {}
    const giftsWindow = {}
    layouts.popOut(anchor, 'chat', chatWindow)
    layouts.popOut(anchor, 'gifts', giftsWindow)
    expect(layouts.snapshot(anchor).poppedOut).toEqual(['chat', 'gifts'])
    layouts.connectionClosed(chatWindow)
    expect(layouts.snapshot(anchor).poppedOut).toEqual(['gifts'])
    // "Dock back" in the main window: the pop-out's later closing changes nothing more.
    layouts.dock(anchor, 'gifts')
    layouts.popOut(anchor, 'chat', {})
    layouts.connectionClosed(giftsWindow)
    expect(layouts.snapshot(anchor).poppedOut).toEqual(['chat'])
    db.close()
  })

  it('docks every panel back at a start: no window outlives the app', () => {
    withDb((file) => {
      let db = openConsoleDatabase(file)
      service(db).popOut(anchor, 'chat', {})
      db.close()
      db = openConsoleDatabase(file)
      expect(service(db).snapshot(anchor).poppedOut).toEqual([])
      db.close()
    })
  })
})

describe('layout commands’ payloads', () => {
  const dispatch = createDispatch({
    'layout:arrange': () => {
      throw new Error('not reached')
    },
    'layout:pop-out': () => {
      throw new Error('not reached')
    },
  } as never)

  it.each([
    [
      'a panel twice',
      {
        panels: [
          { panel: 'chat', span: 1, rows: 7 },
          { panel: 'chat', span: 2, rows: 7 },
        ],
      },
    ],
    ['a span of 4', { panels: [{ panel: 'chat', span: 4, rows: 7 }] }],
    ['no height', { panels: [{ panel: 'chat', span: 1 }] }],
    ['a height of 25 rows', { panels: [{ panel: 'chat', span: 1, rows: 25 }] }],
    ['a height of 0 rows', { panels: [{ panel: 'chat', span: 1, rows: 0 }] }],
    ['a height in words', { panels: [{ panel: 'chat', span: 1, rows: 'tall' }] }],
    ['an unknown panel', { panels: [{ panel: 'hologram', span: 1, rows: 7 }] }],
    ['no panel', { panels: [] }],
    ['an extra field', { panels: [{ panel: 'chat', span: 1, rows: 7, html: '<b>' }] }],
    [
      'sixteen panels',
      { panels: Array.from({ length: 16 }, () => ({ panel: 'chat', span: 1, rows: 7 })) },
    ],
    ['the old show column', { panels: [{ panel: 'show', span: 1, rows: 7 }] }],
  ])('refuses an arrangement with %s as invalid', async (_what, input) => {
    const result = await dispatch('layout:arrange', input, { thisMachine: true })
    expect(result).toMatchObject({ ok: false, error: { code: ContractCode.invalidPayload } })
  })
})

describe('layout commands and roles', () => {
  it('lets a moderator and an admin keep a layout of their own', () => {
    const layoutCommands = commandNames.filter((n) => n.startsWith('layout:'))
    expect(layoutCommands).toHaveLength(6)
    for (const name of layoutCommands) {
      expect(roleMay('moderator', name)).toBe(true)
      expect(roleMay('admin', name)).toBe(true)
    }
  })
})
