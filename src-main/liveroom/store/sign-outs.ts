import type { Db } from '../../common/sqlite'

/**
 * When the app last signed a user out (REST im_open_login_svc/kick): every UserSig issued to the
 * user up to then is revoked (reference §12), also across restarts.
 */
export class SignOutQueries {
  private readonly upsertOne
  private readonly selectOne

  constructor(db: Db) {
    this.upsertOne = db.prepare(
      `INSERT INTO sign_outs (user_id, signed_out_at) VALUES (?, ?)
       ON CONFLICT (user_id) DO UPDATE SET signed_out_at = excluded.signed_out_at`,
    )
    this.selectOne = db.prepare<[string], { signed_out_at: number }>(
      'SELECT signed_out_at FROM sign_outs WHERE user_id = ?',
    )
  }

  record(userId: string, at: number): void {
    this.upsertOne.run(userId, at)
  }

  /** The latest sign-out in ms, or 0 when the user was never signed out. */
  at(userId: string): number {
    return this.selectOne.get(userId)?.signed_out_at ?? 0
  }
}
