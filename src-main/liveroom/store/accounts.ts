import type { Db } from '../../common/sqlite'

/** Accounts the app knows: imported through REST (account_import) or seen at login. */
export class AccountQueries {
  private readonly upsertOne
  private readonly insertSeen
  private readonly selectOne
  private readonly selectFaceUrl

  constructor(db: Db) {
    this.upsertOne = db.prepare(
      `INSERT INTO accounts (user_id, face_url, created_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET face_url = excluded.face_url`,
    )
    this.insertSeen = db.prepare(
      'INSERT OR IGNORE INTO accounts (user_id, face_url, created_at) VALUES (?, ?, ?)',
    )
    this.selectFaceUrl = db.prepare<[string], { face_url: string }>(
      'SELECT face_url FROM accounts WHERE user_id = ?',
    )
    // A viewer-session profile counts: those users hold a UserSig issued by this server.
    this.selectOne = db.prepare<[string, string], { one: number }>(
      `SELECT 1 AS one FROM accounts WHERE user_id = ?
       UNION ALL SELECT 1 FROM profiles WHERE user_id = ? LIMIT 1`,
    )
  }

  /** The avatar URL account_import gave the user; '' when none. */
  faceUrl(userId: string): string {
    return this.selectFaceUrl.get(userId)?.face_url ?? ''
  }

  import(userId: string, faceUrl: string, now: number): void {
    this.upsertOne.run(userId, faceUrl, now)
  }

  /** Records a login; keeps an imported account's data. */
  seen(userId: string, now: number): void {
    this.insertSeen.run(userId, '', now)
  }

  exists(userId: string): boolean {
    return this.selectOne.get(userId, userId) !== undefined
  }
}
