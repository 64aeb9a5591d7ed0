import type { Db, Migration } from '../../../common/sqlite'

/**
 * The audience's tables in the business database (business-store.ts; issue 12 §3 numbers 260–279):
 * one row per show with its figures and the heat's score, and the show's unique viewers — their
 * IDs, so a rejoin (or a restarted host) does not count anyone twice.
 */
export const audienceMigrations: readonly Migration[] = [
  {
    version: 260,
    name: 'audience-shows',
    up(db) {
      db.exec(`
        CREATE TABLE audience_shows (
          group_id TEXT NOT NULL,
          -- The room state's showId; '' for a room that has no state.
          show_id TEXT NOT NULL,
          started_at INTEGER NOT NULL,
          unique_count INTEGER NOT NULL,
          peak INTEGER NOT NULL,
          -- The heat's decaying activity sum (room-heat.ts) and the time it was taken.
          score REAL NOT NULL,
          score_at INTEGER NOT NULL,
          messages INTEGER NOT NULL,
          likes INTEGER NOT NULL,
          gift_value INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          PRIMARY KEY (group_id, show_id)
        ) STRICT;
        CREATE TABLE audience_viewers (
          group_id TEXT NOT NULL,
          show_id TEXT NOT NULL,
          user_id TEXT NOT NULL,
          first_seen INTEGER NOT NULL,
          PRIMARY KEY (group_id, show_id, user_id)
        ) STRICT;
      `)
    },
  },
]

export interface AudienceRow {
  group_id: string
  show_id: string
  started_at: number
  unique_count: number
  peak: number
  score: number
  score_at: number
  messages: number
  likes: number
  gift_value: number
  updated_at: number
}

export function readShow(db: Db, groupId: string, showId: string): AudienceRow | undefined {
  return db
    .prepare('SELECT * FROM audience_shows WHERE group_id = ? AND show_id = ?')
    .get(groupId, showId) as AudienceRow | undefined
}

/** A group's shows, newest first. */
export function listShows(db: Db, groupId: string, limit = 50): AudienceRow[] {
  return db
    .prepare('SELECT * FROM audience_shows WHERE group_id = ? ORDER BY started_at DESC LIMIT ?')
    .all(groupId, limit) as AudienceRow[]
}

export function readViewers(db: Db, groupId: string, showId: string): string[] {
  return (
    db
      .prepare('SELECT user_id FROM audience_viewers WHERE group_id = ? AND show_id = ?')
      .all(groupId, showId) as { user_id: string }[]
  ).map((row) => row.user_id)
}

export function insertViewers(
  db: Db,
  groupId: string,
  showId: string,
  viewers: readonly { userId: string; at: number }[],
): void {
  if (viewers.length === 0) return
  const insert = db.prepare('INSERT OR IGNORE INTO audience_viewers VALUES (?, ?, ?, ?)')
  for (const viewer of viewers) insert.run(groupId, showId, viewer.userId, viewer.at)
}

export function writeShow(db: Db, row: AudienceRow): void {
  db.prepare(
    `INSERT INTO audience_shows VALUES (
       @group_id, @show_id, @started_at, @unique_count, @peak, @score, @score_at,
       @messages, @likes, @gift_value, @updated_at)
     ON CONFLICT (group_id, show_id) DO UPDATE SET
       unique_count = excluded.unique_count, peak = excluded.peak, score = excluded.score,
       score_at = excluded.score_at, messages = excluded.messages, likes = excluded.likes,
       gift_value = excluded.gift_value, updated_at = excluded.updated_at`,
  ).run(row)
}
