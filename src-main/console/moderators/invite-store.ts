import { createHash, randomBytes } from 'node:crypto'
import type { ModeratorRole } from '../../../src-shared/contract/moderators'
import type { Db } from '../store/database'

/**
 * Moderator invites in the console database (migration 20): a name, a role, an expiry and the
 * IM identity the person acts as. The token itself is never stored — only its SHA-256, so the
 * database (or a backup of it) opens no console; the link is shown once, when it is made.
 */
export interface InviteRow {
  id: number
  name: string
  role: ModeratorRole
  userId: string
  createdAt: number
  expiresAt: number
  revokedAt: number
}

interface DbRow {
  id: number
  name: string
  role: string
  user_id: string
  created_at: number
  expires_at: number
  revoked_at: number
}

const toRow = (row: DbRow): InviteRow => ({
  id: row.id,
  name: row.name,
  role: row.role as ModeratorRole,
  userId: row.user_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
})

/** A new invite token: 192 random bits, URL-safe. */
export function newInviteToken(): string {
  return randomBytes(24).toString('base64url')
}

export function tokenSha256(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** An IM identity for the invitee: not guessable from the name, within Tencent's UserID rules. */
export function newModeratorUserId(): string {
  return `mod_${randomBytes(6).toString('hex')}`
}

export class InviteStore {
  constructor(private readonly db: Db) {}

  add(invite: {
    token: string
    name: string
    role: ModeratorRole
    userId: string
    createdAt: number
    expiresAt: number
  }): InviteRow {
    const result = this.db
      .prepare(
        `INSERT INTO moderator_invites (token_sha256, name, role, user_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        tokenSha256(invite.token),
        invite.name,
        invite.role,
        invite.userId,
        invite.createdAt,
        invite.expiresAt,
      )
    return this.byId(Number(result.lastInsertRowid)) as InviteRow
  }

  byId(id: number): InviteRow | undefined {
    const row = this.db.prepare('SELECT * FROM moderator_invites WHERE id = ?').get(id) as
      DbRow | undefined
    return row && toRow(row)
  }

  /** The invite a token opens, revoked or not (the caller checks). */
  byToken(token: string): InviteRow | undefined {
    const row = this.db
      .prepare('SELECT * FROM moderator_invites WHERE token_sha256 = ?')
      .get(tokenSha256(token)) as DbRow | undefined
    return row && toRow(row)
  }

  /** The stored SHA-256 of an invite's token (the key of its console's cookie). */
  hashOf(id: number): string | undefined {
    const row = this.db
      .prepare('SELECT token_sha256 FROM moderator_invites WHERE id = ?')
      .get(id) as { token_sha256: string } | undefined
    return row?.token_sha256
  }

  /** Invites not revoked, oldest first. */
  live(): InviteRow[] {
    return (
      this.db
        .prepare('SELECT * FROM moderator_invites WHERE revoked_at = 0 ORDER BY id')
        .all() as DbRow[]
    ).map(toRow)
  }

  revoke(id: number, at: number): boolean {
    return (
      this.db
        .prepare('UPDATE moderator_invites SET revoked_at = ? WHERE id = ? AND revoked_at = 0')
        .run(at, id).changes > 0
    )
  }
}
