import { randomInt } from 'node:crypto'
import {
  BusinessId,
  encodeBusinessMessage,
  onlineCountVersion,
} from '../../../../src-shared/protocol/business-messages'
import { ErrorCode } from '../../../../src-shared/protocol/codes'
import type { Clock } from '../../../common/clock'
import type { CallbackMsgElem } from '../../../common/im-callbacks'
import { RoomError } from '../../../common/room-error'
import type { AfterHandlers, BusinessCapability, RestCaller } from '../callback-port'

/**
 * The room's online count, pushed by the business backend (the seed guide's second scheme,
 * "라이브 룸의 온라인 사용자 수"): members are counted from the join and exit callbacks, and every
 * period the count goes to the room as a custom message — only when it moved by the threshold,
 * because an unchanged count costs every member a message for nothing.
 *
 * Callbacks alone drift: a restarted business host starts from zero, and an HTTP callback can be
 * lost (Tencent does not retry). So a group's count is re-read from REST get_online_member_num
 * when the group is first seen and every `resyncMs`, and nothing is pushed for a group until that
 * first read succeeded.
 */

export interface OnlineCountOptions {
  /** How often counts are looked at and pushed, ms; default 5000 (the seed's example). */
  periodMs?: number
  /** Push only when the count moved at least this much since the room was last told; default 1. */
  threshold?: number
  /**
   * How often a group's count is re-read from REST, ms; default 60 000. Tencent refreshes
   * get_online_member_num only every 10–20 s (reference §12), so a shorter resync would pull the
   * count back to a stale figure.
   */
  resyncMs?: number
}

export const defaultOnlineCount = { periodMs: 5000, threshold: 1, resyncMs: 60_000 } as const

export interface OnlineCountPushOptions extends OnlineCountOptions {
  rest: RestCaller
  clock: Clock
  log: (line: string) => void
}

interface GroupCount {
  /** Members online, as far as the callbacks and the last REST read tell. */
  count: number
  /** A REST read succeeded at least once: before that a count may be far off. */
  synced: boolean
  /** The count the room was last told; 0 also while nobody was there to tell. */
  told: number | undefined
  nextResyncAt: number
  /** Joins minus exits since the REST read in flight was asked for; undefined: none in flight. */
  sinceAsked: number | undefined
  sending: boolean
  /** What failed and was logged, so an outage is one line, not one per period. */
  failing: Set<'resync' | 'push'>
}

/** Only AVChatRoom groups have an online count (get_online_member_num is AVChatRoom-only). */
const groupType = 'AVChatRoom'

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`onlineCount.${name} must be a positive integer (got ${String(value)})`)
  }
  return value
}

const distinct = (list: readonly { Member_Account: string }[]): number =>
  new Set(list.map((member) => member.Member_Account)).size

export class OnlineCountPush implements BusinessCapability {
  readonly name = 'online count'
  readonly after: AfterHandlers
  private readonly groups = new Map<string, GroupCount>()
  private readonly periodMs: number
  private readonly threshold: number
  private readonly resyncMs: number
  private cancelTick: (() => void) | undefined
  private closed = false

  constructor(private readonly options: OnlineCountPushOptions) {
    this.periodMs = positiveInteger(options.periodMs ?? defaultOnlineCount.periodMs, 'periodMs')
    this.threshold = positiveInteger(options.threshold ?? defaultOnlineCount.threshold, 'threshold')
    this.resyncMs = positiveInteger(options.resyncMs ?? defaultOnlineCount.resyncMs, 'resyncMs')
    this.after = {
      'Group.CallbackAfterNewMemberJoin': (body) => {
        if (body.Type === groupType) this.moved(body.GroupId, distinct(body.NewMemberList))
      },
      'Group.CallbackAfterMemberExit': (body) => {
        if (body.Type === groupType) this.moved(body.GroupId, -distinct(body.ExitMemberList))
      },
      'Group.CallbackAfterGroupDestroyed': (body) => this.groups.delete(body.GroupId),
    }
  }

  /** The count as known now (undefined: the group is not tracked), for tests and logs. */
  countOf(groupId: string): number | undefined {
    return this.groups.get(groupId)?.count
  }

  close(): void {
    this.closed = true
    this.cancelTick?.()
    this.cancelTick = undefined
    this.groups.clear()
  }

  private moved(groupId: string, delta: number): void {
    if (this.closed) return
    const group = this.groups.get(groupId)
    if (group) {
      group.count = Math.max(0, group.count + delta)
      if (group.sinceAsked !== undefined) group.sinceAsked += delta
      return
    }
    const seen: GroupCount = {
      count: Math.max(0, delta),
      synced: false,
      told: undefined,
      nextResyncAt: 0,
      sinceAsked: undefined,
      sending: false,
      failing: new Set(),
    }
    this.groups.set(groupId, seen)
    this.resync(groupId, seen)
    this.arm()
  }

  private arm(): void {
    if (this.closed || this.cancelTick || this.groups.size === 0) return
    this.cancelTick = this.options.clock.setTimer(() => this.tick(), this.periodMs)
  }

  private tick(): void {
    this.cancelTick = undefined
    const now = this.options.clock.now()
    for (const [groupId, group] of this.groups) {
      const idle = group.sinceAsked === undefined && !group.sending
      if (idle && group.synced && group.count === 0) {
        // Nobody to tell and nothing to track: the next join brings the group back (and rereads).
        this.groups.delete(groupId)
        continue
      }
      if (group.sinceAsked === undefined && now >= group.nextResyncAt) this.resync(groupId, group)
      if (group.synced) this.push(groupId, group)
    }
    this.arm()
  }

  private resync(groupId: string, group: GroupCount): void {
    group.sinceAsked = 0
    group.nextResyncAt = this.options.clock.now() + this.resyncMs
    this.options.rest
      .call('group_open_http_svc', 'get_online_member_num', { GroupId: groupId })
      .then(
        (answer) => {
          const moved = group.sinceAsked ?? 0
          group.sinceAsked = undefined
          if (this.groups.get(groupId) !== group) return
          const online = answer.OnlineMemberNum
          if (typeof online !== 'number' || !Number.isSafeInteger(online) || online < 0) {
            this.failed(groupId, group, 'resync', 'get_online_member_num has no OnlineMemberNum')
            return
          }
          // The answer is the count when it was asked; what the callbacks told since comes on top.
          group.count = Math.max(0, online + moved)
          group.synced = true
          this.recovered(groupId, group, 'resync')
        },
        (error: unknown) => {
          group.sinceAsked = undefined
          if (this.groups.get(groupId) !== group) return
          this.failed(groupId, group, 'resync', error)
        },
      )
  }

  private push(groupId: string, group: GroupCount): void {
    if (group.sending) return
    const count = group.count
    if (count === 0) {
      // An online-only message to an empty room reaches nobody; the next joiner is a change from 0.
      group.told = 0
      return
    }
    if (group.told !== undefined && Math.abs(count - group.told) < this.threshold) return
    const time = this.options.clock.now()
    const data = encodeBusinessMessage({
      businessID: BusinessId.onlineCount,
      version: onlineCountVersion,
      count,
      time,
    })
    const elem: CallbackMsgElem = { MsgType: 'TIMCustomElem', MsgContent: { Data: data } }
    group.sending = true
    this.options.rest
      .call('group_open_http_svc', 'send_group_msg', {
        GroupId: groupId,
        Random: randomInt(0, 4_294_967_295),
        // High: it is one small message per period per room, under 1% of the room's 40 msg/s, and
        // a shed count is not sent again until the count moves again (a REST sender is told
        // "success" even when frequency control sheds its message, reference §1.1) — while a chat
        // storm, when Normal and Low messages are shed, is when the count matters most.
        MsgPriority: 'High',
        MsgBody: [elem],
        // To whoever is online; not kept in the history a joiner gets (docs/rest-api.md).
        OnlineOnlyFlag: 1,
        // The business host's own message needs no check, and sending it back to the business
        // host as an after-send callback would only cost a request per push.
        ForbidCallbackControl: ['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'],
      })
      .then(
        () => {
          group.sending = false
          if (this.groups.get(groupId) !== group) return
          group.told = count
          this.recovered(groupId, group, 'push')
        },
        (error: unknown) => {
          group.sending = false
          if (this.groups.get(groupId) !== group) return
          this.failed(groupId, group, 'push', error)
        },
      )
  }

  private failed(groupId: string, group: GroupCount, what: 'resync' | 'push', error: unknown) {
    if (error instanceof RoomError && error.code === ErrorCode.groupNotFound) {
      this.groups.delete(groupId)
      this.options.log(`business: online count: group ${groupId} no longer exists; not tracked`)
      return
    }
    // A failed read is retried at the next period (not the next resync): until one succeeds the
    // group's count is not pushed.
    if (what === 'resync') group.nextResyncAt = 0
    if (group.failing.has(what)) return
    group.failing.add(what)
    const words = error instanceof Error ? error.message : String(error)
    this.options.log(
      what === 'resync'
        ? `business: online count: reading the count of ${groupId} failed (${words}); retrying every ${this.periodMs} ms`
        : `business: online count: pushing the count of ${groupId} failed (${words}); retrying every ${this.periodMs} ms`,
    )
  }

  private recovered(groupId: string, group: GroupCount, what: 'resync' | 'push'): void {
    if (group.failing.delete(what)) {
      this.options.log(`business: online count: ${what} of ${groupId} works again`)
    }
  }
}
