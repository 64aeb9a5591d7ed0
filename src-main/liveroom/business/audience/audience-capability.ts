import { type AudienceView, sameAudience } from '../../../../src-shared/protocol/audience'
import { audienceVersion, BusinessId } from '../../../../src-shared/protocol/business-messages'
import { ErrorCode } from '../../../../src-shared/protocol/codes'
import { sendBusinessMessage } from '../../../common/business-message-send'
import type { Clock } from '../../../common/clock'
import type { AfterSendMsgBody } from '../../../common/im-callbacks'
import type { Db } from '../../../common/sqlite'
import type { BusinessResponse, BusinessRoute } from '../business-http'
import type { AfterHandlers, BusinessCapability, RestCaller } from '../callback-port'
import type { LevelActivity } from '../levels/levels-capability'
import {
  addPoints,
  checkHeatWeights,
  type DecayingScore,
  defaultHeatWeights,
  emptyScore,
  heatOf,
  type HeatWeights,
  pointsOf,
  scoreAt,
} from './room-heat'
import {
  type AudienceRow,
  insertViewers,
  listShows,
  readShow,
  readViewers,
  writeShow,
} from './audience-store'

/**
 * The room's audience (issue 12 §3; src-shared/protocol/audience.ts): concurrent members, unique
 * viewers and the peak of each show, and the room's heat (room-heat.ts), from callbacks only —
 * joins and exits (and State.StateChange's logouts), after-send for chat messages, and the gifts
 * capability's likes and billed gifts through `record` (LevelActivity).
 *
 * Told to the room as a Low, online-only custom message at most once every `periodMs` and only
 * when a figure changed: the first change after a quiet period goes at once, later ones wait for
 * the period to end and go together. While the heat still decays, the figures are looked at
 * again each period until it settles. A joiner reads GET /business/audience instead.
 *
 * Kept per show (the room state's showId; a room without a state is one show, ''): the unique
 * viewers' IDs, the peak, the heat's score and the show's totals, in the business database. The
 * figures are written at each look (every period while they change) and on close, in one
 * transaction: a kill -9 loses at most one period of them, never the unique viewers' meaning.
 *
 * A host that starts while people are already in the room (a restart behind Tencent Cloud) reads
 * get_online_member_num once per group and counts the difference as members it cannot name
 * (`untracked`), taken off as unknown members leave.
 */

export interface AudienceOptions {
  /** The shortest time between two audience messages to a room, ms; default 5000. */
  periodMs?: number
  heat?: Partial<HeatWeights>
}

export const defaultAudiencePeriodMs = 5000

export interface AudienceCapabilityOptions extends AudienceOptions {
  rest: RestCaller
  clock: Clock
  log: (line: string) => void
  store: Db
  /** The room's current show (the room state's showId), or undefined when it has none. */
  showOf?: (groupId: string) => string | undefined
}

interface GroupAudience {
  groupId: string
  showId: string
  online: Set<string>
  /** Members the callbacks never named (the REST count at first sight, minus the named ones). */
  untracked: number
  seen: Set<string>
  newViewers: { userId: string; at: number }[]
  peak: number
  score: DecayingScore
  messages: number
  likes: number
  giftValue: number
  startedAt: number
  told: AudienceView | undefined
  lastPushAt: number
  cancelLook: (() => void) | undefined
  sending: boolean
  failing: boolean
  /** Figures changed since they were last written. */
  dirty: boolean
}

const GROUP_SVC = 'group_open_http_svc'

export class AudienceCapability implements BusinessCapability, LevelActivity {
  readonly name = 'audience'
  readonly after: AfterHandlers
  readonly routes: readonly BusinessRoute[]
  readonly weights: HeatWeights
  private readonly periodMs: number
  private readonly groups = new Map<string, GroupAudience>()
  private closed = false

  constructor(private readonly options: AudienceCapabilityOptions) {
    this.weights = checkHeatWeights({ ...defaultHeatWeights, ...options.heat })
    this.periodMs = options.periodMs ?? defaultAudiencePeriodMs
    if (!Number.isSafeInteger(this.periodMs) || this.periodMs < 1) {
      throw new Error(`audience.periodMs must be a positive integer (got ${String(this.periodMs)})`)
    }
    this.after = {
      'Group.CallbackAfterNewMemberJoin': (body) => {
        const group = this.group(body.GroupId)
        const now = options.clock.now()
        for (const { Member_Account: userId } of body.NewMemberList) {
          group.online.add(userId)
          if (!group.seen.has(userId)) {
            group.seen.add(userId)
            group.newViewers.push({ userId, at: now })
          }
        }
        group.peak = Math.max(group.peak, this.concurrent(group))
        this.changed(group)
      },
      'Group.CallbackAfterMemberExit': (body) => {
        const group = this.groups.get(body.GroupId)
        if (!group) return
        for (const { Member_Account: userId } of body.ExitMemberList) this.left(group, userId)
        this.changed(group)
      },
      'State.StateChange': (body) => {
        if (body.Info.Action === 'Login') return
        for (const group of this.groups.values()) {
          if (!group.online.has(body.Info.To_Account)) continue
          this.left(group, body.Info.To_Account)
          this.changed(group)
        }
      },
      'Group.CallbackAfterSendMsg': (body) => {
        if (isChat(body)) this.add(body.GroupId, 'message', 1)
      },
      'Group.CallbackAfterGroupDestroyed': (body) => {
        const group = this.groups.get(body.GroupId)
        if (!group) return
        group.cancelLook?.()
        this.flush(group)
        this.groups.delete(body.GroupId)
      },
    }
    this.routes = [
      {
        method: 'GET',
        path: 'audience',
        authenticated: false,
        handle: (request) => {
          const groupId = request.query.get('groupId')
          if (!groupId) {
            return {
              status: 400,
              error: { code: ErrorCode.invalidParameter, message: 'Give ?groupId=<the group ID>' },
            } satisfies BusinessResponse
          }
          return { status: 200, body: { groupId, audience: this.viewOf(groupId) } }
        },
      },
      {
        // Each show's figures afterwards, newest first (the anchor's report).
        method: 'GET',
        path: 'audience/shows',
        handle: (request) => {
          const groupId = request.query.get('groupId') ?? ''
          for (const group of this.groups.values()) if (group.groupId === groupId) this.flush(group)
          const shows = listShows(options.store, groupId).map((row) => ({
            showId: row.show_id || null,
            startedAt: row.started_at,
            unique: row.unique_count,
            peak: row.peak,
            messages: row.messages,
            likes: row.likes,
            giftValue: row.gift_value,
          }))
          return { status: 200, body: { groupId, shows } }
        },
      },
    ]
  }

  /** Likes (their count) and billed gifts (their value in coins), from the gifts capability. */
  record(groupId: string, _userId: string, kind: 'like' | 'gift', amount: number): void {
    this.add(groupId, kind, amount)
  }

  /** The room's show changed (the room state): the figures start again for the new one. */
  showChanged(groupId: string, showId: string): void {
    const group = this.groups.get(groupId)
    if (!group || group.showId === showId || this.closed) return
    this.flush(group)
    const now = this.options.clock.now()
    const fresh = this.load(groupId, showId, now)
    // Who is here when the show starts watches it.
    fresh.online = group.online
    fresh.untracked = group.untracked
    for (const userId of group.online) {
      if (fresh.seen.has(userId)) continue
      fresh.seen.add(userId)
      fresh.newViewers.push({ userId, at: now })
    }
    fresh.peak = Math.max(fresh.peak, this.concurrent(fresh))
    fresh.told = group.told
    fresh.lastPushAt = group.lastPushAt
    group.cancelLook?.()
    this.groups.set(groupId, fresh)
    this.changed(fresh)
  }

  /** The figures now; null when the room was never seen (by this host or in its store). */
  viewOf(groupId: string): AudienceView | null {
    const now = this.options.clock.now()
    const group = this.groups.get(groupId)
    if (group) return this.view(group, now)
    const showId = this.options.showOf?.(groupId) ?? ''
    const row = readShow(this.options.store, groupId, showId)
    if (!row) return null
    return {
      showId: showId || null,
      concurrent: 0,
      unique: row.unique_count,
      peak: row.peak,
      heat: heatOf(0, { value: row.score, at: row.score_at }, now, this.weights),
      at: now,
    }
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    for (const group of this.groups.values()) {
      group.cancelLook?.()
      this.flush(group)
    }
    this.groups.clear()
  }

  private concurrent(group: GroupAudience): number {
    return group.online.size + group.untracked
  }

  private view(group: GroupAudience, now: number): AudienceView {
    const concurrent = this.concurrent(group)
    return {
      showId: group.showId || null,
      concurrent,
      unique: group.seen.size,
      peak: group.peak,
      heat: heatOf(concurrent, group.score, now, this.weights),
      at: now,
    }
  }

  private left(group: GroupAudience, userId: string): void {
    if (group.online.delete(userId)) return
    if (group.untracked > 0) group.untracked--
  }

  private add(groupId: string, kind: 'message' | 'like' | 'gift', amount: number): void {
    if (this.closed) return
    const points = pointsOf(kind, amount, this.weights)
    if (points === 0) return
    const group = this.group(groupId)
    const now = this.options.clock.now()
    group.score = addPoints(group.score, points, now, this.weights.halfLifeMs)
    if (kind === 'message') group.messages += amount
    else if (kind === 'like') group.likes += Math.round(amount)
    else group.giftValue += Math.round(amount)
    this.changed(group)
  }

  /** The group as tracked, loading its show from the store the first time it is seen. */
  private group(groupId: string): GroupAudience {
    const known = this.groups.get(groupId)
    if (known) return known
    const showId = this.options.showOf?.(groupId) ?? ''
    const group = this.load(groupId, showId, this.options.clock.now())
    this.groups.set(groupId, group)
    this.resync(group)
    return group
  }

  private load(groupId: string, showId: string, now: number): GroupAudience {
    const db = this.options.store
    const row = readShow(db, groupId, showId)
    return {
      groupId,
      showId,
      online: new Set(),
      untracked: 0,
      seen: new Set(row ? readViewers(db, groupId, showId) : []),
      newViewers: [],
      peak: row?.peak ?? 0,
      score: row ? { value: row.score, at: row.score_at } : emptyScore(now),
      messages: row?.messages ?? 0,
      likes: row?.likes ?? 0,
      giftValue: row?.gift_value ?? 0,
      startedAt: row?.started_at ?? now,
      told: undefined,
      lastPushAt: -Infinity,
      cancelLook: undefined,
      sending: false,
      failing: false,
      dirty: false,
    }
  }

  /** Members already in the room when this host first saw it, whom no callback named. */
  private resync(group: GroupAudience): void {
    this.options.rest
      .call(GROUP_SVC, 'get_online_member_num', { GroupId: group.groupId })
      .then((answer) => {
        const online = answer.OnlineMemberNum
        const current = this.groups.get(group.groupId)
        if (!current || typeof online !== 'number' || !Number.isSafeInteger(online)) return
        const untracked = Math.max(0, online - current.online.size)
        if (untracked === current.untracked) return
        current.untracked = untracked
        current.peak = Math.max(current.peak, this.concurrent(current))
        this.changed(current)
      })
      .catch((error: unknown) => {
        const words = error instanceof Error ? error.message : String(error)
        this.options.log(
          `business: audience: reading the online count of ${group.groupId} failed (${words}); counting from the callbacks`,
        )
      })
  }

  /** A figure may have changed: look at the next allowed moment (at once after a quiet period). */
  private changed(group: GroupAudience): void {
    group.dirty = true
    this.lookAgain(group)
  }

  private lookAgain(group: GroupAudience, notBefore = -Infinity): void {
    if (this.closed || group.cancelLook) return
    const at = Math.max(group.lastPushAt + this.periodMs, notBefore)
    const wait = Math.max(0, at - this.options.clock.now())
    group.cancelLook = this.options.clock.setTimer(() => {
      group.cancelLook = undefined
      this.look(group)
    }, wait)
  }

  private look(group: GroupAudience): void {
    if (this.closed || this.groups.get(group.groupId) !== group) return
    this.flush(group)
    const now = this.options.clock.now()
    const view = this.view(group, now)
    // Still decaying: look again next period, whether or not this look sent anything.
    const settling = scoreAt(group.score, now, this.weights.halfLifeMs) >= 0.5
    if (!sameAudience(group.told, view) && !group.sending) {
      if (view.concurrent === 0) {
        // Nobody to tell (the message is online-only); the next joiner is a change anyway.
        group.told = view
      } else {
        this.send(group, view)
      }
    }
    // A period from now, not from the last push: a look that sent nothing must not run again at
    // once. A message in flight looks again when it is answered.
    if (settling && !group.sending) this.lookAgain(group, now + this.periodMs)
  }

  private send(group: GroupAudience, view: AudienceView): void {
    group.sending = true
    group.lastPushAt = view.at
    // Low: a figure a few seconds old hurts nobody, and in a storm the chat goes first. A shed
    // message is not resent; the next change (or the decaying heat) brings a new one.
    sendBusinessMessage(
      this.options.rest,
      group.groupId,
      { businessID: BusinessId.audience, version: audienceVersion, ...view },
      'Low',
      { onlineOnly: true },
    ).then(
      () => {
        group.sending = false
        group.told = view
        this.lookAgain(group)
        if (group.failing) {
          group.failing = false
          this.options.log(`business: audience: pushing to ${group.groupId} works again`)
        }
      },
      (error: unknown) => {
        group.sending = false
        this.lookAgain(group)
        if (group.failing) return
        group.failing = true
        const words = error instanceof Error ? error.message : String(error)
        this.options.log(
          `business: audience: pushing the figures of ${group.groupId} failed (${words}); trying again every ${this.periodMs} ms`,
        )
      },
    )
  }

  /** Writes the show's figures and its new viewers, in one transaction. */
  private flush(group: GroupAudience): void {
    if (!group.dirty && group.newViewers.length === 0) return
    group.dirty = false
    const row: AudienceRow = {
      group_id: group.groupId,
      show_id: group.showId,
      started_at: group.startedAt,
      unique_count: group.seen.size,
      peak: group.peak,
      score: group.score.value,
      score_at: group.score.at,
      messages: group.messages,
      likes: group.likes,
      gift_value: group.giftValue,
      updated_at: this.options.clock.now(),
    }
    const viewers = group.newViewers.splice(0)
    try {
      this.options.store.transaction(() => {
        insertViewers(this.options.store, group.groupId, group.showId, viewers)
        writeShow(this.options.store, row)
      })()
    } catch (error) {
      group.newViewers.unshift(...viewers)
      group.dirty = true
      this.options.log(
        `business: audience: writing the figures of ${group.groupId} failed (${(error as Error).message})`,
      )
    }
  }
}

/** A chat line: text or a face, not a custom message (likes are counted through `record`). */
function isChat(body: AfterSendMsgBody): boolean {
  return body.MsgBody.some(
    (elem) => elem.MsgType === 'TIMTextElem' || elem.MsgType === 'TIMFaceElem',
  )
}
