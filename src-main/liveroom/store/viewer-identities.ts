import type { Db } from '../../common/sqlite'

export interface ViewerIdentity {
  userId: string
  mintedAt: number
  mintedAddress: string
  seenAt: number
}

/**
 * Anonymous viewers' identities (issue 9, §2): minted by /api/viewer-session, kept by the page
 * through a signed credential, and recorded here with the address they were minted from — what a
 * ban of an anonymous viewer also bans — and when they were last used.
 */
export class ViewerIdentityQueries {
  private readonly insertOne
  private readonly touchOne
  private readonly selectOne
  private readonly countRecent
  private readonly selectAbandoned
  private readonly upsertAddressBan
  private readonly selectAddressBan
  private readonly deleteAddressBan
  /** Forgets identities unused since `seenBefore` that hold no live mute or ban; answers how many. */
  readonly pruneAbandoned: (seenBefore: number, now: number) => number

  constructor(db: Db) {
    this.insertOne = db.prepare(
      'INSERT INTO viewer_identities (user_id, minted_at, minted_address, seen_at) VALUES (?, ?, ?, ?)',
    )
    this.touchOne = db.prepare('UPDATE viewer_identities SET seen_at = ? WHERE user_id = ?')
    this.selectOne = db.prepare<
      [string],
      { user_id: string; minted_at: number; minted_address: string; seen_at: number }
    >('SELECT user_id, minted_at, minted_address, seen_at FROM viewer_identities WHERE user_id = ?')
    this.countRecent = db.prepare<[string, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM viewer_identities WHERE minted_address = ? AND minted_at > ?',
    )
    // An identity nobody has used for a long while, with no mute or ban still to keep: gone.
    this.selectAbandoned = db.prepare<[number, number, number], { user_id: string }>(
      `SELECT v.user_id FROM viewer_identities v
        WHERE v.seen_at < ?
          AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.user_id = v.user_id AND m.mute_until > ?)
          AND NOT EXISTS (SELECT 1 FROM bans b WHERE b.user_id = v.user_id AND b.banned_until > ?)
        LIMIT 500`,
    )
    const deleteIdentity = db.prepare('DELETE FROM viewer_identities WHERE user_id = ?')
    const deleteProfile = db.prepare('DELETE FROM profiles WHERE user_id = ?')
    const deleteAccount = db.prepare('DELETE FROM accounts WHERE user_id = ?')
    this.pruneAbandoned = db.transaction((seenBefore: number, now: number) => {
      const rows = this.selectAbandoned.all(seenBefore, now, now)
      for (const { user_id } of rows) {
        deleteIdentity.run(user_id)
        deleteProfile.run(user_id)
        deleteAccount.run(user_id)
      }
      return rows.length
    })
    this.upsertAddressBan = db.prepare(
      `INSERT INTO address_bans (group_id, address, banned_at, banned_until) VALUES (?, ?, ?, ?)
       ON CONFLICT (group_id, address) DO UPDATE SET banned_at = excluded.banned_at,
         banned_until = MAX(address_bans.banned_until, excluded.banned_until)`,
    )
    this.selectAddressBan = db.prepare<
      [string, string],
      { banned_at: number; banned_until: number }
    >('SELECT banned_at, banned_until FROM address_bans WHERE group_id = ? AND address = ?')
    this.deleteAddressBan = db.prepare(
      'DELETE FROM address_bans WHERE group_id = ? AND address = ?',
    )
  }

  mint(userId: string, address: string, now: number): void {
    this.insertOne.run(userId, now, address, now)
  }

  seen(userId: string, now: number): void {
    this.touchOne.run(now, userId)
  }

  get(userId: string): ViewerIdentity | undefined {
    const row = this.selectOne.get(userId)
    return row
      ? {
          userId: row.user_id,
          mintedAt: row.minted_at,
          mintedAddress: row.minted_address,
          seenAt: row.seen_at,
        }
      : undefined
  }

  /** Identities minted from `address` since `since` (ms). */
  mintedSince(address: string, since: number): number {
    return this.countRecent.get(address, since)?.n ?? 0
  }

  banAddress(groupId: string, address: string, now: number, until: number): void {
    this.upsertAddressBan.run(groupId, address, now, until)
  }

  unbanAddress(groupId: string, address: string): void {
    this.deleteAddressBan.run(groupId, address)
  }

  /** A group's ban of `address` in force at `now`, if any. */
  addressBan(
    groupId: string,
    address: string,
    now: number,
  ): { bannedAt: number; bannedUntil: number } | undefined {
    const row = this.selectAddressBan.get(groupId, address)
    return row && row.banned_until > now
      ? { bannedAt: row.banned_at, bannedUntil: row.banned_until }
      : undefined
  }
}
