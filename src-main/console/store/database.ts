import Database from 'better-sqlite3'

export type Db = Database.Database

/** Numbered migrations, append-only once shipped (STYLE.md, SQLite). */
export const migrations: ReadonlyArray<{ version: number; up: string }> = [
  {
    version: 10,
    up: `CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`,
  },
]

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (const migration of migrations) {
    if (migration.version <= current) continue
    db.transaction(() => {
      db.exec(migration.up)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
}

/** The console's own database (settings), beside the room's; WAL, so a commit survives kill -9. */
export function openConsoleDatabase(file: string, nativeBinding?: string): Db {
  const db = new Database(file, nativeBinding ? { nativeBinding } : undefined)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    migrate(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
