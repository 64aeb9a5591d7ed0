import type { Db, Migration } from '../../../common/sqlite'
import { RoomState } from '../../../../src-shared/protocol/room-state'

/**
 * The room state's own table in the business database (business-store.ts, range 200–299): the
 * business host is the state's source (the seed's hybrid scheme); the group attribute and the
 * room message are copies it makes on every change.
 *
 * `dropped_at` is when the room's stream dropped and has not come back (null: it is up, or the
 * room is not live): the grace timers count from it, so a restarted host arms them again with
 * what is left of them.
 */
export const roomStateMigrations: readonly Migration[] = [
  {
    version: 200,
    name: 'room-states',
    up(db) {
      db.exec(`
        CREATE TABLE room_states (
          group_id TEXT PRIMARY KEY,
          state_json TEXT NOT NULL,
          dropped_at INTEGER,
          updated_at INTEGER NOT NULL
        ) STRICT;
        -- Every change, for the console's history and for a show's length after the fact.
        CREATE TABLE room_state_changes (
          id INTEGER PRIMARY KEY,
          group_id TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('scheduled', 'live', 'paused', 'ended', 'replay')),
          show_id TEXT NOT NULL,
          at INTEGER NOT NULL,
          operator TEXT NOT NULL
        ) STRICT;
        CREATE INDEX room_state_changes_by_group ON room_state_changes (group_id, at);
      `)
    },
  },
]

export interface StoredRoomState {
  groupId: string
  state: RoomState
  droppedAt: number | null
}

function fromRow(row: { group_id: string; state_json: string; dropped_at: number | null }) {
  const parsed = RoomState.safeParse(JSON.parse(row.state_json))
  return parsed.success
    ? { groupId: row.group_id, state: parsed.data, droppedAt: row.dropped_at }
    : undefined
}

export function readRoomState(db: Db, groupId: string): StoredRoomState | undefined {
  const row = db
    .prepare('SELECT group_id, state_json, dropped_at FROM room_states WHERE group_id = ?')
    .get(groupId) as { group_id: string; state_json: string; dropped_at: number | null } | undefined
  return row ? fromRow(row) : undefined
}

export function listRoomStates(db: Db): StoredRoomState[] {
  const rows = db
    .prepare('SELECT group_id, state_json, dropped_at FROM room_states ORDER BY group_id')
    .all() as { group_id: string; state_json: string; dropped_at: number | null }[]
  return rows.flatMap((row) => fromRow(row) ?? [])
}

/** Saves a new state (and its history line) in one transaction. */
export function writeRoomState(
  db: Db,
  groupId: string,
  state: RoomState,
  droppedAt: number | null,
  operator: string,
): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO room_states (group_id, state_json, dropped_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (group_id) DO UPDATE SET
         state_json = excluded.state_json, dropped_at = excluded.dropped_at,
         updated_at = excluded.updated_at`,
    ).run(groupId, JSON.stringify(state), droppedAt, state.since)
    db.prepare(
      'INSERT INTO room_state_changes (group_id, state, show_id, at, operator) VALUES (?, ?, ?, ?, ?)',
    ).run(groupId, state.state, state.showId, state.since, operator)
  })()
}

/** Marks the stream as dropped at `at` (null: back, or nothing to wait for). */
export function writeDroppedAt(db: Db, groupId: string, at: number | null): void {
  db.prepare('UPDATE room_states SET dropped_at = ? WHERE group_id = ?').run(at, groupId)
}

/** Whether the show's replay was ever published (the room server serves its recording then). */
export function replayWasPublished(db: Db, groupId: string, showId: string): boolean {
  return (
    db
      .prepare(
        "SELECT 1 FROM room_state_changes WHERE group_id = ? AND show_id = ? AND state = 'replay' LIMIT 1",
      )
      .get(groupId, showId) !== undefined
  )
}

export function forgetRoomState(db: Db, groupId: string): void {
  db.prepare('DELETE FROM room_states WHERE group_id = ?').run(groupId)
}
