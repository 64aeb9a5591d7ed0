import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openConsoleDatabase } from '../../../src-main/console/store/database'
import { openStore } from '../../../src-main/liveroom/store'

/** Both databases open through common/sqlite.ts: the same pragmas and the same newer-schema guard. */
describe('opening a database', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-sqlite-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('sets WAL, foreign keys and a busy timeout on the console and the room databases', () => {
    const consoleDb = openConsoleDatabase(join(dir, 'console.db'))
    const store = openStore(join(dir, 'liveroom.db'))
    for (const db of [consoleDb, store.db]) {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.pragma('busy_timeout', { simple: true })).toBe(2000)
    }
    consoleDb.close()
    store.close()
  })

  it('refuses a console database from a newer LiveDesk and leaves it as it was', () => {
    const file = join(dir, 'console.db')
    const newer = new Database(file)
    newer.pragma('user_version = 9999')
    newer.close()
    expect(() => openConsoleDatabase(file)).toThrow(
      /The console database has schema version 9999, newer than this build knows/,
    )
    const after = new Database(file)
    expect(after.pragma('user_version', { simple: true })).toBe(9999)
    after.close()
  })
})
