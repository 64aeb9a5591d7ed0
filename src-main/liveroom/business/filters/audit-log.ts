import {
  AUDIT_MERGE_MS,
  AUDIT_PAGE,
  type AuditAction,
  type AuditEntry,
  type AuditQuery,
  undoOf,
} from '../../../../src-shared/contract/audit'
import type { Db } from '../../../common/sqlite'

/**
 * The moderation audit log (issue 13 §5) in the business database: every action with its actor,
 * target, reason, duration and expiry, the message it concerned, and its undo. What the business
 * host does itself (a rule's automatic action, a review decision, a rule changed) it writes here;
 * a console reports what it did in the room (a mute, a ban, a deleted line) over the HTTP API,
 * attributed to whoever signed the request. Identical actions in a row (same actor, target,
 * action, reason and duration within AUDIT_MERGE_MS) are one entry with a count.
 */
export interface AuditRecord {
  groupId: string
  actor: string
  target: string
  action: AuditAction
  reason: string
  durationSeconds: number
  message: string
  at: number
}

interface AuditRow {
  id: number
  actor: string
  target: string
  action: string
  reason: string
  duration_s: number
  expires_at: number
  message: string
  undo: string | null
  count: number
  first_at: number
  last_at: number
}

const entryOf = (row: AuditRow): AuditEntry => ({
  id: row.id,
  actor: row.actor,
  target: row.target,
  action: row.action as AuditAction,
  reason: row.reason,
  durationSeconds: row.duration_s,
  expiresAt: row.expires_at,
  message: row.message,
  undo: row.undo as AuditAction | null,
  count: row.count,
  firstAt: row.first_at,
  lastAt: row.last_at,
})

/** Seconds at or past this read as "permanent" (Tencent's 4294967295): no end to show. */
const PERMANENT_SECONDS = 4_294_967_295

export class AuditLog {
  private readonly selectLast
  private readonly bump
  private readonly insert
  private readonly select

  constructor(db: Db) {
    this.selectLast = db.prepare<[string], AuditRow>(
      'SELECT * FROM audit_log WHERE group_id = ? ORDER BY id DESC LIMIT 1',
    )
    this.bump = db.prepare<[number, number, number]>(
      'UPDATE audit_log SET count = count + 1, last_at = ?, expires_at = ? WHERE id = ?',
    )
    this.insert = db.prepare<
      [
        string,
        string,
        string,
        string,
        string,
        number,
        number,
        string,
        string | null,
        number,
        number,
      ]
    >(
      `INSERT INTO audit_log (group_id, actor, target, action, reason, duration_s, expires_at, message, undo, first_at, last_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.select = db.prepare<
      [
        {
          group: string
          actor: string | null
          target: string | null
          action: string | null
          limit: number
        },
      ],
      AuditRow
    >(
      `SELECT * FROM audit_log WHERE group_id = @group
         AND (@actor IS NULL OR actor = @actor) AND (@target IS NULL OR target = @target)
         AND (@action IS NULL OR action = @action)
       ORDER BY id DESC LIMIT @limit`,
    )
  }

  record(entry: AuditRecord): void {
    const expiresAt =
      entry.durationSeconds > 0 && entry.durationSeconds < PERMANENT_SECONDS
        ? entry.at + entry.durationSeconds * 1000
        : 0
    const last = this.selectLast.get(entry.groupId)
    if (
      last &&
      last.actor === entry.actor &&
      last.target === entry.target &&
      last.action === entry.action &&
      last.reason === entry.reason &&
      last.duration_s === entry.durationSeconds &&
      entry.at - last.last_at <= AUDIT_MERGE_MS
    ) {
      this.bump.run(entry.at, expiresAt, last.id)
      return
    }
    this.insert.run(
      entry.groupId,
      entry.actor,
      entry.target,
      entry.action,
      entry.reason,
      entry.durationSeconds,
      expiresAt,
      entry.message.slice(0, 200),
      undoOf(entry.action),
      entry.at,
      entry.at,
    )
  }

  entries(groupId: string, query: AuditQuery = {}): AuditEntry[] {
    return this.select
      .all({
        group: groupId,
        actor: query.actor ?? null,
        target: query.target ?? null,
        action: query.action ?? null,
        limit: AUDIT_PAGE,
      })
      .map(entryOf)
  }
}
