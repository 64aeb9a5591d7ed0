import { ErrorCode } from '../../../../src-shared/protocol/codes'
import {
  checkLevelRules,
  levelOf,
  type LevelRules,
  LevelRulesCode,
  defaultLevelRules,
} from '../../../../src-shared/protocol/levels'
import type { Clock } from '../../../common/clock'
import type { BeforeSendAnswer, SendMsgBody } from '../../../common/im-callbacks'
import type { Db, Migration } from '../../../common/sqlite'
import type { Statement } from 'better-sqlite3'
import type { BusinessRoute } from '../business-http'
import type { AfterHandlers, BusinessCapability, RestCaller } from '../callback-port'
import { mayDrive } from '../group-roles'
import { readLevelRules, writeLevelRules } from './level-rules-store'

/**
 * Viewer levels (issue 12 §3; the seed's "사용자의 신분 및 레벨"): points from time online (join and
 * exit callbacks, State.StateChange), messages sent (after-send), and likes and gifts fed through
 * `LevelActivity` (the gifts capability's ledger, when it lands), each with a weight and a daily
 * cap so that farming one kind of activity stops paying; a membership flag adds its bonus. The
 * level travels the seed's way: the before-send callback writes it into the message's
 * CloudCustomData (`{"level":n}`), which every client shows as a badge.
 *
 * The before-send path reads a map kept beside the table (a member not seen yet costs one indexed
 * read), so the rewrite costs microseconds against Tencent's 2 s budget. The business host's own
 * messages get no level: they skip the callbacks.
 */

export const levelMigrations: readonly Migration[] = [
  {
    version: 220,
    name: 'level-points',
    up(db) {
      db.exec(`
        CREATE TABLE level_days (
          group_id TEXT NOT NULL,
          user_id TEXT NOT NULL,
          day TEXT NOT NULL,
          messages INTEGER NOT NULL DEFAULT 0,
          online_ms INTEGER NOT NULL DEFAULT 0,
          likes INTEGER NOT NULL DEFAULT 0,
          gifts INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (group_id, user_id, day)
        ) STRICT;
        CREATE TABLE level_members (
          group_id TEXT NOT NULL,
          user_id TEXT NOT NULL,
          PRIMARY KEY (group_id, user_id)
        ) STRICT;
      `)
    },
  },
]

/** What other capabilities (gifts, likes) tell the levels: `amount` likes, or gift value. */
export interface LevelActivity {
  record(groupId: string, userId: string, kind: 'like' | 'gift', amount: number): void
}

export interface LevelsOptions {
  rules?: Partial<LevelRules>
}

interface DayRow {
  messages: number
  online_ms: number
  likes: number
  gifts: number
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const memberKey = (groupId: string, userId: string) => JSON.stringify([groupId, userId])
/** How long points wait in memory before they are written, at most (flush). */
export const levelFlushMs = 1000

export class LevelsCapability implements BusinessCapability, LevelActivity {
  readonly name = 'levels'
  readonly after: AfterHandlers
  readonly routes: readonly BusinessRoute[]
  readonly rules: LevelRules
  /** groupId → userId → level, for the before-send rewrite. */
  private readonly levels = new Map<string, Map<string, number>>()
  /** groupId → userId → joined at (Unix ms), while online. */
  private readonly online = new Map<string, Map<string, number>>()
  /** Points not written yet: memberKey → day → what to add (flush). */
  private readonly pending = new Map<string, Map<string, DayRow>>()
  private cancelFlush: (() => void) | undefined
  private statements: { days: Statement; member: Statement } | undefined
  /** groupId → the rules the anchor saved for it (level_rules); a room without uses `rules`. */
  private readonly roomRules = new Map<string, LevelRules | null>()

  constructor(
    private readonly options: LevelsOptions & {
      store: Db
      clock: Clock
      log: (line: string) => void
      /** For who may change a room's rules (its owner and admins); without it nobody may. */
      rest?: RestCaller
    },
  ) {
    this.rules = { ...defaultLevelRules, ...options.rules }
    this.after = {
      'Group.CallbackAfterNewMemberJoin': (body) => {
        const group = this.online.get(body.GroupId) ?? new Map<string, number>()
        for (const member of body.NewMemberList) {
          group.set(member.Member_Account, options.clock.now())
          this.refresh(body.GroupId, member.Member_Account)
        }
        this.online.set(body.GroupId, group)
      },
      'Group.CallbackAfterMemberExit': (body) => {
        for (const member of body.ExitMemberList) this.left(body.GroupId, member.Member_Account)
      },
      'State.StateChange': (body) => {
        if (body.Info.Action === 'Login') return
        for (const groupId of this.online.keys()) this.left(groupId, body.Info.To_Account)
      },
      'Group.CallbackAfterSendMsg': (body) => {
        this.add(body.GroupId, body.From_Account, 'messages', 1)
      },
    }
    this.routes = [
      {
        method: 'GET',
        path: 'levels/rules',
        authenticated: false,
        // A room's rules (`?groupId=`), or the host's defaults: public, viewers may see them too.
        handle: (request) => {
          const groupId = request.query.get('groupId')
          return { status: 200, body: { rules: groupId ? this.rulesFor(groupId) : this.rules } }
        },
      },
      {
        method: 'POST',
        path: 'levels/rules',
        handle: async (request) => {
          const body = request.body as { groupId?: unknown; rules?: unknown } | null
          const groupId = typeof body?.groupId === 'string' ? body.groupId : ''
          if (!groupId || groupId.length > 64) {
            return {
              status: 400,
              error: { code: ErrorCode.invalidParameter, message: 'Send {groupId, rules}' },
            }
          }
          const checked = checkLevelRules(body?.rules)
          if (!checked.ok) {
            return {
              status: 400,
              error: {
                code: LevelRulesCode.badRules,
                message: `The level rules were not saved: ${checked.field} is ${checked.reason}`,
                data: { field: checked.field, reason: checked.reason },
              },
            }
          }
          if (!options.rest) {
            return {
              status: 403,
              error: { code: ErrorCode.noPermission, message: 'Rules cannot be changed here' },
            }
          }
          const allowed = await mayDrive(options.rest, groupId, request.caller?.userId ?? '')
          if (allowed !== true) return allowed
          this.setRules(groupId, checked.rules)
          return { status: 200, body: { groupId, rules: checked.rules } }
        },
      },
      {
        // The anchor's "Make member" / "Remove membership" (issue 12 §3): the owner or an admin.
        method: 'POST',
        path: 'levels/member',
        handle: async (request) => {
          const body = request.body as { groupId?: unknown; userId?: unknown; member?: unknown }
          const groupId = typeof body?.groupId === 'string' ? body.groupId : ''
          const userId = typeof body?.userId === 'string' ? body.userId : ''
          if (!groupId || groupId.length > 64 || !userId || userId.length > 64) {
            return {
              status: 400,
              error: {
                code: ErrorCode.invalidParameter,
                message: 'Send {groupId, userId, member} with member true or false',
              },
            }
          }
          if (typeof body.member !== 'boolean') {
            return {
              status: 400,
              error: { code: ErrorCode.invalidParameter, message: 'member must be true or false' },
            }
          }
          if (!options.rest) {
            return {
              status: 403,
              error: { code: ErrorCode.noPermission, message: 'Membership cannot be set here' },
            }
          }
          const allowed = await mayDrive(options.rest, groupId, request.caller?.userId ?? '')
          if (allowed !== true) return allowed
          this.setMember(groupId, userId, body.member)
          return {
            status: 200,
            body: { groupId, userId, member: body.member, level: this.levelOf(groupId, userId) },
          }
        },
      },
      {
        // Many members' levels at once (the console's member list): `?groupId=&userIds=a,b`;
        // `members` names those of them with the membership flag (the Moderate menu offers
        // "Make member" or "Remove membership" by it).
        method: 'GET',
        path: 'levels/levels',
        authenticated: false,
        handle: (request) => {
          const groupId = request.query.get('groupId')
          const userIds = (request.query.get('userIds') ?? '').split(',').filter(Boolean)
          if (!groupId || userIds.length > 200) {
            return {
              status: 400,
              error: {
                code: ErrorCode.invalidParameter,
                message: 'Give ?groupId=&userIds= with at most 200 comma-separated IDs',
              },
            }
          }
          const levels = Object.fromEntries(
            userIds.map((userId) => [userId, this.levelOf(groupId, userId)]),
          )
          const members = userIds.filter((userId) => this.isMember(groupId, userId))
          return { status: 200, body: { groupId, levels, members } }
        },
      },
      {
        method: 'GET',
        path: 'levels/level',
        authenticated: false,
        handle: (request) => {
          const groupId = request.query.get('groupId')
          const userId = request.query.get('userId')
          if (!groupId || !userId) {
            return {
              status: 400,
              error: { code: ErrorCode.invalidParameter, message: 'Give ?groupId=&userId=' },
            }
          }
          return { status: 200, body: { groupId, userId, level: this.levelOf(groupId, userId) } }
        },
      },
    ]
  }

  record(groupId: string, userId: string, kind: 'like' | 'gift', amount: number): void {
    if (!Number.isFinite(amount) || amount <= 0) return
    this.add(groupId, userId, kind === 'like' ? 'likes' : 'gifts', Math.round(amount))
  }

  /** Whether the member has the membership flag. */
  isMember(groupId: string, userId: string): boolean {
    return this.reads().member.get(groupId, userId) !== undefined
  }

  /** Marks a member (a paid membership, a fan club): its bonus counts from then. */
  setMember(groupId: string, userId: string, member: boolean): void {
    const db = this.options.store
    if (member) {
      db.prepare('INSERT OR IGNORE INTO level_members VALUES (?, ?)').run(groupId, userId)
    } else {
      db.prepare('DELETE FROM level_members WHERE group_id = ? AND user_id = ?').run(
        groupId,
        userId,
      )
    }
    this.refresh(groupId, userId)
  }

  /** The rules a room's levels follow now. */
  rulesFor(groupId: string): LevelRules {
    let saved = this.roomRules.get(groupId)
    if (saved === undefined) {
      saved = readLevelRules(this.options.store, groupId) ?? null
      this.roomRules.set(groupId, saved)
    }
    return saved ?? this.rules
  }

  /**
   * Saves a room's rules and applies them at once: every level of the room is worked out again
   * from the points it has (the next message carries the new level).
   */
  setRules(groupId: string, rules: LevelRules): void {
    writeLevelRules(this.options.store, groupId, rules, this.options.clock.now())
    this.roomRules.set(groupId, rules)
    const cached = this.levels.get(groupId)
    if (cached) for (const userId of [...cached.keys()]) this.refresh(groupId, userId)
    this.options.log(`business: levels: new rules for ${groupId}`)
  }

  levelOf(groupId: string, userId: string): number {
    const cached = this.levels.get(groupId)?.get(userId)
    return cached ?? this.refresh(groupId, userId)
  }

  beforeSend(body: SendMsgBody): BeforeSendAnswer | undefined {
    const level = this.levelOf(body.GroupId, body.From_Account)
    let data: Record<string, unknown> = {}
    if (body.CloudCustomData) {
      try {
        const parsed: unknown = JSON.parse(body.CloudCustomData)
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined
        data = parsed as Record<string, unknown>
      } catch {
        // Someone else's CloudCustomData that is not JSON: left as it is, without a level.
        return undefined
      }
    }
    return { ErrorCode: 0, CloudCustomData: JSON.stringify({ ...data, level }) }
  }

  close(): void {
    const now = this.options.clock.now()
    for (const [groupId, group] of this.online) {
      for (const [userId, since] of group) this.addOnline(groupId, userId, since, now)
    }
    this.online.clear()
    this.flush()
  }

  private left(groupId: string, userId: string): void {
    const group = this.online.get(groupId)
    const since = group?.get(userId)
    if (since === undefined) return
    group?.delete(userId)
    this.addOnline(groupId, userId, since, this.options.clock.now())
  }

  private addOnline(groupId: string, userId: string, since: number, until: number): void {
    if (until > since) this.add(groupId, userId, 'online_ms', until - since)
  }

  private add(groupId: string, userId: string, column: keyof DayRow, amount: number): void {
    const day = utcDay(this.options.clock.now())
    const key = memberKey(groupId, userId)
    const days = this.pending.get(key) ?? new Map<string, DayRow>()
    this.pending.set(key, days)
    const row = days.get(day) ?? { messages: 0, online_ms: 0, likes: 0, gifts: 0 }
    days.set(day, row)
    row[column] += amount
    this.cancelFlush ??= this.options.clock.setTimer(() => this.flush(), levelFlushMs)
    this.refresh(groupId, userId)
  }

  /**
   * Writes the points gathered since the last flush in one transaction. The business store
   * commits with synchronous=FULL (it keeps money), so a commit per chat line was an fsync per
   * line: at a few hundred lines a second the event loop stalled for seconds (the chat storm
   * bench, issue 15 §4). Points are not money: a crash loses at most the last second of them.
   */
  flush(): void {
    this.cancelFlush?.()
    this.cancelFlush = undefined
    if (this.pending.size === 0) return
    const pending = [...this.pending]
    this.pending.clear()
    const db = this.options.store
    const upsert = db.prepare(
      `INSERT INTO level_days (group_id, user_id, day, messages, online_ms, likes, gifts)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (group_id, user_id, day) DO UPDATE SET
         messages = messages + excluded.messages, online_ms = online_ms + excluded.online_ms,
         likes = likes + excluded.likes, gifts = gifts + excluded.gifts`,
    )
    db.transaction(() => {
      for (const [key, days] of pending) {
        const [groupId, userId] = JSON.parse(key) as [string, string]
        for (const [day, row] of days) {
          upsert.run(groupId, userId, day, row.messages, row.online_ms, row.likes, row.gifts)
        }
      }
    })()
  }

  /** The statements refresh runs on every chat line, prepared once (after the migrations ran). */
  private reads() {
    const db = this.options.store
    this.statements ??= {
      days: db.prepare(
        'SELECT messages, online_ms, likes, gifts FROM level_days WHERE group_id = ? AND user_id = ?',
      ),
      member: db.prepare('SELECT 1 FROM level_members WHERE group_id = ? AND user_id = ?'),
    }
    return this.statements
  }

  /** Recomputes a member's level from the table and caches it. */
  private refresh(groupId: string, userId: string): number {
    const { days: selectDays, member: selectMember } = this.reads()
    const days = selectDays.all(groupId, userId) as DayRow[]
    for (const row of this.pending.get(memberKey(groupId, userId))?.values() ?? []) days.push(row)
    const member = selectMember.get(groupId, userId) !== undefined
    const level = levelOf(
      days.map((row) => ({
        messages: row.messages,
        onlineMinutes: row.online_ms / 60_000,
        likes: row.likes,
        gifts: row.gifts,
      })),
      member,
      this.rulesFor(groupId),
    )
    const group = this.levels.get(groupId) ?? new Map<string, number>()
    group.set(userId, level)
    this.levels.set(groupId, group)
    return level
  }
}
