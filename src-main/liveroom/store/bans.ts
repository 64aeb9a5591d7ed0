import type { Db } from '../../common/sqlite'

export interface Ban {
  userId: string
  /** ms since the epoch. */
  bannedUntil: number
}

/** AVChatRoom bans: a banned member cannot join the group until the ban ends. */
export class BanQueries {
  private readonly selectOne
  private readonly upsertOne
  private readonly deleteOne
  private readonly selectActive

  constructor(db: Db) {
    this.selectOne = db.prepare<[string, string], { banned_until: number }>(
      'SELECT banned_until FROM bans WHERE group_id = ? AND user_id = ?',
    )
    this.upsertOne = db.prepare(
      `INSERT INTO bans (group_id, user_id, banned_until, operator_id, reason) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (group_id, user_id) DO UPDATE SET banned_until = excluded.banned_until,
         operator_id = excluded.operator_id, reason = excluded.reason`,
    )
    this.deleteOne = db.prepare('DELETE FROM bans WHERE group_id = ? AND user_id = ?')
    this.selectActive = db.prepare<
      [string, number, number, number],
      { user_id: string; banned_until: number }
    >(
      `SELECT user_id, banned_until FROM bans WHERE group_id = ? AND banned_until > ?
       ORDER BY user_id LIMIT ? OFFSET ?`,
    )
    this.setMany = db.transaction(
      (
        groupId: string,
        userIds: readonly string[],
        bannedUntil: number,
        operatorId: string,
        reason: string,
      ) => {
        for (const userId of userIds) {
          this.upsertOne.run(groupId, userId, bannedUntil, operatorId, reason)
        }
      },
    )
    this.removeMany = db.transaction((groupId: string, userIds: readonly string[]) => {
      for (const userId of userIds) this.deleteOne.run(groupId, userId)
    })
  }

  /** Bans several members until `bannedUntil` (ms), all or none. */
  readonly setMany: (
    groupId: string,
    userIds: readonly string[],
    bannedUntil: number,
    operatorId: string,
    reason: string,
  ) => void

  /** Lifts the bans of several members, all or none. */
  readonly removeMany: (groupId: string, userIds: readonly string[]) => void

  /** Ban end in ms, or 0 when the user was never banned or the ban was lifted. */
  bannedUntil(groupId: string, userId: string): number {
    return this.selectOne.get(groupId, userId)?.banned_until ?? 0
  }

  /** Bans that have not ended at `now`, by UserID, a page at a time. */
  active(groupId: string, now: number, limit: number, offset: number): Ban[] {
    return this.selectActive
      .all(groupId, now, limit, offset)
      .map((row) => ({ userId: row.user_id, bannedUntil: row.banned_until }))
  }
}
