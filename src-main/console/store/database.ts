import { type Db, type Migration, openDatabase } from '../../common/sqlite'

export type { Db } from '../../common/sqlite'

/** The console database's numbered migrations, append-only once shipped (STYLE.md, SQLite). */
export const migrations: readonly Migration[] = [
  {
    version: 10,
    name: 'settings',
    up(db) {
      db.exec(`CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT`)
    },
  },
]

/** The console's own database (settings), beside the room's. */
export function openConsoleDatabase(file: string, nativeBinding?: string): Db {
  return openDatabase(
    file,
    migrations,
    'The console database',
    nativeBinding ? { nativeBinding } : {},
  )
}
