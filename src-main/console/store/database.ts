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
    // The show's timeline (issue 15 §3): one row a second per show, and its markers.
    version: 20,
    name: 'timeline',
    up(db) {
      db.exec(`CREATE TABLE timeline_shows (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        ended_at INTEGER
      ) STRICT`)
      db.exec(`CREATE TABLE timeline_samples (
        show_id TEXT NOT NULL REFERENCES timeline_shows(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        viewers INTEGER NOT NULL,
        chat REAL NOT NULL,
        gifts REAL NOT NULL,
        likes REAL NOT NULL,
        bitrate_kbps REAL,
        dropped INTEGER,
        PRIMARY KEY (show_id, at)
      ) STRICT, WITHOUT ROWID`)
      db.exec(`CREATE TABLE timeline_markers (
        id INTEGER PRIMARY KEY,
        show_id TEXT NOT NULL REFERENCES timeline_shows(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT`)
      db.exec('CREATE INDEX timeline_markers_show ON timeline_markers (show_id, at)')
    },
  },
  {
    // Moderators with their own identities (issue 13 §4): only the token's SHA-256 is kept.
    version: 30,
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
  {
    // The console's frame (issue 15 §1, §2): each user's layout in each role they open it as.
    version: 40,
    name: 'console-layouts',
    up(db) {
      db.exec(`CREATE TABLE console_layouts (
        user_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'moderator')),
        layout TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, role)
      ) STRICT, WITHOUT ROWID`)
    },
  },
  {
    // The Notice editor's history of who changed what when (issue 12 §2), per room, bounded by
    // room/notice-history.ts.
    version: 50,
    name: 'notice-history',
    up(db) {
      db.exec(`CREATE TABLE notice_history (
        id INTEGER PRIMARY KEY,
        room_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        operator_id TEXT NOT NULL,
        fields TEXT NOT NULL
      ) STRICT`)
      db.exec('CREATE INDEX notice_history_room ON notice_history (room_id, id)')
    },
  },
]

/**
 * The console's own database (settings, the shows' timelines, moderator invites, layouts, the
 * notice history), beside the room's.
 */
export function openConsoleDatabase(file: string, nativeBinding?: string): Db {
  return openDatabase(
    file,
    migrations,
    'The console database',
    nativeBinding ? { nativeBinding } : {},
  )
}
