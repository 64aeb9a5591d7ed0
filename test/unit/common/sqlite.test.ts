import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate, migrateEach, type Migration } from '../../../src-main/common/sqlite'
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

describe('migrations recorded one by one (several owners, each in its own number range)', () => {
  const table = (name: string, version: number): Migration => ({
    version,
    name,
    up: (db) => db.exec(`CREATE TABLE ${name} (id INTEGER) STRICT`),
  })
  const tables = (db: Database.Database) =>
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()

  it('applies a migration numbered below one already applied (a capability added later)', () => {
    const db = new Database(':memory:')
    expect(
      migrateEach(db, [table('gifts', 100), table('filters', 300)], 'The test database'),
    ).toEqual([100, 300])
    // A build that adds gifts 101 and room state 200 after filters 300 shipped.
    const later = [
      table('gifts', 100),
      table('gifts_more', 101),
      table('state', 200),
      table('filters', 300),
    ]
    expect(migrateEach(db, later, 'The test database')).toEqual([100, 101, 200, 300])
    expect(tables(db)).toEqual(['filters', 'gifts', 'gifts_more', 'schema_migrations', 'state'])
    // Nothing runs twice.
    expect(migrateEach(db, later, 'The test database')).toEqual([100, 101, 200, 300])
    db.close()
  })

  it('refuses a database with a migration this build does not know, untouched', () => {
    const db = new Database(':memory:')
    migrateEach(db, [table('gifts', 100), table('lottery', 210)], 'The test database')
    expect(() =>
      migrateEach(db, [table('gifts', 100), table('filters', 300)], 'The test database'),
    ).toThrow(/The test database has schema migrations this build does not know \(210\)/)
    expect(tables(db)).not.toContain('filters')
    db.close()
  })

  it('takes over a database of the user_version scheme: what it had counts as applied', () => {
    const db = new Database(':memory:')
    migrate(db, [table('gifts', 100)], 'The test database')
    expect(
      migrateEach(db, [table('gifts', 100), table('state', 200)], 'The test database'),
    ).toEqual([100, 200])
    expect(tables(db)).toContain('state')
    db.close()
  })
})
