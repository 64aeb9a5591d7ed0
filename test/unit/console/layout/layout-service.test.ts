import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../../../src-main/console/contract/dispatch'
import { LayoutService, type LayoutOwner } from '../../../../src-main/console/layout/layout-service'
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
        { panel: 'chat' as const, span: 2 },
        { panel: 'stage' as const, span: 1 },
      ]
      layouts.arrange(mod, mine)
      expect(heard).toEqual([anchor, mod])
      db.close()

      db = openConsoleDatabase(file)
      layouts = service(db)
      expect(layouts.snapshot(anchor).preset).toBe('producer')
      expect(layouts.snapshot(anchor).panels).toEqual(LAYOUT_PRESETS.producer)
      // The moderator's own order first; the preset's other panels follow, not lost.
      const theirs = layouts.snapshot(mod)
      expect(theirs.preset).toBe('moderator')
      expect(theirs.panels.slice(0, 2)).toEqual(mine)
      expect(theirs.panels.map((p) => p.panel).sort()).toEqual(
        LAYOUT_PRESETS.moderator.map((p) => p.panel).sort(),
      )
      // The same user as another role has a layout of its own.
      expect(layouts.snapshot({ userId: 'anchor_1', role: 'admin' }).preset).toBe('moderator')
      db.close()
    })
  })

  it('survives a layout written by another build: unknown panels dropped, bad spans clamped', () => {
    const db = openConsoleDatabase(':memory:')
    db.prepare('INSERT INTO console_layouts VALUES (?, ?, ?, ?)').run(
      'anchor_1',
      'owner',
      JSON.stringify({
        preset: 'anchor',
        panels: [
          { panel: 'hologram', span: 2 },
          { panel: 'chat', span: 9 },
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
    expect(layout.panels[0]).toEqual({ panel: 'chat', span: 3 })
    expect(layout.panels.filter((p) => p.panel === 'chat')).toHaveLength(1)
    expect(layout.panels).toHaveLength(LAYOUT_PRESETS.anchor.length)
    expect(layout.poppedOut).toEqual([])
    expect(layouts.snapshot(mod).preset).toBe('moderator')
    db.close()
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
          { panel: 'chat', span: 1 },
          { panel: 'chat', span: 2 },
        ],
      },
    ],
    ['a span of 4', { panels: [{ panel: 'chat', span: 4 }] }],
    ['an unknown panel', { panels: [{ panel: 'hologram', span: 1 }] }],
    ['no panel', { panels: [] }],
    ['an extra field', { panels: [{ panel: 'chat', span: 1, html: '<b>' }] }],
    ['eleven panels', { panels: Array.from({ length: 11 }, () => ({ panel: 'chat', span: 1 })) }],
  ])('refuses an arrangement with %s as invalid', async (_what, input) => {
    const result = await dispatch('layout:arrange', input, { thisMachine: true })
    expect(result).toMatchObject({ ok: false, error: { code: ContractCode.invalidPayload } })
  })
})

describe('layout commands and roles', () => {
  it('lets a moderator and an admin keep a layout of their own', () => {
    const layoutCommands = commandNames.filter((n) => n.startsWith('layout:'))
    expect(layoutCommands).toHaveLength(5)
    for (const name of layoutCommands) {
      expect(roleMay('moderator', name)).toBe(true)
      expect(roleMay('admin', name)).toBe(true)
    }
  })
})
