import type { Db } from '../../common/sqlite'

export class MuteQueries {
  private readonly selectOne
  private readonly upsertOne
  private readonly deleteOne

  constructor(db: Db) {
    this.selectOne = db.prepare<[string, string], { mute_until: number }>(
      'SELECT mute_until FROM mutes WHERE group_id = ? AND user_id = ?',
    )
    this.upsertOne = db.prepare(
      `INSERT INTO mutes (group_id, user_id, mute_until, operator_id) VALUES (?, ?, ?, ?)
       ON CONFLICT (group_id, user_id)
       DO UPDATE SET mute_until = excluded.mute_until, operator_id = excluded.operator_id`,
    )
    this.deleteOne = db.prepare('DELETE FROM mutes WHERE group_id = ? AND user_id = ?')
    this.selectActive = db.prepare<[string, number], { user_id: string; mute_until: number }>(
      'SELECT user_id, mute_until FROM mutes WHERE group_id = ? AND mute_until > ? ORDER BY user_id',
    )
    this.setMany = db.transaction(
      (groupId: string, userIds: readonly string[], muteUntil: number, operatorId: string) => {
        for (const userId of userIds) this.set(groupId, userId, muteUntil, operatorId)
      },
    )
  }

  private readonly selectActive
  /** Several members at once, all or none. */
  readonly setMany: (
    groupId: string,
    userIds: readonly string[],
    muteUntil: number,
    operatorId: string,
  ) => void

  /** Mutes that have not ended at `now`, by user. */
  active(groupId: string, now: number): { userId: string; muteUntil: number }[] {
    return this.selectActive
      .all(groupId, now)
      .map((row) => ({ userId: row.user_id, muteUntil: row.mute_until }))
  }

  /** Mute end in ms since the epoch, or 0 when the user was never muted or was unmuted. */
  muteUntil(groupId: string, userId: string): number {
    return this.selectOne.get(groupId, userId)?.mute_until ?? 0
  }

  /** `muteUntil` 0 removes the mute. */
  set(groupId: string, userId: string, muteUntil: number, operatorId: string): void {
    if (muteUntil === 0) this.deleteOne.run(groupId, userId)
    else this.upsertOne.run(groupId, userId, muteUntil, operatorId)
  }
}
