import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { BusinessId, lotteryVersion } from '../../../../src-shared/protocol/business-messages'
import { ErrorCode } from '../../../../src-shared/protocol/codes'
import {
  LotteryCode,
  LotteryOpen,
  type LotteryPerson,
  type LotteryResult,
  type LotteryView,
} from '../../../../src-shared/protocol/lottery'
import type { RoomState } from '../../../../src-shared/protocol/room-state'
import { sendBusinessMessage } from '../../../common/business-message-send'
import type { Clock } from '../../../common/clock'
import type { Db, Migration } from '../../../common/sqlite'
import type { BusinessRequest, BusinessResponse, BusinessRoute } from '../business-http'
import type { AfterHandlers, BusinessCapability, RestCaller } from '../callback-port'
import { mayDrive, ownerAndAdmins } from '../group-roles'
import {
  commitmentOf,
  drawOrder,
  LOTTERY_ALGORITHM,
  newSeed,
  normalizeKeyword,
  sortEntrants,
} from './lottery-draw'

/**
 * The keyword lottery (issue 12 §4; docs/business.md "Keyword lottery"): the anchor opens it with
 * a keyword; every viewer whose chat message contains the keyword (after-send callback,
 * normalised: case, width, spaces) enters once; when it closes — its time is up, or "Draw now" —
 * the winners are drawn from the committed seed (lottery-draw.ts) and announced. The room's
 * owner, its admins, and whoever is muted or banned at the draw are never drawn; an optional
 * minimum watch time counts from the viewer's join. A paused room pauses its lottery: its clock
 * stops and it takes no entries until the room is live again.
 */

export const lotteryMigrations: readonly Migration[] = [
  {
    version: 210,
    name: 'lotteries',
    up(db) {
      db.exec(`
        CREATE TABLE lotteries (
          id TEXT PRIMARY KEY,
          group_id TEXT NOT NULL,
          view_json TEXT NOT NULL,
          seed TEXT NOT NULL,
          excluded_json TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX lotteries_by_group ON lotteries (group_id, updated_at);
        CREATE TABLE lottery_entries (
          lottery_id TEXT NOT NULL REFERENCES lotteries(id) ON DELETE CASCADE,
          user_id TEXT NOT NULL,
          nick TEXT NOT NULL,
          at INTEGER NOT NULL,
          PRIMARY KEY (lottery_id, user_id)
        ) STRICT;
      `)
    },
  },
]

export interface LotteryCapabilityOptions {
  rest: RestCaller
  clock: Clock
  log: (line: string) => void
  store: Db
  /** The room's state now (room-state capability), so a lottery opened while paused waits. */
  roomStateOf?: (groupId: string) => RoomState | undefined
}

interface Running {
  view: LotteryView
  seed: string
  /** The owner and admins when it opened: never entrants. */
  excluded: Set<string>
  keyword: string
  cancelTimer: (() => void) | undefined
}

const GROUP_SVC = 'group_open_http_svc'

const refuse = (status: number, code: number, message: string): BusinessResponse => ({
  status,
  error: { code, message },
})

const GroupBody = z.object({ groupId: z.string().min(1).max(64) })

export class LotteryCapability implements BusinessCapability {
  readonly name = 'lottery'
  readonly after: AfterHandlers
  readonly routes: readonly BusinessRoute[]
  /** The open (or paused) lottery of each room. */
  private readonly running = new Map<string, Running>()
  /** groupId → userId → when they joined (Unix ms), for the minimum watch time. */
  private readonly joinedAt = new Map<string, Map<string, number>>()
  private closed = false

  constructor(private readonly options: LotteryCapabilityOptions) {
    this.after = {
      'Group.CallbackAfterNewMemberJoin': (body) => {
        const joined = this.joinedAt.get(body.GroupId) ?? new Map<string, number>()
        const at = body.EventTime ?? options.clock.now()
        for (const member of body.NewMemberList) joined.set(member.Member_Account, at)
        this.joinedAt.set(body.GroupId, joined)
      },
      'Group.CallbackAfterMemberExit': (body) => {
        const joined = this.joinedAt.get(body.GroupId)
        for (const member of body.ExitMemberList) joined?.delete(member.Member_Account)
      },
      'Group.CallbackAfterSendMsg': (body) => {
        const text = body.MsgBody.flatMap((elem) =>
          elem.MsgType === 'TIMTextElem' && typeof elem.MsgContent.Text === 'string'
            ? [elem.MsgContent.Text]
            : [],
        ).join(' ')
        if (text) this.offer(body.GroupId, body.From_Account, text)
      },
    }
    this.routes = [
      { method: 'GET', path: 'lottery', authenticated: false, handle: (r) => this.get(r) },
      {
        method: 'GET',
        path: 'lottery/result',
        authenticated: false,
        handle: (r) => this.result(r),
      },
      { method: 'POST', path: 'lottery/open', handle: (r) => this.open(r) },
      { method: 'POST', path: 'lottery/draw', handle: (r) => this.drawNow(r) },
      { method: 'POST', path: 'lottery/redraw', handle: (r) => this.redraw(r) },
    ]
    this.restore()
  }

  /** The room paused or went live again: the lottery's clock stops or runs on. */
  roomStateChanged(groupId: string, state: RoomState): void {
    const running = this.running.get(groupId)
    if (!running || this.closed) return
    const now = this.options.clock.now()
    if (state.state === 'paused' && running.view.phase === 'open') {
      running.cancelTimer?.()
      running.cancelTimer = undefined
      running.view = {
        ...running.view,
        phase: 'paused',
        remainingMs: Math.max(0, (running.view.closesAt ?? now) - now),
        closesAt: null,
      }
      this.changed(running)
    } else if (state.state === 'live' && running.view.phase === 'paused') {
      running.view = {
        ...running.view,
        phase: 'open',
        closesAt: now + running.view.remainingMs,
      }
      this.arm(running)
      this.changed(running)
    } else if (state.state === 'ended') {
      this.draw(running)
    }
  }

  /** The room's current or last lottery. */
  viewOf(groupId: string): LotteryView | undefined {
    const running = this.running.get(groupId)
    if (running) return this.withCount(running.view)
    const row = this.options.store
      .prepare(
        'SELECT view_json FROM lotteries WHERE group_id = ? ORDER BY updated_at DESC LIMIT 1',
      )
      .get(groupId) as { view_json: string } | undefined
    return row ? (JSON.parse(row.view_json) as LotteryView) : undefined
  }

  close(): void {
    this.closed = true
    for (const running of this.running.values()) running.cancelTimer?.()
  }

  private offer(groupId: string, userId: string, text: string): void {
    const running = this.running.get(groupId)
    if (!running || running.view.phase !== 'open' || running.excluded.has(userId)) return
    if (!normalizeKeyword(text).includes(running.keyword)) return
    const now = this.options.clock.now()
    const minWatchMs = running.view.minWatchSeconds * 1000
    if (minWatchMs > 0) {
      const joined = this.joinedAt.get(groupId)?.get(userId)
      if (joined === undefined || now - joined < minWatchMs) return
    }
    // The callback carries no nick (Tencent's after-send body has none): the ID stands for it.
    this.options.store
      .prepare(
        'INSERT OR IGNORE INTO lottery_entries (lottery_id, user_id, nick, at) VALUES (?, ?, ?, ?)',
      )
      .run(running.view.id, userId, userId, now)
  }

  private entrants(lotteryId: string): LotteryPerson[] {
    return this.options.store
      .prepare('SELECT user_id AS userId, nick FROM lottery_entries WHERE lottery_id = ?')
      .all(lotteryId) as LotteryPerson[]
  }

  private withCount(view: LotteryView): LotteryView {
    const row = this.options.store
      .prepare('SELECT count(*) AS n FROM lottery_entries WHERE lottery_id = ?')
      .get(view.id) as { n: number }
    return { ...view, entrantCount: row.n }
  }

  private save(running: Running): void {
    this.options.store
      .prepare(
        `INSERT INTO lotteries (id, group_id, view_json, seed, excluded_json, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET view_json = excluded.view_json, updated_at = excluded.updated_at`,
      )
      .run(
        running.view.id,
        running.view.groupId,
        JSON.stringify(running.view),
        running.seed,
        JSON.stringify([...running.excluded]),
        this.options.clock.now(),
      )
  }

  /** Saved, and told to the room (High: a shed "winners" message is what a viewer would miss). */
  private changed(running: Running): void {
    running.view = this.withCount(running.view)
    this.save(running)
    const view = running.view
    sendBusinessMessage(
      this.options.rest,
      view.groupId,
      { businessID: BusinessId.lottery, version: lotteryVersion, ...view },
      'High',
    ).catch((error: unknown) => {
      const words = error instanceof Error ? error.message : String(error)
      this.options.log(`business: lottery: telling ${view.groupId} failed (${words})`)
    })
  }

  private arm(running: Running): void {
    running.cancelTimer?.()
    const closesAt = running.view.closesAt
    if (closesAt === null) return
    running.cancelTimer = this.options.clock.setTimer(
      () => {
        running.cancelTimer = undefined
        this.draw(running)
      },
      Math.max(0, closesAt - this.options.clock.now()),
    )
  }

  /** Closes the lottery and draws; the muted and banned at this moment are left out. */
  private draw(running: Running): void {
    if (this.running.get(running.view.groupId) !== running) return
    running.cancelTimer?.()
    running.cancelTimer = undefined
    this.running.delete(running.view.groupId)
    const now = this.options.clock.now()
    const frozen = sortEntrants(this.entrants(running.view.id))
    void this.outOfDraw(running.view.groupId).then((out) => {
      const eligible = frozen.filter((entrant) => !out.has(entrant.userId))
      const winners = drawOrder(running.seed, eligible).slice(0, running.view.winnersCount)
      // The list the draw used is the one exported and verified: the left-out are not in it.
      this.options.store.transaction(() => {
        for (const entrant of frozen) {
          if (out.has(entrant.userId)) {
            this.options.store
              .prepare('DELETE FROM lottery_entries WHERE lottery_id = ? AND user_id = ?')
              .run(running.view.id, entrant.userId)
          }
        }
      })()
      running.view = {
        ...running.view,
        phase: 'drawn',
        closesAt: null,
        remainingMs: 0,
        closedAt: now,
        seed: running.seed,
        winners,
      }
      this.options.log(
        `business: lottery: ${running.view.groupId} drew ${winners.length} of ${eligible.length}`,
      )
      this.changed(running)
    })
  }

  /** Muted and banned members now (REST); a failed read leaves nobody out, and is logged. */
  private async outOfDraw(groupId: string): Promise<Set<string>> {
    const out = new Set<string>()
    const now = this.options.clock.now()
    try {
      const muted = await this.options.rest.call(GROUP_SVC, 'get_group_muted_account', {
        GroupId: groupId,
      })
      for (const entry of (muted.MutedAccountList as
        { Member_Account: string; MutedUntil: number }[] | undefined) ?? []) {
        if (entry.MutedUntil * 1000 > now) out.add(entry.Member_Account)
      }
      const banned = await this.options.rest.call(GROUP_SVC, 'get_group_ban_member', {
        GroupId: groupId,
        Limit: 100,
        Offset: 0,
      })
      for (const entry of (banned.BannedAccountList as { Member_Account: string }[] | undefined) ??
        []) {
        out.add(entry.Member_Account)
      }
    } catch (error) {
      const words = error instanceof Error ? error.message : String(error)
      this.options.log(`business: lottery: reading mutes and bans of ${groupId} failed (${words})`)
    }
    return out
  }

  private restore(): void {
    const rows = this.options.store
      .prepare('SELECT view_json, seed, excluded_json FROM lotteries')
      .all() as { view_json: string; seed: string; excluded_json: string }[]
    for (const row of rows) {
      const view = JSON.parse(row.view_json) as LotteryView
      if (view.phase === 'drawn') continue
      const running: Running = {
        view,
        seed: row.seed,
        excluded: new Set(JSON.parse(row.excluded_json) as string[]),
        keyword: normalizeKeyword(view.keyword),
        cancelTimer: undefined,
      }
      this.running.set(view.groupId, running)
      this.arm(running)
    }
  }

  private get(request: BusinessRequest): BusinessResponse {
    const groupId = request.query.get('groupId')
    if (!groupId) return refuse(400, ErrorCode.invalidParameter, 'Give ?groupId=<the group ID>')
    return { status: 200, body: { groupId, lottery: this.viewOf(groupId) ?? null } }
  }

  /** The last drawn lottery's result, to export and verify (public: it is meant to be checked). */
  private result(request: BusinessRequest): BusinessResponse {
    const groupId = request.query.get('groupId') ?? ''
    const view = this.viewOf(groupId)
    if (!view || view.phase !== 'drawn' || !view.seed || view.closedAt === null) {
      return refuse(404, LotteryCode.noLottery, 'No drawn lottery in this room')
    }
    const result: LotteryResult = {
      keyword: view.keyword,
      commitment: view.commitment,
      seed: view.seed,
      algorithm: view.algorithm,
      openedAt: view.openedAt,
      closedAt: view.closedAt,
      entrants: sortEntrants(this.entrants(view.id)),
      winners: view.winners,
      ...(view.redrawn.length ? { redrawn: view.redrawn } : {}),
    }
    return { status: 200, body: result }
  }

  private async open(request: BusinessRequest): Promise<BusinessResponse> {
    const group = GroupBody.safeParse(request.body)
    const open = LotteryOpen.safeParse(request.body)
    if (!group.success || !open.success) {
      return refuse(
        400,
        ErrorCode.invalidParameter,
        'Send {groupId, keyword (1–32 characters), winners (1–100), durationSeconds (10–600), minWatchSeconds}',
      )
    }
    const { groupId } = group.data
    const allowed = await mayDrive(this.options.rest, groupId, request.caller?.userId ?? '')
    if (allowed !== true) return allowed
    if (this.running.has(groupId)) {
      return refuse(409, LotteryCode.alreadyOpen, 'A lottery is already open in this room')
    }
    const roles = await ownerAndAdmins(this.options.rest, groupId).catch(() => undefined)
    const now = this.options.clock.now()
    const paused = this.options.roomStateOf?.(groupId)?.state === 'paused'
    const seed = newSeed()
    const durationMs = open.data.durationSeconds * 1000
    const running: Running = {
      seed,
      keyword: normalizeKeyword(open.data.keyword),
      excluded: new Set(roles ? [roles.owner, ...roles.admins] : []),
      cancelTimer: undefined,
      view: {
        id: randomBytes(8).toString('hex'),
        groupId,
        keyword: open.data.keyword,
        winnersCount: open.data.winners,
        phase: paused ? 'paused' : 'open',
        openedAt: now,
        closesAt: paused ? null : now + durationMs,
        remainingMs: paused ? durationMs : 0,
        closedAt: null,
        commitment: commitmentOf(seed),
        seed: null,
        algorithm: LOTTERY_ALGORITHM,
        minWatchSeconds: open.data.minWatchSeconds,
        entrantCount: 0,
        winners: [],
        redrawn: [],
      },
    }
    this.running.set(groupId, running)
    this.save(running)
    this.arm(running)
    this.changed(running)
    return { status: 200, body: { lottery: this.withCount(running.view) } }
  }

  private async drawNow(request: BusinessRequest): Promise<BusinessResponse> {
    const group = GroupBody.safeParse(request.body)
    if (!group.success) return refuse(400, ErrorCode.invalidParameter, 'Send {groupId}')
    const { groupId } = group.data
    const allowed = await mayDrive(this.options.rest, groupId, request.caller?.userId ?? '')
    if (allowed !== true) return allowed
    const running = this.running.get(groupId)
    if (!running) return refuse(404, LotteryCode.noLottery, 'No open lottery in this room')
    this.draw(running)
    return { status: 200, body: { lottery: this.withCount(running.view) } }
  }

  /** Replaces a winner who did not claim with the next entrant of the same shuffle. */
  private async redraw(request: BusinessRequest): Promise<BusinessResponse> {
    const body = GroupBody.extend({ userId: z.string().min(1) }).safeParse(request.body)
    if (!body.success) return refuse(400, ErrorCode.invalidParameter, 'Send {groupId, userId}')
    const { groupId, userId } = body.data
    const allowed = await mayDrive(this.options.rest, groupId, request.caller?.userId ?? '')
    if (allowed !== true) return allowed
    const view = this.viewOf(groupId)
    if (!view || view.phase !== 'drawn' || !view.seed) {
      return refuse(404, LotteryCode.noLottery, 'No drawn lottery in this room')
    }
    const replaced = view.winners.find((winner) => winner.userId === userId)
    if (!replaced) return refuse(409, LotteryCode.noneLeft, `${userId} is not a winner`)
    const redrawn = [...view.redrawn, replaced]
    const out = new Set(redrawn.map((person) => person.userId))
    const winners = drawOrder(view.seed, this.entrants(view.id))
      .filter((entrant) => !out.has(entrant.userId))
      .slice(0, view.winnersCount)
    const running: Running = {
      view: { ...view, winners, redrawn },
      seed: view.seed,
      excluded: new Set(),
      keyword: '',
      cancelTimer: undefined,
    }
    this.changed(running)
    return { status: 200, body: { lottery: running.view } }
  }
}
