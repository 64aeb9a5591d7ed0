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
  {
    // Moderators with their own identities (issue 13 §4): only the token's SHA-256 is kept.
    version: 20,
    name: 'moderator-invites',
    up(db) {
      db.exec(`CREATE TABLE moderator_invites (
        id INTEGER PRIMARY KEY,
        token_sha256 TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('moderator', 'admin')),
        user_id TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER NOT NULL DEFAULT 0
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
