import type { Db } from '../../common/sqlite'

export class ProfileQueries {
  private readonly selectNick
  private readonly upsertNick

  constructor(db: Db) {
    this.selectNick = db.prepare<[string], { nick: string }>(
      'SELECT nick FROM profiles WHERE user_id = ?',
    )
    this.upsertNick = db.prepare(
      `INSERT INTO profiles (user_id, nick, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET nick = excluded.nick, updated_at = excluded.updated_at`,
    )
  }

  nick(userId: string): string | undefined {
    return this.selectNick.get(userId)?.nick
  }

  setNick(userId: string, nick: string, now: number): void {
    this.upsertNick.run(userId, nick, now)
  }
}
