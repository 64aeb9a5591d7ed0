import Database from 'better-sqlite3'
import { privateDatabaseFile } from './private-files'

export type Db = Database.Database

/**
 * A numbered schema migration (STYLE.md, SQLite): applied in order, recorded in
 * `PRAGMA user_version` (the number of the last one applied). Append-only once shipped: a change
 * to a shipped table is a new entry.
 */
export interface Migration {
  readonly version: number
  readonly name: string
  up(db: Db): void
}

export interface OpenDatabaseOptions {
  /** better-sqlite3's `nativeBinding`: the Electron-ABI build when running inside Electron. */
  nativeBinding?: string
  /**
   * 'each': the migrations come from several owners in their own number ranges (the business
   * host's capabilities), so a newer one may be numbered below one already applied; every
   * migration applied is recorded by number (migrateEach). Default 'last': `user_version`.
   */
  record?: 'last' | 'each'
}

/**
 * Applies the migrations newer than the database's `user_version`, each in its own transaction, up
 * to `upTo` (tests stop part-way). A database newer than this build is refused, not touched:
 * `what` names it in that error ("The room database").
 */
export function migrate(
  db: Db,
  migrations: readonly Migration[],
  what: string,
  upTo = Number.POSITIVE_INFINITY,
): number {
  let current = db.pragma('user_version', { simple: true }) as number
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) {
    throw new Error(
      `${what} has schema version ${current}, newer than this build knows (${latest}). ` +
        'Use a newer LiveDesk or another data directory.',
    )
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > upTo) continue
    db.transaction(() => {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    })()
    current = migration.version
  }
  return current
}

/**
 * Applies every migration not applied yet, in number order, each in its own transaction, and
 * records each one's number in `schema_migrations` — for a database whose migrations come from
 * several owners in their own number ranges (gifts 100–199, moderation 300–399): a gifts
 * migration 101 added after moderation's 302 still runs. A database that has a migration this
 * build does not know is refused, not touched. One made by the `user_version` scheme counts the
 * migrations up to its version as applied.
 */
export function migrateEach(db: Db, migrations: readonly Migration[], what: string): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT',
  )
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((v) => Number(v)),
  )
  const known = new Set(migrations.map((m) => m.version))
  const unknown = [...applied].filter((v) => !known.has(v))
  if (unknown.length) {
    throw new Error(
      `${what} has schema migrations this build does not know (${unknown.join(', ')}). ` +
        'Use a newer LiveDesk or another data directory.',
    )
  }
  const legacy = db.pragma('user_version', { simple: true }) as number
  if (!applied.size && legacy > 0) {
    const record = db.prepare('INSERT INTO schema_migrations VALUES (?, ?)')
    for (const m of migrations) {
      if (m.version <= legacy) {
        record.run(m.version, Date.now())
        applied.add(m.version)
      }
    }
  }
  const record = db.prepare('INSERT INTO schema_migrations VALUES (?, ?)')
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue
    db.transaction(() => {
      migration.up(db)
      record.run(migration.version, Date.now())
    })()
    applied.add(migration.version)
  }
  return [...applied].sort((a, b) => a - b)
}

/**
 * Opens (creating if needed, mode 0600) a database and brings its schema up to date. WAL with
 * synchronous=NORMAL: a committed transaction survives the process being killed (kill -9); only an
 * OS crash or power loss can lose the last commits. Foreign keys on; a writer waits up to 2 s for
 * another connection's lock instead of failing at once.
 */
export function openDatabase(
  file: string,
  migrations: readonly Migration[],
  what: string,
  options: OpenDatabaseOptions = {},
): Db {
  // The room's messages and the console's settings are the user's alone: 0600, -wal and -shm too.
  privateDatabaseFile(file)
  const db = new Database(
    file,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : undefined,
  )
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 2000')
    if (options.record === 'each') migrateEach(db, migrations, what)
    else migrate(db, migrations, what)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
