import {
  CHAT_LIMIT,
  MEMBER_LIMIT,
  NOTICE_HISTORY_LIMIT,
  SHED_WINDOW_MS,
  loadTotals,
  sumCounts,
  type ChatMessage,
  type ConnectionState,
  type Delivery,
  type EventName,
  type EventPayload,
  type MemberMute,
  type NoticeChange,
  type RoomMember,
  type RoomNotice,
  type RoomPeople,
  type RoomSnapshot,
} from '../../../src-shared/contract'
import type { PriorityCounts, Role, RoomLoad } from '../../../src-shared/protocol/frames'
import { newerRoomState, type RoomState } from '../../../src-shared/protocol/room-state'
import type { LotteryView } from '../../../src-shared/protocol/lottery'
import {
  type AudienceView,
  newerAudience,
  sameAudience,
} from '../../../src-shared/protocol/audience'
import { type Clock, systemClock } from '../../common/clock'
import { skeleton } from '../../common/unicode-text'
import type { MemberLevels } from '../room-state/business-client'
import type { NoticeHistory } from './notice-history'
import type { RoomBackend, RoomEvent } from './room-backend'

/** REST times are whole seconds; a mute we know to the ms is not replaced by its rounded self. */
const REST_TIME_SLACK_MS = 1000
/** setTimeout's delays are 32-bit; a "permanent" mute's end is looked at again after this long. */
const MAX_TIMER_MS = 2 ** 31 - 1
/**
 * How soon the member list is read again when it shows people online the count says are gone (a
 * notice names at most 40 leavers; Tencent sheds quit tips first), and when it only lacks people
 * the count has (a big room: the list is never whole, so not too often), or after a failed read.
 */
const RECONCILE_GHOSTS_MS = 2000
const RECONCILE_MISSING_MS = 30_000

interface TrackedMember {
  userId: string
  nick: string
  role: Role
  joinTime: number
  online: boolean
  /** When we last saw them join or leave (Unix ms): the recent list keeps the latest. */
  seenAt: number
}

/** A frequency-control window worth remembering for 5 minutes: it shed, or came near the cap. */
interface LoadSample {
  at: number
  shed: PriorityCounts
}

export type EmitEvent = <N extends EventName>(name: N, payload: EventPayload<N>) => void

export interface RoomSessionOptions {
  backend: RoomBackend
  roomId: string
  viewerUrl: string
  emit: EmitEvent
  clock?: Clock
  /** Where gift and like messages go (a Tencent room's Gifts panel, gifts/message-gift-feed.ts). */
  onGiftEvent?: (event: Extract<RoomEvent, { type: 'gift' | 'like' }>) => void
  /** Where the notice's history outlives the session (console.db); in memory only without it. */
  noticeHistory?: NoticeHistory
  /** Hears the room state the session holds: at its start and at each newer state. */
  onRoomState?: (state: RoomState) => void
}

/**
 * The console's room: the one store of what every console window shows of it (DESIGN.md: main
 * owns state). Kept from the backend's events and its REST member list: a bounded chat, the online
 * count with its peak and last hour, recent members with live mutes and bans, mute-all, the
 * connection, and the delivery budget with its 5-minute shed count. The renderer asks for
 * `snapshot()` and applies the events emitted here; it rebuilds nothing.
 *
 * Main also keeps the state true over time: mutes and bans drop out when they end, sheds age out
 * of the 5-minute count, and when the member list and the online count disagree (a notice lists at
 * most 40 leavers; Tencent sheds its quit tips) the list is read again from the room.
 */
export class RoomSession {
  private readonly backend: RoomBackend
  private readonly emit: EmitEvent
  private readonly clock: Clock
  private readonly messages: ChatMessage[] = []
  /** Ids of lines recalled while this session ran, never shown again. */
  private readonly recalledIds = new Set<string>()
  private readonly messageIds = new Set<string>()
  private readonly mutes = new Map<string, number>()
  private readonly bans = new Map<string, number>()
  private readonly members = new Map<string, TrackedMember>()
  private muteAll = false
  private online = { count: 0, peak: 0 }
  private onlineKnown = false
  private load: RoomLoad | null = null
  private tightWindows: LoadSample[] = []
  private connection: ConnectionState = 'connecting'
  private roomName = ''
  private notice = { notification: '', introduction: '' }
  private noticeHistory: NoticeChange[] = []
  /** Notices this console published for the room state, until their tips come back. */
  private readonly byRoomState: string[] = []
  private roomState: RoomState | null = null
  private lottery: LotteryView | null = null
  private audience: AudienceView | null = null
  /** userId → level, from chat lines and the business host (issue 12 §3). */
  private readonly levels = new Map<string, number>()
  /** Members' membership flags (issue 12 §3), as the business host last answered. */
  private readonly memberships = new Map<string, boolean>()
  private started = false
  private stopped = false
  private unsubscribe: (() => void) | null = null
  private cancelExpiry: (() => void) | null = null
  private cancelLoadAging: (() => void) | null = null
  private cancelReconcile: (() => void) | null = null
  /** When the armed reconcile read runs. */
  private reconcileAt = Infinity
  private reconciling = false
  private lastReadAt = -Infinity
  private lastReadFailed = false
  /** What the last member-list read could not get. */
  private missing: { part: 'members' | 'admins' | 'mutes'; code: number }[] = []

  constructor(private readonly options: RoomSessionOptions) {
    this.backend = options.backend
    this.emit = options.emit
    this.clock = options.clock ?? systemClock
    this.noticeHistory = options.noticeHistory?.list(options.roomId) ?? []
  }

  async start(): Promise<void> {
    this.unsubscribe = this.backend.onEvent((event) => this.apply(event))
    const joined = await this.backend.start()
    this.roomName = joined.name
    this.notice = {
      notification: joined.notification ?? '',
      introduction: joined.introduction ?? '',
    }
    this.roomState = joined.roomState ?? null
    if (this.roomState) this.options.onRoomState?.(this.roomState)
    this.setOnline(joined.onlineCount)
    this.muteAll = joined.muteAll
    this.addMessages(joined.history)
    this.started = true
    try {
      await this.refreshMembers()
    } catch {
      // The list still fills from join events, and reconciling or room:get-members asks again.
    }
  }

  snapshot(): RoomSnapshot {
    return {
      roomId: this.options.roomId,
      name: this.roomName,
      selfUserId: this.backend.selfUserId,
      connection: this.connection,
      viewerUrl: this.options.viewerUrl,
      muteAll: this.muteAll,
      messages: [...this.messages],
      online: { ...this.online },
      people: this.people(),
      delivery: this.delivery(),
      roomState: this.roomState,
      notice: this.roomNotice(),
      lottery: this.lottery,
      audience: this.audience,
    }
  }

  async sendText(text: string): Promise<ChatMessage> {
    const message = await this.backend.sendText(text)
    // The room also echoes it; adding it here first makes the echo a no-op (dedup by id).
    const added = this.addMessages([message])
    if (added.length) this.emit('room:messages-received', added)
    return message
  }

  async mute(userId: string, seconds: number): Promise<MemberMute> {
    const muteUntil = await this.backend.mute(userId, seconds)
    this.setMute(userId, muteUntil)
    this.peopleChanged()
    return { userId, muteUntil }
  }

  async unmute(userId: string): Promise<MemberMute> {
    await this.backend.unmute(userId)
    this.setMute(userId, 0)
    this.peopleChanged()
    return { userId, muteUntil: 0 }
  }

  async kick(userId: string, reason?: string): Promise<{ userId: string }> {
    await this.backend.kick(userId, reason)
    this.markLeft(userId)
    this.peopleChanged()
    return { userId }
  }

  /** Recalls a chat line for everyone; this console's own copy goes at once (issue 13 §3). */
  async recall(sequence: number, reason?: string): Promise<{ sequence: number }> {
    await this.backend.recall(sequence, reason)
    this.removeMessage(sequence)
    return { sequence }
  }

  async ban(
    userId: string,
    seconds: number,
    reason?: string,
  ): Promise<{ userId: string; banUntil: number }> {
    const banUntil = await this.backend.ban(userId, seconds, reason)
    // The room may not push anything for a ban; every console window still hears of it.
    this.setBan(userId, banUntil)
    this.peopleChanged()
    return { userId, banUntil }
  }

  async setMuteAll(on: boolean): Promise<{ muteAll: boolean }> {
    await this.backend.setMuteAll(on)
    this.applyMuteAll(on, this.backend.selfUserId)
    return { muteAll: on }
  }

  /**
   * Merges the room's online members (REST) into the recent list: who is online, their role and
   * their live mutes. Nicks come from join events and chat lines (REST does not carry them).
   */
  async refreshMembers(): Promise<RoomMember[]> {
    this.lastReadAt = this.clock.now()
    let list
    try {
      list = await this.backend.members()
      this.lastReadFailed = false
    } catch (err) {
      this.lastReadFailed = true
      throw err
    }
    const { members: online, missing } = list
    this.missing = missing.map(({ part, code }) => ({ part, code }))
    // A part the room would not give (room-backend.ts, MemberList) leaves what we know alone.
    const [noList, noRoles, noMutes] = (['members', 'admins', 'mutes'] as const).map((part) =>
      missing.some((m) => m.part === part),
    )
    const now = this.clock.now()
    const onlineIds = new Set(online.map((m) => m.userId))
    for (const tracked of this.members.values()) {
      if (tracked.online && !onlineIds.has(tracked.userId) && !noList) {
        tracked.online = false
        tracked.seenAt = now
      }
    }
    for (const member of online) {
      const known = this.members.get(member.userId)
      const stillHere = known?.online === true
      this.members.set(member.userId, {
        userId: member.userId,
        nick: known?.nick ?? member.userId,
        role: noRoles && known ? known.role : member.role,
        joinTime: stillHere ? known.joinTime : member.joinTime,
        online: true,
        seenAt: stillHere ? known.seenAt : member.joinTime,
      })
      const current = this.mutes.get(member.userId)
      if (noMutes) continue
      if (member.muteUntil <= now) this.mutes.delete(member.userId)
      else if (current === undefined || Math.abs(current - member.muteUntil) >= REST_TIME_SLACK_MS)
        this.mutes.set(member.userId, member.muteUntil)
    }
    this.trimMembers()
    this.peopleChanged()
    return this.memberList()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.unsubscribe?.()
    for (const cancel of [this.cancelExpiry, this.cancelLoadAging, this.cancelReconcile]) cancel?.()
    await this.backend.stop()
  }

  private apply(event: RoomEvent): void {
    switch (event.type) {
      case 'messages': {
        const added = this.addMessages(event.messages)
        if (added.length) this.emit('room:messages-received', added)
        break
      }
      case 'online-count':
        this.setOnline(event.count)
        this.reconcileSoon()
        break
      case 'member-joined': {
        const { userId, nick, role, joinTime } = event
        this.members.set(userId, { userId, nick, role, joinTime, online: true, seenAt: joinTime })
        this.trimMembers()
        this.peopleChanged()
        this.reconcileSoon()
        break
      }
      case 'member-left':
        this.markLeft(event.userId)
        this.peopleChanged()
        this.reconcileSoon()
        break
      case 'member-kicked':
        for (const userId of event.userIds) this.markLeft(userId)
        this.peopleChanged()
        break
      case 'member-banned':
        this.setBan(event.userId, event.banUntil)
        this.peopleChanged()
        break
      case 'mute-all':
        this.applyMuteAll(event.on, event.operatorId)
        break
      case 'member-muted':
        this.setMute(event.userId, event.muteUntil)
        this.peopleChanged()
        break
      case 'member-role-changed':
        for (const userId of event.userIds) {
          const member = this.members.get(userId)
          if (member) member.role = event.role
        }
        this.peopleChanged()
        break
      case 'connection': {
        const back = event.state === 'connected' && this.connection === 'reconnecting'
        this.connection = event.state
        this.emit('room:connection-changed', { state: event.state })
        // Whoever came and went while we were away: the room's list is the word now.
        if (back) this.reconcileSoon(true)
        break
      }
      case 'load':
        this.applyLoad(event.load)
        break
      case 'message-recalled':
        this.removeMessage(event.sequence)
        break
      case 'gift':
      case 'like':
        this.options.onGiftEvent?.(event)
        break
      case 'room-state':
        this.applyRoomState(event.state)
        break
      case 'profile':
        this.applyProfile(event)
        break
      case 'lottery':
        this.applyLottery(event.lottery)
        break
      case 'audience':
        this.applyAudience(event.audience)
        break
    }
  }

  /** A recalled line leaves the chat of every console (once: a second notice finds nothing). */
  private removeMessage(sequence: number): void {
    const index = this.messages.findIndex((m) => m.sequence === sequence)
    if (index === -1) return
    const [removed] = this.messages.splice(index, 1)
    // Its id stays known, so a reconnect's history cannot bring the line back.
    if (removed) this.recalledIds.add(removed.id)
    this.emit('room:messages-recalled', [sequence])
  }

  /** The lottery as the business host last told it (its message, or main's own read). */
  applyLottery(lottery: LotteryView): void {
    const {
      businessID: _id,
      version: _version,
      ...view
    } = lottery as LotteryView & {
      businessID?: string
      version?: number
    }
    this.lottery = view
    this.emit('room:lottery-changed', view)
  }

  /** The audience figures (the host's message or main's read), kept when newer and different. */
  applyAudience(audience: AudienceView): void {
    const {
      businessID: _id,
      version: _version,
      ...offered
    } = audience as AudienceView & { businessID?: string; version?: number }
    const next = newerAudience(this.audience, offered)
    if (next !== offered || sameAudience(this.audience, offered)) return
    this.audience = offered
    this.emit('room:audience-changed', offered)
  }

  /**
   * Members' levels, and their membership flags, as the business host answered; the list changes
   * only if one did.
   */
  applyLevels({ levels, memberships = {} }: MemberLevels): void {
    let changed = false
    for (const [userId, level] of Object.entries(levels)) {
      if (this.levels.get(userId) === level) continue
      this.levels.set(userId, level)
      changed = true
    }
    for (const [userId, member] of Object.entries(memberships)) {
      if (this.memberships.get(userId) === member) continue
      this.memberships.set(userId, member)
      changed = true
    }
    if (changed) this.peopleChanged()
  }

  /** The lottery held now (the poller reads its phase). */
  currentLottery(): LotteryView | null {
    return this.lottery
  }

  /** Publishes the notice; the room's tip (to every member, this console too) brings it back. */
  async setNotice(notification: string, introduction: string): Promise<RoomNotice> {
    await this.backend.setNotice(notification, introduction)
    return this.roomNotice()
  }

  /** The room state's be-right-back swap (notice-follow.ts): its history line says so. */
  async setNoticeForRoomState(notification: string, introduction: string): Promise<void> {
    this.byRoomState.push(notification)
    try {
      await this.backend.setNotice(notification, introduction)
    } catch (error) {
      this.byRoomState.splice(this.byRoomState.indexOf(notification), 1)
      throw error
    }
  }

  /** The notice as the room last told it. */
  currentNotice(): { notification: string; introduction: string } {
    return { ...this.notice }
  }

  private roomNotice(): RoomNotice {
    return { ...this.notice, history: [...this.noticeHistory] }
  }

  /** A change of name, notice or introduction from anywhere, kept with who made it and when. */
  private applyProfile(event: Extract<RoomEvent, { type: 'profile' }>): void {
    const fields = (['name', 'notification', 'introduction'] as const).filter(
      (field) => event[field] !== undefined,
    )
    this.roomName = event.name ?? this.roomName
    this.notice = {
      notification: event.notification ?? this.notice.notification,
      introduction: event.introduction ?? this.notice.introduction,
    }
    const change: NoticeChange = { at: this.clock.now(), operatorId: event.operatorId, fields }
    const ours =
      event.notification !== undefined ? this.byRoomState.indexOf(event.notification) : -1
    // Matched by its text: the tip names whoever the backend called REST as (an App admin).
    if (ours >= 0) {
      this.byRoomState.splice(ours, 1)
      change.by = 'room-state'
    }
    this.noticeHistory.push(change)
    if (this.noticeHistory.length > NOTICE_HISTORY_LIMIT) this.noticeHistory.shift()
    this.options.noticeHistory?.add(this.options.roomId, change)
    this.emit('room:profile-changed', { name: this.roomName, notice: this.roomNotice() })
  }

  /**
   * A state from the business host (its message, its attribute, or its answer to the console's
   * own action): kept only when it is newer than the one held, since they race.
   */
  applyRoomState(state: RoomState): void {
    const newer = newerRoomState(this.roomState ?? undefined, state)
    if (!newer || newer === this.roomState) return
    this.roomState = newer
    this.emit('room:state-changed', newer)
    this.options.onRoomState?.(newer)
  }

  // ---- online count -----------------------------------------------------------------------

  private setOnline(count: number): void {
    if (count === this.online.count && this.onlineKnown) return
    this.onlineKnown = true
    this.online = { count, peak: Math.max(this.online.peak, count) }
    this.emit('room:online-changed', { count, peak: this.online.peak, at: this.clock.now() })
  }

  // ---- members, mutes and bans --------------------------------------------------------------

  private people(): RoomPeople {
    return {
      members: this.memberList(),
      mutes: this.liveMutes(),
      bans: this.liveBans(),
      ...(this.missing.length ? { missing: this.missing } : {}),
    }
  }

  /** Tells every window the new lists, and arms the timer for the next mute or ban to end. */
  private peopleChanged(): void {
    this.emit('room:people-changed', this.people())
    this.armExpiry()
  }

  private armExpiry(): void {
    this.cancelExpiry?.()
    this.cancelExpiry = null
    if (this.stopped) return
    const ends = [...this.mutes.values(), ...this.bans.values()]
    if (ends.length === 0) return
    const next = Math.min(...ends)
    const delay = Math.min(Math.max(0, next - this.clock.now()) + 1, MAX_TIMER_MS)
    this.cancelExpiry = this.clock.setTimer(() => {
      this.cancelExpiry = null
      this.peopleChanged()
    }, delay)
  }

  private setMute(userId: string, muteUntil: number): void {
    if (muteUntil > this.clock.now()) this.mutes.set(userId, muteUntil)
    else this.mutes.delete(userId)
  }

  private setBan(userId: string, banUntil: number): void {
    if (banUntil > this.clock.now()) {
      this.bans.set(userId, banUntil)
      this.markLeft(userId)
    } else this.bans.delete(userId)
  }

  private applyMuteAll(on: boolean, operatorId: string): void {
    if (on === this.muteAll) return
    this.muteAll = on
    this.emit('room:mute-all-changed', { muteAll: on, operatorId })
  }

  private markLeft(userId: string): void {
    const member = this.members.get(userId)
    if (!member?.online) return
    member.online = false
    member.seenAt = this.clock.now()
  }

  /** Past the bound, forget those who left longest ago; then, if still over, the oldest joins. */
  private trimMembers(): void {
    let excess = this.members.size - MEMBER_LIMIT
    if (excess <= 0) return
    const byAge = [...this.members.values()].sort(
      (a, b) => Number(a.online) - Number(b.online) || a.seenAt - b.seenAt,
    )
    for (const member of byAge) {
      if (excess-- <= 0) break
      this.members.delete(member.userId)
    }
  }

  /** Online members first (newest join first), then those who left (latest first). */
  private memberList(): RoomMember[] {
    const now = this.clock.now()
    // Who reads as whom: members by the skeleton of their nick.
    const bySkeleton = new Map<string, string[]>()
    for (const member of this.members.values()) {
      const key = skeleton(member.nick)
      bySkeleton.set(key, [...(bySkeleton.get(key) ?? []), member.userId])
    }
    return [...this.members.values()]
      .sort(
        (a, b) =>
          Number(b.online) - Number(a.online) ||
          (a.online ? b.joinTime - a.joinTime : b.seenAt - a.seenAt),
      )
      .map((m) => {
        const muteUntil = this.mutes.get(m.userId) ?? 0
        const banUntil = this.bans.get(m.userId) ?? 0
        const namesakes = (bySkeleton.get(skeleton(m.nick)) ?? []).filter((id) => id !== m.userId)
        return {
          userId: m.userId,
          nick: m.nick,
          role: m.role,
          joinTime: m.joinTime,
          muteUntil: muteUntil > now ? muteUntil : 0,
          banUntil: banUntil > now ? banUntil : 0,
          online: m.online,
          ...(namesakes.length ? { namesakes } : {}),
          ...(this.levels.has(m.userId) ? { level: this.levels.get(m.userId) } : {}),
          ...(this.memberships.has(m.userId) ? { member: this.memberships.get(m.userId) } : {}),
        }
      })
  }

  private liveMutes(): MemberMute[] {
    return this.live(this.mutes).map(([userId, muteUntil]) => ({ userId, muteUntil }))
  }

  private liveBans(): { userId: string; banUntil: number }[] {
    return this.live(this.bans).map(([userId, banUntil]) => ({ userId, banUntil }))
  }

  /** The entries that have not ended; the ended ones are forgotten. */
  private live(until: Map<string, number>): [string, number][] {
    const now = this.clock.now()
    const live: [string, number][] = []
    for (const [userId, end] of until) {
      if (end > now) live.push([userId, end])
      else until.delete(userId)
    }
    return live
  }

  /**
   * Reads the member list again when it disagrees with the online count: soon when it shows people
   * online who are gone, rarely when it only lacks some (a room bigger than the list). `force`: read
   * it whatever it shows (after a reconnect).
   */
  private reconcileSoon(force = false): void {
    if (!this.started || this.stopped || this.reconciling) return
    const gap = this.mismatch(force)
    if (gap === null) return
    const now = this.clock.now()
    const at = Math.max(now, this.lastReadAt + gap)
    // Already armed for then or sooner (a bigger disagreement may need it sooner than armed).
    if (this.cancelReconcile && this.reconcileAt <= at) return
    this.cancelReconcile?.()
    this.reconcileAt = at
    this.cancelReconcile = this.clock.setTimer(() => {
      this.cancelReconcile = null
      this.reconcileAt = Infinity
      // The notice that disagreed may have been followed by the one that agrees.
      if (this.mismatch(force) === null || this.stopped) return
      this.reconciling = true
      this.refreshMembers()
        .catch(() => undefined)
        .finally(() => {
          this.reconciling = false
          this.reconcileSoon()
        })
    }, at - now)
  }

  /** How long to wait between reads for the disagreement there is, or null when there is none. */
  private mismatch(force: boolean): number | null {
    const failedGap = this.lastReadFailed ? RECONCILE_MISSING_MS : 0
    if (force) return failedGap
    let shownOnline = 0
    for (const member of this.members.values()) if (member.online) shownOnline++
    const count = this.online.count
    if (shownOnline > count) return Math.max(RECONCILE_GHOSTS_MS, failedGap)
    if (shownOnline < Math.min(count, MEMBER_LIMIT)) return RECONCILE_MISSING_MS
    return null
  }

  // ---- delivery budget ------------------------------------------------------------------------

  private delivery(): Delivery {
    const from = this.clock.now() - SHED_WINDOW_MS
    const recent = this.tightWindows.filter((s) => s.at > from)
    return {
      load: this.load,
      shedRecent: sumCounts(recent.map((s) => s.shed)),
      tightRecent: recent.length,
    }
  }

  private applyLoad(load: RoomLoad): void {
    const at = this.clock.now()
    this.load = load
    this.tightWindows = this.tightWindows.filter((s) => s.at > at - SHED_WINDOW_MS)
    if (loadTotals(load).tight) this.tightWindows.push({ at, shed: load.shed })
    this.emit('room:delivery-changed', this.delivery())
    this.armLoadAging()
  }

  /** The 5-minute counts fall as windows age out, with or without new reports. */
  private armLoadAging(): void {
    this.cancelLoadAging?.()
    this.cancelLoadAging = null
    const oldest = this.tightWindows[0]
    if (!oldest || this.stopped) return
    const delay = Math.max(0, oldest.at + SHED_WINDOW_MS - this.clock.now()) + 1
    this.cancelLoadAging = this.clock.setTimer(() => {
      this.cancelLoadAging = null
      const now = this.clock.now()
      this.tightWindows = this.tightWindows.filter((s) => s.at > now - SHED_WINDOW_MS)
      this.emit('room:delivery-changed', this.delivery())
      this.armLoadAging()
    }, delay)
  }

  // ---- chat ---------------------------------------------------------------------------------

  /** Adds the messages not seen yet, in sequence order; returns those added. */
  private addMessages(incoming: ChatMessage[]): ChatMessage[] {
    const added = incoming.filter((m) => !this.messageIds.has(m.id) && !this.recalledIds.has(m.id))
    if (!added.length) return added
    let renamed = false
    let levelled = false
    for (const m of added) {
      this.messageIds.add(m.id)
      // A line carries its sender's level as the business host wrote it: the freshest there is.
      if (m.level !== undefined && this.levels.get(m.from) !== m.level) {
        this.levels.set(m.from, m.level)
        levelled = true
      }
      // REST member lists carry no nicks; a chat line names its sender.
      const member = this.members.get(m.from)
      if (member && m.nick && member.nick === member.userId && m.nick !== member.userId) {
        member.nick = m.nick
        renamed = true
      }
    }
    // They nearly always come in order: appended, with no sort of the 10,000 kept (issue 15 §4);
    // a late one (a resend after a reconnect) is put in its place.
    for (const m of added) insertBySequence(this.messages, m)
    const excess = this.messages.length - CHAT_LIMIT
    if (excess > 0) {
      for (const dropped of this.messages.splice(0, excess)) this.messageIds.delete(dropped.id)
    }
    if (renamed || levelled) this.peopleChanged()
    return added
  }
}

/** Puts `message` into `list` (ascending by sequence) after every line with a sequence ≤ its own. */
function insertBySequence(list: ChatMessage[], message: ChatMessage): void {
  let low = list.length
  if (low === 0 || (list[low - 1] as ChatMessage).sequence <= message.sequence) {
    list.push(message)
    return
  }
  let lowest = 0
  while (lowest < low) {
    const middle = (lowest + low) >>> 1
    if ((list[middle] as ChatMessage).sequence <= message.sequence) lowest = middle + 1
    else low = middle
  }
  list.splice(lowest, 0, message)
}
