import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NOTICE_HISTORY_LIMIT } from '../../../src-shared/contract'
import { NoticeHistoryStore } from '../../../src-main/console/room/notice-history'
import { openConsoleDatabase } from '../../../src-main/console/store/database'

describe('the notice history in console.db (migration 50)', () => {
  it('keeps each room’s changes, oldest first, across a reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'livedesk-notice-'))
    try {
      const file = join(dir, 'console.db')
      let db = openConsoleDatabase(file)
      const store = new NoticeHistoryStore(db)
      store.add('main', { at: 1, operatorId: 'anchor', fields: ['notification'] })
      store.add('other', { at: 2, operatorId: 'mod1', fields: ['name'] })
      store.add('main', { at: 3, operatorId: 'administrator', fields: ['name', 'introduction'] })
      db.close()
      db = openConsoleDatabase(file)
      const reopened = new NoticeHistoryStore(db)
      expect(reopened.list('main')).toEqual([
        { at: 1, operatorId: 'anchor', fields: ['notification'] },
        { at: 3, operatorId: 'administrator', fields: ['name', 'introduction'] },
      ])
      expect(reopened.list('other')).toEqual([{ at: 2, operatorId: 'mod1', fields: ['name'] }])
      expect(reopened.list('nobody')).toEqual([])
      db.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('keeps only a room’s newest changes, without touching another room’s', () => {
    const db = openConsoleDatabase(':memory:')
    const store = new NoticeHistoryStore(db)
    store.add('other', { at: 0, operatorId: 'mod1', fields: ['notification'] })
    for (let i = 1; i <= NOTICE_HISTORY_LIMIT + 5; i++) {
      store.add('main', { at: i, operatorId: `op${i}`, fields: ['notification'] })
    }
    const kept = store.list('main')
    expect(kept).toHaveLength(NOTICE_HISTORY_LIMIT)
    expect(kept[0]?.at).toBe(6)
    expect(kept.at(-1)?.at).toBe(NOTICE_HISTORY_LIMIT + 5)
    const rows = db.prepare("SELECT COUNT(*) AS n FROM notice_history WHERE room_id = 'main'")
    expect((rows.get() as { n: number }).n).toBe(NOTICE_HISTORY_LIMIT)
    expect(store.list('other')).toHaveLength(1)
    db.close()
  })

  it('keeps that the room state made a change, and reads rows written without it', () => {
    const db = openConsoleDatabase(':memory:')
    const store = new NoticeHistoryStore(db)
    store.add('main', { at: 1, operatorId: 'anchor', fields: ['notification'] })
    store.add('main', {
      at: 2,
      operatorId: 'administrator',
      fields: ['notification'],
      by: 'room-state',
    })
    expect(store.list('main')).toEqual([
      { at: 1, operatorId: 'anchor', fields: ['notification'] },
      { at: 2, operatorId: 'administrator', fields: ['notification'], by: 'room-state' },
    ])
    db.close()
  })
})
