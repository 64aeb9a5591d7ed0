import { NOTICE_HISTORY_LIMIT, NoticeChange } from '../../../src-shared/contract'
import type { Db } from '../store/database'

/**
 * Who changed a room's name, notice or introduction, and when (issue 12 §2): the Notice editor's
 * history. The room session keeps it in memory for its snapshots and writes each change here, so a
 * restarted console shows the same history. Bounded per room to what the snapshot carries.
 */
export interface NoticeHistory {
  /** A room's changes, oldest first, at most NOTICE_HISTORY_LIMIT. */
  list(roomId: string): NoticeChange[]
  /** Keeps `change`, dropping the room's oldest beyond NOTICE_HISTORY_LIMIT. */
  add(roomId: string, change: NoticeChange): void
}

interface ChangeRow {
  at: number
  operator_id: string
  fields: string
}

/** The history in the console's database (migration 50): plain statements on the handle. */
export class NoticeHistoryStore implements NoticeHistory {
  private readonly statements
  private readonly addChange: (roomId: string, change: NoticeChange) => void

  constructor(db: Db) {
    this.statements = {
      list: db.prepare<[string, number], ChangeRow>(
        `SELECT at, operator_id, fields FROM (
           SELECT id, at, operator_id, fields FROM notice_history
           WHERE room_id = ? ORDER BY id DESC LIMIT ?
         ) ORDER BY id`,
      ),
      insert: db.prepare<[string, number, string, string]>(
        'INSERT INTO notice_history (room_id, at, operator_id, fields) VALUES (?, ?, ?, ?)',
      ),
      trim: db.prepare<[string, string, number]>(
        `DELETE FROM notice_history WHERE room_id = ? AND id <= (
           SELECT id FROM notice_history WHERE room_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?
         )`,
      ),
    }
    this.addChange = db.transaction((roomId: string, change: NoticeChange) => {
      // A change made by the room state keeps its maker in the same column, as an object.
      const fields = change.by ? { fields: change.fields, by: change.by } : change.fields
      this.statements.insert.run(roomId, change.at, change.operatorId, JSON.stringify(fields))
      this.statements.trim.run(roomId, roomId, NOTICE_HISTORY_LIMIT)
    })
  }

  list(roomId: string): NoticeChange[] {
    return this.statements.list.all(roomId, NOTICE_HISTORY_LIMIT).flatMap((row) => {
      // A row this build cannot read (a field name from a newer one) is left out, not fatal.
      const stored = JSON.parse(row.fields) as unknown
      const parsed = NoticeChange.safeParse({
        at: row.at,
        operatorId: row.operator_id,
        ...(Array.isArray(stored) ? { fields: stored } : (stored as object)),
      })
      return parsed.success ? [parsed.data] : []
    })
  }

  add(roomId: string, change: NoticeChange): void {
    this.addChange(roomId, change)
  }
}
