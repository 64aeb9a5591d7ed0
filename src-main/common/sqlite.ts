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
    migrate(db, migrations, what)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
