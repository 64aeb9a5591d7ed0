import { createHmac, timingSafeEqual } from 'node:crypto'
import {
  MAX_ROOM_ADMINS,
  ModeratorCode,
  type ModeratorEntry,
  type ModeratorInviteRequest,
  type ModeratorsSnapshot,
} from '../../../src-shared/contract/moderators'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import type { Clock } from '../../common/clock'
import type { ModeratorCaller } from '../contract/dispatch'
import {
  type InviteStore,
  newInviteToken,
  newModeratorUserId,
  type InviteRow,
} from './invite-store'

/**
 * The room's group admins, as the IM REST API keeps them (`get_admin_list`, `modify_admin`,
 * reference §3.2): an admin invite makes its identity one, so the rights hold in the room itself.
 */
export interface RoomAdmins {
  list(): Promise<string[]>
  set(userId: string, admin: boolean): Promise<void>
}

/** A refusal the contract carries as it is (dispatch's CodedError). */
export class ModeratorError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message)
    this.name = 'ModeratorError'
  }
}

export interface ModeratorTeamOptions {
  store: InviteStore
  /** Undefined where the console has no App admin REST (a Tencent room without its key). */
  admins: RoomAdmins | undefined
  /** The owner's IM identity: no invite may be named like it. */
  ownerId: string
  clock: Clock
  emit: (snapshot: ModeratorsSnapshot) => void
  log: (line: string) => void
}

/** Names an invite may not take: the owner's identity and the filters' own actor. */
const RESERVED = ['filters', 'owner']

/**
 * The owner's moderators (issue 13 §4): invites made, checked, revoked and run out; who is online
 * with one; and the ending of their consoles (the host that serves them listens to `onEnded`).
 */
export class ModeratorTeam {
  private readonly online = new Map<number, number>()
  private readonly timers = new Map<number, () => void>()
  private readonly endedListeners = new Set<(id: number) => void>()

  constructor(private readonly options: ModeratorTeamOptions) {
    for (const row of options.store.live()) this.schedule(row)
  }

  snapshot(): ModeratorsSnapshot {
    return { moderators: this.options.store.live().map((row) => this.entry(row)) }
  }

  /** A new invite and its token (shown once; only its SHA-256 is kept). */
  async invite(request: ModeratorInviteRequest): Promise<{ entry: ModeratorEntry; token: string }> {
    const { store, clock } = this.options
    const name = request.name.trim()
    const folded = name.toLowerCase()
    const taken =
      RESERVED.includes(folded) ||
      folded === this.options.ownerId.toLowerCase() ||
      store.live().some((row) => row.name.toLowerCase() === folded)
    if (taken) {
      throw new ModeratorError(ModeratorCode.nameTaken, `The name ${name} is taken`, { name })
    }
    const userId = newModeratorUserId()
    if (request.role === 'admin') await this.makeAdmin(userId)
    const now = clock.now()
    const token = newInviteToken()
    const row = store.add({
      token,
      name,
      role: request.role,
      userId,
      createdAt: now,
      expiresAt: now + request.expiresInHours * 3_600_000,
    })
    this.schedule(row)
    this.changed()
    return { entry: this.entry(row), token }
  }

  /** Ends an invite now: its consoles close, an admin is a group admin no more. */
  async revoke(id: number): Promise<ModeratorsSnapshot> {
    const row = this.options.store.byId(id)
    if (!row || !this.options.store.revoke(id, this.options.clock.now())) {
      throw new ModeratorError(ModeratorCode.inviteNotFound, `No invite ${id}`)
    }
    await this.end(row)
    return this.snapshot()
  }

  /** The moderator a token opens a console for, while the invite lives. */
  authenticate(token: string | null | undefined): ModeratorCaller | null {
    if (!token) return null
    const row = this.options.store.byToken(token)
    return row && this.isLive(row) ? this.caller(row) : null
  }

  /** The moderator again, if the invite still lives (checked on every command). */
  current(id: number): ModeratorCaller | null {
    const row = this.options.store.byId(id)
    return row && this.isLive(row) ? this.caller(row) : null
  }

  /** The role an IM identity holds through a live invite, if any (for the rank rule). */
  roleOf(userId: string): ModeratorCaller['role'] | undefined {
    const row = this.options.store.live().find((r) => r.userId === userId)
    return row && this.isLive(row) ? row.role : undefined
  }

  /**
   * The browser cookie of an invite's console on `port`: its id and an HMAC keyed by the token's
   * hash (which only this database holds), so the cookie is not the token and survives a restart.
   */
  cookieValue(caller: ModeratorCaller, port: number): string {
    return `${caller.id}.${this.mac(caller.id, port) ?? ''}`
  }

  fromCookie(value: string | undefined, port: number): ModeratorCaller | null {
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '')
    if (!match) return null
    const id = Number(match[1])
    const expected = this.mac(id, port)
    if (!expected) return null
    const a = Buffer.from(expected)
    const b = Buffer.from(match[2] ?? '')
    return a.length === b.length && timingSafeEqual(a, b) ? this.current(id) : null
  }

  /** A console of this invite connected; call the answer when it goes. */
  connected(id: number): () => void {
    this.online.set(id, (this.online.get(id) ?? 0) + 1)
    if (this.online.get(id) === 1) this.changed()
    let gone = false
    return () => {
      if (gone) return
      gone = true
      const left = (this.online.get(id) ?? 1) - 1
      if (left > 0) this.online.set(id, left)
      else {
        this.online.delete(id)
        this.changed()
      }
    }
  }

  /** Told the id of every invite revoked or run out: its consoles must close now. */
  onEnded(listener: (id: number) => void): () => void {
    this.endedListeners.add(listener)
    return () => this.endedListeners.delete(listener)
  }

  close(): void {
    for (const cancel of this.timers.values()) cancel()
    this.timers.clear()
  }

  private mac(id: number, port: number): string | null {
    const key = this.options.store.hashOf(id)
    if (!key) return null
    return createHmac('sha256', key).update(`livedesk-moderator:${id}:${port}`).digest('base64url')
  }

  private isLive(row: InviteRow): boolean {
    return row.revokedAt === 0 && row.expiresAt > this.options.clock.now()
  }

  private caller(row: InviteRow): ModeratorCaller {
    return { id: row.id, name: row.name, role: row.role, userId: row.userId }
  }

  private entry(row: InviteRow): ModeratorEntry {
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      userId: row.userId,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      expired: row.expiresAt <= this.options.clock.now(),
      online: (this.online.get(row.id) ?? 0) > 0,
    }
  }

  private async makeAdmin(userId: string): Promise<void> {
    const admins = this.options.admins
    if (!admins) {
      throw new ModeratorError(
        ErrorCode.needsAppAdmin,
        "An admin needs the room's App admin REST API (the IM app's secret key)",
        { reason: 'noSecretKey' },
      )
    }
    const current = await admins.list()
    if (current.length >= MAX_ROOM_ADMINS) {
      throw new ModeratorError(
        ModeratorCode.adminLimit,
        `The room has ${current.length} admins; Tencent allows ${MAX_ROOM_ADMINS}`,
        { max: MAX_ROOM_ADMINS },
      )
    }
    await admins.set(userId, true)
  }

  /** At the expiry, the invite ends as a revoke does (it stays listed, as expired). */
  private schedule(row: InviteRow): void {
    const wait = row.expiresAt - this.options.clock.now()
    if (wait <= 0) {
      if (row.role === 'admin') void this.dropAdmin(row)
      return
    }
    this.timers.set(
      row.id,
      this.options.clock.setTimer(() => void this.end(row), wait),
    )
  }

  private async end(row: InviteRow): Promise<void> {
    this.timers.get(row.id)?.()
    this.timers.delete(row.id)
    for (const listener of [...this.endedListeners]) listener(row.id)
    this.online.delete(row.id)
    this.changed()
    if (row.role === 'admin') await this.dropAdmin(row)
  }

  private async dropAdmin(row: InviteRow): Promise<void> {
    try {
      await this.options.admins?.set(row.userId, false)
    } catch (error) {
      this.options.log(
        `moderators: ${row.userId} (${row.name}) could not be removed as a group admin: ${(error as Error).message}`,
      )
    }
  }

  private changed(): void {
    this.options.emit(this.snapshot())
  }
}
