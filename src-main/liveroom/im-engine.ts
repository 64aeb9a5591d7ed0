import { CloseCode, ErrorCode, Limits } from '../../src-shared/protocol/codes'
import {
  type AckData,
  type ClientFrame,
  type ClientFrameType,
  type GroupAttributes,
  type Member,
  type MemberInfo,
  type StreamState,
  utf8Bytes,
} from '../../src-shared/protocol/frames'
import { type CallbackContext, CallbackDispatcher } from './callbacks'
import { type ClientPort, closeReason, sendFrame } from './client-port'
import { defaultFloodLimit, FloodGate, type FloodLimitOptions } from './flood-limit'
import { realTimer, type SetTimer } from './frequency-control'
import { MessagePipeline, type SendRequest, type SendResult } from './message-pipeline'
import { normalizeNickname } from './nickname'
import { Room } from './room'
import type { GroupProfile, GroupProfileChanges, GroupRow, Store } from './store'
import type { VerifyUserSigResult } from './usersig'

type FrameOf<T extends ClientFrameType> = Extract<ClientFrame, { type: T }>

interface Failure {
  code: number
  message: string
  data?: Record<string, unknown>
}

type Outcome<T extends ClientFrameType> = { ok: true; data: AckData<T> } | Failure

export interface ImEngineOptions {
  store: Store
  sdkAppId: number
  now: () => number
  verifyUserSig: (userSig: string, userId: string, nowSeconds: number) => VerifyUserSigResult
  log: (line: string) => void
  /** Default: no URL, no in-process handlers. */
  callbacks?: CallbackDispatcher
  /** Per-group frequency control (reference §1.1); default 40. */
  maxMessagesPerSecond?: number
  /** App admin identities: never muted. Default: `administrator` only. */
  isAppAdmin?: (userId: string) => boolean
  setTimer?: SetTimer
  random?: () => number
  /** Per-connection flood limit (Owncast's 3 messages / 2 s, then 10 s); false turns it off. */
  floodLimit?: FloodLimitOptions | false
  /** Messages handed to a joiner (default 20). */
  historyCount?: number
  /** How far back a joiner's history reaches, ms (default 24 h). */
  historyWindowMs?: number
}

/** Tencent's default per-group limit (reference §1.1). */
export const defaultMaxMessagesPerSecond = 40

/** How a connection ended, for State.StateChange (reference §5.3). */
export type SessionEnd = 'Logout' | 'LinkClose' | 'TimeOut'

export type MuteOutcome = { ok: true; muteUntil: number } | Failure
export type BanOutcome = { ok: true; bannedUntil: number } | Failure

/** How a group-attribute write changes the map (Tencent's OptionType, reference §2.2). */
export type AttrOperation = 'set' | 'modify' | 'delete' | 'clear'
export type AttrOutcome = { ok: true; groupAttributes: GroupAttributes } | Failure

/** The outcome of recalling one message (REST RetCode 0 or 10030). */
export interface RecallOutcome {
  sequence: number
  code: number
  /** True when this call recalled it (members are told); false when it already was. */
  recalled: boolean
}

/** One client connection as the engine sees it. */
export class ClientSession {
  userId: string | undefined
  groupId: string | undefined
  closed = false
  /** Created on the first send that the flood limit applies to. */
  flood: FloodGate | undefined

  constructor(readonly port: ClientPort) {}

  get context(): CallbackContext {
    return { clientIp: this.port.remoteAddress ?? '', platform: 'Web' }
  }
}
/** History handed to a joiner by default: the last 20 messages of the last 24 hours. */
export const defaultHistoryCount = 20
export const defaultHistoryWindowMs = 24 * 3600_000

/** Tencent de-duplicates send_broadcast_msg by content and Random within 5 min (reference §3.3). */
const broadcastDuplicateWindowMs = 5 * 60_000

const iso = (ms: number): string => new Date(ms).toISOString()

const fail = (code: number, message: string, data?: Record<string, unknown>): Failure =>
  data ? { code, message, data } : { code, message }

/** Why a group-attribute map breaks Tencent's limits (reference §2.2), or undefined. */
export function attributeProblem(attributes: GroupAttributes): string | undefined {
  const entries = Object.entries(attributes)
  if (entries.length > Limits.maxGroupAttrKeys) {
    return `A group may have at most ${Limits.maxGroupAttrKeys} attributes; this would make ${entries.length}`
  }
  let total = 0
  for (const [key, value] of entries) {
    if (key === '') return 'A group attribute key must not be empty'
    const size = utf8Bytes(key) + utf8Bytes(value)
    if (size > Limits.maxGroupAttrBytes) {
      return `Group attribute "${key.slice(0, 32)}" is ${size} bytes (key and value); the limit is ${Limits.maxGroupAttrBytes}`
    }
    total += size
  }
  if (total > Limits.maxGroupAttrTotalBytes) {
    return `A group's attributes may total ${Limits.maxGroupAttrTotalBytes} bytes (keys and values); this would make ${total}`
  }
  return undefined
}

/**
 * The IM engine: logins, the one-room-per-connection membership of AVChatRoom groups, messages
 * with per-group sequences, mutes, and the frames every member sees. Transport-free: it talks to
 * connections only through ClientPort.
 */
export class ImEngine {
  private readonly sessionsByUser = new Map<string, ClientSession>()
  private readonly rooms = new Map<string, Room>()
  private readonly streams = new Map<string, StreamState>()
  private readonly attrWrites = new Map<string, { second: number; count: number }>()
  private readonly broadcasts = new Map<string, { msgSeq: number; time: number }>()
  private lastBroadcastSeq = 0
  readonly pipeline: MessagePipeline
  private readonly options: ImEngineOptions & { callbacks: CallbackDispatcher }

  constructor(options: ImEngineOptions) {
    const callbacks =
      options.callbacks ??
      new CallbackDispatcher({ sdkAppId: options.sdkAppId, now: options.now, log: options.log })
    this.options = { ...options, callbacks }
    this.pipeline = new MessagePipeline({
      store: options.store,
      callbacks,
      now: options.now,
      setTimer: options.setTimer ?? realTimer,
      maxMessagesPerSecond: options.maxMessagesPerSecond ?? defaultMaxMessagesPerSecond,
      isAppAdmin: options.isAppAdmin ?? ((userId) => userId === 'administrator'),
      log: options.log,
      random: options.random,
      deliver: (message) => this.rooms.get(message.to)?.broadcast({ type: 'message', message }),
    })
  }

  openSession(port: ClientPort): ClientSession {
    return new ClientSession(port)
  }

  /** Handles one validated frame and answers it with exactly one ack. */
  handle(session: ClientSession, frame: ClientFrame): void {
    if (session.closed) return
    if (frame.type !== 'login' && session.userId === undefined) {
      this.reply(session, frame.seq, fail(ErrorCode.notLoggedIn, 'Log in before any other request'))
      return
    }
    switch (frame.type) {
      case 'login':
        this.login(session, frame)
        return
      case 'join':
        this.join(session, frame)
        return
      case 'quit':
        this.reply(session, frame.seq, this.quit(session, frame))
        return
      case 'send':
        this.send(session, frame)
        return
      case 'mute':
        this.mute(session, frame)
        return
      case 'ping':
        this.reply(session, frame.seq, { ok: true, data: { serverTime: this.options.now() } })
        return
      case 'ban':
        this.ban(session, frame)
        return
      case 'kick':
        this.kickMember(session, frame)
        return
      case 'mute-all':
        this.muteAll(session, frame)
        return
      case 'get-members':
        this.reply(session, frame.seq, this.getMembers(session, frame))
        return
      case 'recall':
        this.recall(session, frame)
        return
    }
  }

  /** The connection is gone (closed by either side): leave its room and forget it. */
  closeSession(session: ClientSession, end: SessionEnd = 'LinkClose'): void {
    if (session.closed) return
    session.closed = true
    this.leaveRoom(session)
    if (session.userId !== undefined && this.sessionsByUser.get(session.userId) === session) {
      this.sessionsByUser.delete(session.userId)
    }
    if (session.userId !== undefined) {
      this.options.callbacks.emit(
        'State.StateChange',
        {
          Info: {
            Action: end === 'Logout' ? 'Logout' : 'Disconnect',
            To_Account: session.userId,
            Reason: end === 'Logout' ? 'Unregister' : end,
          },
          EventTime: this.options.now(),
        },
        session.context,
      )
    }
  }

  /** Ends a connection on purpose: a `kicked` frame, then the close. */
  kick(
    session: ClientSession,
    reason: string,
    closeCode: number,
    closeText: string,
    message?: string,
  ): void {
    if (session.closed) return
    sendFrame(session.port, {
      type: 'kicked',
      reason,
      code: closeCode,
      ...(message !== undefined ? { message } : {}),
    })
    session.port.close(closeCode, closeReason(closeText))
    this.closeSession(session, 'Logout')
  }

  /** Internal error answer for a frame whose handler threw. */
  internalError(session: ClientSession, seq: number | undefined, error: unknown): void {
    this.options.log(`liveroom: handler failed: ${(error as Error)?.stack ?? String(error)}`)
    const message = 'Internal server error; the request was not completed'
    if (seq !== undefined) this.reply(session, seq, fail(ErrorCode.internal, message))
    else sendFrame(session.port, { type: 'error', code: ErrorCode.internal, message })
  }

  private reply<T extends ClientFrameType>(
    session: ClientSession,
    seq: number,
    outcome: Outcome<T>,
  ): void {
    if ('ok' in outcome) {
      sendFrame(session.port, { type: 'ack', seq, code: 0, data: outcome.data })
    } else {
      sendFrame(session.port, {
        type: 'ack',
        seq,
        code: outcome.code,
        message: outcome.message,
        ...(outcome.data ? { data: outcome.data } : {}),
      })
    }
  }

  private nickOf(userId: string): string {
    return this.options.store.profiles.nick(userId) ?? userId
  }

  private login(session: ClientSession, frame: FrameOf<'login'>): void {
    const { now, sdkAppId, store } = this.options
    if (session.userId !== undefined) {
      this.reply(
        session,
        frame.seq,
        fail(
          ErrorCode.invalidParameter,
          `Already logged in as "${session.userId}"; open another connection to log in again`,
        ),
      )
      return
    }
    const verified: VerifyUserSigResult =
      frame.sdkAppId === sdkAppId
        ? this.options.verifyUserSig(frame.userSig, frame.userId, Math.floor(now() / 1000))
        : {
            ok: false,
            code: ErrorCode.sdkAppIdMismatch,
            reason: `This room server's SDKAppID is ${sdkAppId}, the login asked for ${frame.sdkAppId}`,
          }
    if (!verified.ok) {
      this.reply(session, frame.seq, fail(verified.code, verified.reason))
      const expired = verified.code === ErrorCode.userSigExpired
      this.kick(
        session,
        expired ? 'userSigExpired' : 'userSigInvalid',
        expired ? CloseCode.userSigExpired : CloseCode.userSigInvalid,
        verified.reason,
      )
      return
    }
    let nick: string | undefined
    if (frame.nick !== undefined) {
      const checked = normalizeNickname(frame.nick)
      if (!checked.ok) {
        this.reply(session, frame.seq, fail(checked.code, checked.message))
        return
      }
      nick = checked.nick
    }

    const previous = this.sessionsByUser.get(frame.userId)
    if (previous) {
      this.kick(previous, 'multipleAccount', CloseCode.replaced, 'multipleAccount')
    }
    session.userId = frame.userId
    this.sessionsByUser.set(frame.userId, session)
    store.accounts.seen(frame.userId, now())
    if (nick !== undefined) store.profiles.setNick(frame.userId, nick, now())
    this.options.callbacks.emit(
      'State.StateChange',
      {
        Info: { Action: 'Login', To_Account: frame.userId, Reason: 'Register' },
        ...(previous ? { KickedDevice: [{ Platform: 'Web' }] } : {}),
        EventTime: now(),
      },
      session.context,
    )
    this.reply(session, frame.seq, {
      ok: true,
      data: { userId: frame.userId, nick: nick ?? this.nickOf(frame.userId), serverTime: now() },
    })
  }

  private roomFor(groupId: string): Room | undefined {
    const existing = this.rooms.get(groupId)
    if (existing) return existing
    const profile = this.options.store.groups.profile(groupId)
    if (!profile) return undefined
    const room = new Room(profile)
    this.rooms.set(groupId, room)
    return room
  }

  private currentMute(groupId: string, userId: string): number {
    const until = this.options.store.mutes.muteUntil(groupId, userId)
    return until > this.options.now() ? until : 0
  }

  private join(session: ClientSession, frame: FrameOf<'join'>): void {
    const userId = session.userId as string
    const room = this.roomFor(frame.groupId)
    if (!room) {
      return this.reply(
        session,
        frame.seq,
        fail(ErrorCode.groupNotFound, `Group "${frame.groupId}" does not exist`),
      )
    }
    const { store, now } = this.options
    const bannedUntil = store.bans.bannedUntil(frame.groupId, userId)
    if (bannedUntil > now() && !this.isAppAdmin(userId)) {
      return this.reply(
        session,
        frame.seq,
        fail(
          ErrorCode.noPermission,
          `You are banned from this room until ${iso(bannedUntil)}; you cannot join it before then`,
          { bannedUntil },
        ),
      )
    }
    const role = store.groups.roleOf(room.group, userId)
    let joined: Member | undefined
    if (session.groupId !== frame.groupId) {
      // Like Tencent's Web SDK: one AVChatRoom at a time, joining another quits the current one.
      this.leaveRoom(session)
      joined = { userId, nick: this.nickOf(userId), role, joinTime: now() }
      room.add(session.port, joined)
      session.groupId = frame.groupId
    }
    this.reply(session, frame.seq, {
      ok: true,
      data: {
        group: {
          ...room.snapshot(),
          groupAttributes: store.attributes.all(frame.groupId),
          stream: this.streams.get(frame.groupId),
        },
        self: { role, muteUntil: this.currentMute(frame.groupId, userId) },
        history: store.messages.recent(
          frame.groupId,
          now() - (this.options.historyWindowMs ?? defaultHistoryWindowMs),
          this.options.historyCount ?? defaultHistoryCount,
        ),
      },
    })
    // Announced after the joiner's ack; a repeated join (already in the room) announces nothing.
    if (joined) {
      room.broadcast({ type: 'member-joined', groupId: frame.groupId, member: joined })
      room.broadcast({ type: 'online-count', groupId: frame.groupId, count: room.onlineCount })
      this.options.callbacks.emit(
        'Group.CallbackAfterNewMemberJoin',
        {
          GroupId: frame.groupId,
          Type: 'AVChatRoom',
          JoinType: 'Apply',
          Operator_Account: userId,
          NewMemberList: [{ Member_Account: userId }],
          EventTime: now(),
        },
        session.context,
      )
    }
  }

  private quit(session: ClientSession, frame: FrameOf<'quit'>): Outcome<'quit'> {
    if (session.groupId !== frame.groupId) {
      return fail(ErrorCode.notInGroup, `Not in group "${frame.groupId}"`)
    }
    this.leaveRoom(session)
    return { ok: true, data: {} }
  }

  private leaveRoom(
    session: ClientSession,
    exit: { type: 'Quit' | 'Kicked'; operatorId: string } | undefined = undefined,
  ): void {
    const groupId = session.groupId
    if (groupId === undefined || session.userId === undefined) return
    session.groupId = undefined
    const room = this.rooms.get(groupId)
    if (!room || !room.remove(session.userId)) return
    room.broadcast({ type: 'member-left', groupId, userId: session.userId })
    room.broadcast({ type: 'online-count', groupId, count: room.onlineCount })
    // An empty room is rebuilt from the store on the next join; keeping it would only cost memory.
    if (room.onlineCount === 0) this.rooms.delete(groupId)
    this.options.callbacks.emit(
      'Group.CallbackAfterMemberExit',
      {
        GroupId: groupId,
        Type: 'AVChatRoom',
        ExitType: exit?.type ?? 'Quit',
        Operator_Account: exit?.operatorId ?? session.userId,
        ExitMemberList: [{ Member_Account: session.userId }],
        EventTime: this.options.now(),
      },
      session.context,
    )
  }

  private membershipProblem(session: ClientSession, groupId: string): Failure | undefined {
    if (session.groupId === groupId) return undefined
    if (!this.options.store.groups.get(groupId)) {
      return fail(ErrorCode.groupNotFound, `Group "${groupId}" does not exist`)
    }
    return fail(ErrorCode.notInGroup, `Join group "${groupId}" before sending to it`)
  }

  private send(session: ClientSession, frame: FrameOf<'send'>): void {
    const userId = session.userId as string
    const problem = this.membershipProblem(session, frame.groupId)
    if (problem) return this.reply(session, frame.seq, problem)
    const retryAfter = this.flooding(session, frame.groupId, userId)
    if (retryAfter > 0) {
      const seconds = Math.ceil((retryAfter - this.options.now()) / 1000)
      return this.reply(
        session,
        frame.seq,
        fail(
          ErrorCode.sendFrequencyLimit,
          `You are sending messages too fast; you can send again at ${iso(retryAfter)} (in ${seconds} s)`,
          { retryAfter },
        ),
      )
    }
    const request: SendRequest = {
      groupId: frame.groupId,
      from: userId,
      operator: userId,
      nick: this.nickOf(userId),
      priority: frame.priority ?? 'Normal',
      msgBody: frame.msgBody,
      maxTextBytes: Limits.maxTextBytes,
      context: session.context,
    }
    if (frame.random !== undefined) request.random = frame.random
    if (frame.cloudCustomData !== undefined) request.cloudCustomData = frame.cloudCustomData
    this.pipeline.submit(request, (result) => {
      if (session.closed) return
      this.reply(
        session,
        frame.seq,
        result.ok
          ? { ok: true, data: { message: result.message } }
          : fail(result.code, result.message, result.data),
      )
    })
  }

  private isAppAdmin(userId: string): boolean {
    return (this.options.isAppAdmin ?? ((id) => id === 'administrator'))(userId)
  }

  /** 0 when the send may go ahead, else when the connection may send again (ms). */
  private flooding(session: ClientSession, groupId: string, userId: string): number {
    const limit = this.options.floodLimit ?? defaultFloodLimit
    if (limit === false || this.isAppAdmin(userId)) return 0
    const role = this.rooms.get(groupId)?.member(userId)?.role
    if (role === 'Owner' || role === 'Admin') return 0
    session.flood ??= new FloodGate(limit)
    return session.flood.take(this.options.now())
  }

  /** REST send_group_msg: the same pipeline as a client's send. */
  submitMessage(request: SendRequest, respond: (result: SendResult) => void): void {
    this.pipeline.submit(request, respond)
  }

  private mute(session: ClientSession, frame: FrameOf<'mute'>): void {
    const operatorId = session.userId as string
    const { store } = this.options
    const group = store.groups.get(frame.groupId)
    if (!group) {
      return this.reply(
        session,
        frame.seq,
        fail(ErrorCode.groupNotFound, `Group "${frame.groupId}" does not exist`),
      )
    }
    const operatorRole = store.groups.roleOf(group, operatorId)
    if (operatorRole === 'Member') {
      return this.reply(
        session,
        frame.seq,
        fail(ErrorCode.noPermission, 'Only the group owner or an admin can mute members'),
      )
    }
    const targetRole = store.groups.roleOf(group, frame.userId)
    if (targetRole === 'Admin' && operatorRole !== 'Owner') {
      return this.reply(
        session,
        frame.seq,
        fail(ErrorCode.noPermission, 'Only the group owner can mute an admin'),
      )
    }
    const outcome = this.muteMembers(frame.groupId, [frame.userId], frame.seconds, operatorId)
    if (!('ok' in outcome)) return this.reply(session, frame.seq, outcome)
    this.reply(session, frame.seq, {
      ok: true,
      data: { userId: frame.userId, muteUntil: outcome.muteUntil },
    })
    this.announceMutes(frame.groupId, [frame.userId], frame.seconds, outcome.muteUntil, operatorId)
  }

  /**
   * Mutes (seconds > 0) or unmutes (0) members, all or none; the owner cannot be muted. The
   * caller answers its request, then calls announceMutes, so the answer precedes the pushes.
   */
  muteMembers(
    groupId: string,
    userIds: readonly string[],
    seconds: number,
    operatorId: string,
  ): MuteOutcome {
    const { store, now } = this.options
    const group = store.groups.get(groupId)
    if (!group) return fail(ErrorCode.groupNotFound, `Group "${groupId}" does not exist`)
    if (userIds.includes(group.ownerId)) {
      return fail(ErrorCode.noPermission, 'The group owner cannot be muted')
    }
    const muteUntil = seconds === 0 ? 0 : now() + seconds * 1000
    store.mutes.setMany(groupId, userIds, muteUntil, operatorId)
    return { ok: true, muteUntil }
  }

  announceMutes(
    groupId: string,
    userIds: readonly string[],
    seconds: number,
    muteUntil: number,
    operatorId: string,
  ): void {
    const room = this.rooms.get(groupId)
    for (const userId of userIds) {
      room?.broadcast({
        type: 'member-muted',
        groupId,
        userId,
        operatorId,
        muteTime: seconds,
        muteUntil,
      })
    }
  }

  // ---- moderation by the owner and admins (client requests) -----------------------------------

  /**
   * The group when `operatorId` may moderate it (Owner or Admin) and, when given, may act on
   * `targetId` (never the Owner; an Admin only by the Owner); else the failure to answer.
   */
  private moderated(
    groupId: string,
    operatorId: string,
    what: string,
    target?: { userId: string; verb: string },
  ): GroupRow | Failure {
    const { store } = this.options
    const group = store.groups.get(groupId)
    if (!group) return fail(ErrorCode.groupNotFound, `Group "${groupId}" does not exist`)
    const operatorRole = store.groups.roleOf(group, operatorId)
    if (operatorRole === 'Member') {
      return fail(ErrorCode.noPermission, `Only the group owner or an admin can ${what}`)
    }
    if (target) {
      const targetRole = store.groups.roleOf(group, target.userId)
      if (targetRole === 'Owner') {
        return fail(ErrorCode.noPermission, `Nobody can ${target.verb} the group owner`)
      }
      if (targetRole === 'Admin' && operatorRole !== 'Owner') {
        return fail(ErrorCode.noPermission, `Only the group owner can ${target.verb} an admin`)
      }
    }
    return group
  }

  private ban(session: ClientSession, frame: FrameOf<'ban'>): void {
    const operatorId = session.userId as string
    const checked = this.moderated(frame.groupId, operatorId, 'ban members', {
      userId: frame.userId,
      verb: 'ban',
    })
    if ('code' in checked) return this.reply(session, frame.seq, checked)
    if (frame.seconds === 0) {
      this.unbanMembers(frame.groupId, [frame.userId])
      return this.reply(session, frame.seq, {
        ok: true,
        data: { userId: frame.userId, bannedUntil: 0 },
      })
    }
    const reason = frame.reason ?? ''
    const outcome = this.banMembers(
      frame.groupId,
      [frame.userId],
      frame.seconds,
      operatorId,
      reason,
    )
    if (!('ok' in outcome)) return this.reply(session, frame.seq, outcome)
    this.reply(session, frame.seq, {
      ok: true,
      data: { userId: frame.userId, bannedUntil: outcome.bannedUntil },
    })
    this.announceBan(frame.groupId, [frame.userId], operatorId, reason, outcome.bannedUntil)
  }

  private kickMember(session: ClientSession, frame: FrameOf<'kick'>): void {
    const operatorId = session.userId as string
    const checked = this.moderated(frame.groupId, operatorId, 'remove members', {
      userId: frame.userId,
      verb: 'remove',
    })
    if ('code' in checked) return this.reply(session, frame.seq, checked)
    const removed = this.rooms.get(frame.groupId)?.has(frame.userId) ?? false
    this.reply(session, frame.seq, { ok: true, data: { userId: frame.userId, removed } })
    if (removed) this.removeMembers(frame.groupId, [frame.userId], operatorId, frame.reason ?? '')
  }

  private muteAll(session: ClientSession, frame: FrameOf<'mute-all'>): void {
    const operatorId = session.userId as string
    const checked = this.moderated(frame.groupId, operatorId, 'turn mute-all on or off')
    if ('code' in checked) return this.reply(session, frame.seq, checked)
    const { store, now } = this.options
    const profile = store.groups.profile(frame.groupId)
    const changes: GroupProfileChanges = { muteAllMembers: frame.on }
    const updated =
      profile && profile.muteAllMembers !== frame.on
        ? store.groups.update(frame.groupId, changes, now())
        : undefined
    this.reply(session, frame.seq, { ok: true, data: { muteAllMembers: frame.on } })
    if (!updated) return
    this.groupProfileChanged(updated, changes, operatorId)
    this.options.callbacks.emit(
      'Group.CallbackAfterGroupInfoChanged',
      {
        GroupId: frame.groupId,
        Type: 'AVChatRoom',
        Operator_Account: operatorId,
        EventTime: now(),
      },
      session.context,
    )
  }

  private getMembers(
    session: ClientSession,
    frame: FrameOf<'get-members'>,
  ): Outcome<'get-members'> {
    const checked = this.moderated(frame.groupId, session.userId as string, 'list the members')
    if ('code' in checked) return checked
    const online = this.onlineMembers(frame.groupId)
    const members: MemberInfo[] = online
      .slice(-Limits.maxMembersListed)
      .map((member) => ({ ...member, muteUntil: this.currentMute(frame.groupId, member.userId) }))
    return { ok: true, data: { members, onlineCount: online.length } }
  }

  private recall(session: ClientSession, frame: FrameOf<'recall'>): void {
    const operatorId = session.userId as string
    const checked = this.moderated(frame.groupId, operatorId, 'recall messages')
    if ('code' in checked) return this.reply(session, frame.seq, checked)
    const [outcome] = this.recallMessages(frame.groupId, [frame.sequence])
    if (!outcome || outcome.code !== 0) {
      return this.reply(
        session,
        frame.seq,
        fail(
          ErrorCode.messageNotFound,
          `Group "${frame.groupId}" has no stored message with sequence ${frame.sequence}`,
        ),
      )
    }
    this.reply(session, frame.seq, { ok: true, data: { sequence: frame.sequence } })
    if (outcome.recalled) {
      this.announceRecall(frame.groupId, frame.sequence, operatorId, frame.reason ?? '')
    }
  }

  // ---- admin operations (REST) ----------------------------------------------------------------

  /**
   * Bans members for `seconds` (> 0), all or none; the owner cannot be banned. The caller answers
   * its request, then calls announceBan, so the answer precedes the pushes.
   */
  banMembers(
    groupId: string,
    userIds: readonly string[],
    seconds: number,
    operatorId: string,
    reason: string,
  ): BanOutcome {
    const { store, now } = this.options
    const group = store.groups.get(groupId)
    if (!group) return fail(ErrorCode.groupNotFound, `Group "${groupId}" does not exist`)
    if (userIds.includes(group.ownerId)) {
      return fail(ErrorCode.noPermission, 'The group owner cannot be banned')
    }
    const bannedUntil = now() + seconds * 1000
    store.bans.setMany(groupId, userIds, bannedUntil, operatorId, reason)
    return { ok: true, bannedUntil }
  }

  unbanMembers(groupId: string, userIds: readonly string[]): void {
    this.options.store.bans.removeMany(groupId, userIds)
  }

  /** Tells the room about a ban, then takes the banned members out of it. */
  announceBan(
    groupId: string,
    userIds: readonly string[],
    operatorId: string,
    reason: string,
    bannedUntil: number,
  ): void {
    const room = this.rooms.get(groupId)
    if (!room) return
    room.broadcast({
      type: 'member-banned',
      groupId,
      userIds: [...userIds],
      operatorId,
      reason,
      bannedUntil,
    })
    for (const userId of userIds) {
      const session = this.sessionsByUser.get(userId)
      if (session && session.groupId === groupId) {
        this.leaveRoom(session, { type: 'Kicked', operatorId })
      }
    }
  }

  /** Marks stored messages recalled; the caller then calls announceRecall for `recalled` ones. */
  recallMessages(groupId: string, sequences: readonly number[]): RecallOutcome[] {
    const { store } = this.options
    return store.db.transaction(() =>
      sequences.map((sequence) => {
        const result = store.messages.recall(groupId, sequence)
        return {
          sequence,
          code: result === 'not-found' ? ErrorCode.messageNotFound : 0,
          recalled: result === 'recalled',
        }
      }),
    )()
  }

  announceRecall(groupId: string, sequence: number, operatorId: string, reason: string): void {
    this.rooms.get(groupId)?.broadcast({
      type: 'message-recalled',
      groupId,
      sequence,
      operatorId,
      reason,
    })
  }

  /**
   * A group-attribute write (REST modify/set/delete/clear_group_attr, reference §2.2): checked
   * against the limits, stored, pushed to the members, and reported to the after-callback.
   */
  changeGroupAttributes(
    groupId: string,
    operation: AttrOperation,
    items: readonly { key: string; value?: string }[],
    operatorId: string,
    context: CallbackContext,
  ): AttrOutcome {
    const { store, now } = this.options
    if (!store.groups.get(groupId)) {
      return fail(ErrorCode.groupNotFound, `Group "${groupId}" does not exist`)
    }
    const second = Math.floor(now() / 1000)
    const writes = this.attrWrites.get(groupId)
    if (writes && writes.second === second) {
      if (writes.count >= Limits.maxGroupAttrWritesPerSecond) {
        return fail(
          ErrorCode.groupAttrRateLimit,
          `Group attributes of "${groupId}" may change at most ${Limits.maxGroupAttrWritesPerSecond} times per second; retry in a second`,
        )
      }
      writes.count++
    } else {
      this.attrWrites.set(groupId, { second, count: 1 })
    }
    const current = store.attributes.all(groupId)
    // A Map, so keys such as "__proto__" are plain keys.
    const merged = new Map(
      operation === 'modify' || operation === 'delete' ? Object.entries(current) : [],
    )
    for (const { key, value } of items) {
      if (operation === 'delete') merged.delete(key)
      else merged.set(key, value ?? '')
    }
    const next: GroupAttributes = Object.fromEntries(merged)
    const problem = attributeProblem(next)
    if (problem) return fail(ErrorCode.invalidParameter, problem)
    store.attributes.replace(groupId, next)
    this.rooms.get(groupId)?.broadcast({
      type: 'group-attributes-changed',
      groupId,
      operatorId,
      groupAttributes: next,
    })
    const changed =
      operation === 'clear'
        ? Object.entries(current).map(([key, value]) => ({ key, value }))
        : items.map(({ key, value }) =>
            operation === 'delete' ? { key } : { key, value: value ?? '' },
          )
    this.options.callbacks.emit(
      'Group.CallbackAfterGroupAttrChanged',
      {
        GroupId: groupId,
        Type: 'AVChatRoom',
        Operator_Account: operatorId,
        OptionType: operation,
        GroupAttr: changed,
        EventTime: now(),
      },
      context,
    )
    return { ok: true, groupAttributes: next }
  }

  /**
   * send_broadcast_msg: the same message into every group, each through its own pipeline. A
   * repeat of the same content and Random within 5 minutes is answered with the first MsgSeq and
   * sent nowhere (reference §3.3). Answers the broadcast's MsgSeq and each group's result.
   */
  async broadcast(
    request: Omit<SendRequest, 'groupId'>,
  ): Promise<{ msgSeq: number; results: { groupId: string; result: SendResult }[] }> {
    const now = this.options.now()
    for (const [key, entry] of this.broadcasts) {
      if (entry.time <= now - broadcastDuplicateWindowMs) this.broadcasts.delete(key)
    }
    const key = JSON.stringify([
      request.from,
      request.random ?? null,
      request.msgBody,
      request.cloudCustomData ?? null,
    ])
    const duplicate = request.random !== undefined ? this.broadcasts.get(key) : undefined
    if (duplicate) return { msgSeq: duplicate.msgSeq, results: [] }
    const msgSeq = ++this.lastBroadcastSeq
    if (request.random !== undefined) this.broadcasts.set(key, { msgSeq, time: now })
    const results = await Promise.all(
      this.options.store.groups.ids().map(
        (groupId) =>
          new Promise<{ groupId: string; result: SendResult }>((resolve) => {
            // The broadcast's Random is de-duplicated above; each group still stores it.
            this.pipeline.submit({ ...request, groupId, checkDuplicate: false }, (result) =>
              resolve({ groupId, result }),
            )
          }),
      ),
    )
    return { msgSeq, results }
  }

  /** Members online in the group now, in join order. */
  onlineMembers(groupId: string): Member[] {
    return this.rooms.get(groupId)?.members() ?? []
  }

  onlineCount(groupId: string): number {
    return this.rooms.get(groupId)?.onlineCount ?? 0
  }

  /** A profile change made through REST: refresh the live snapshot and tell the members. */
  groupProfileChanged(
    profile: GroupProfile,
    changes: GroupProfileChanges,
    operatorId: string,
  ): void {
    const room = this.rooms.get(profile.groupId)
    if (!room) return
    room.profile = profile
    room.broadcast({ type: 'group-profile-changed', groupId: profile.groupId, operatorId, changes })
  }

  /** The ingest's view of a room's stream; joiners get it in their snapshot, members a push. */
  setStreamState(groupId: string, stream: StreamState): void {
    this.streams.set(groupId, stream)
    this.rooms.get(groupId)?.broadcast({ type: 'stream-state-changed', groupId, stream })
  }

  /** Removes everyone from a destroyed group (its rows are already gone or about to be). */
  groupDestroyed(groupId: string, operatorId: string): void {
    this.pipeline.forgetGroup(groupId)
    this.attrWrites.delete(groupId)
    const room = this.rooms.get(groupId)
    if (!room) return
    room.broadcast({ type: 'group-dismissed', groupId, operatorId })
    this.rooms.delete(groupId)
    for (const session of this.sessionsByUser.values()) {
      if (session.groupId === groupId) session.groupId = undefined
    }
  }

  /** delete_group_member: the members leave now and may join again. Returns who was online. */
  removeMembers(
    groupId: string,
    userIds: readonly string[],
    operatorId: string,
    reason: string,
  ): string[] {
    const room = this.rooms.get(groupId)
    if (!room) return []
    const online = userIds.filter((userId) => room.has(userId))
    if (online.length === 0) return []
    room.broadcast({ type: 'member-kicked', groupId, userIds: online, operatorId, reason })
    for (const userId of online) {
      const session = this.sessionsByUser.get(userId)
      if (session && session.groupId === groupId) {
        this.leaveRoom(session, { type: 'Kicked', operatorId })
      }
    }
    return online
  }

  /** modify_admin: roles of online members change at once; everyone is told. */
  rolesChanged(
    groupId: string,
    userIds: readonly string[],
    admin: boolean,
    operatorId: string,
  ): void {
    const room = this.rooms.get(groupId)
    if (!room) return
    const role = admin ? 'Admin' : 'Member'
    for (const userId of userIds) room.setRole(userId, role)
    room.broadcast({
      type: 'member-role-changed',
      groupId,
      userIds: [...userIds],
      role,
      operatorId,
    })
  }

  /** send_group_system_notification: online members only, nothing stored, no frequency control. */
  systemNotification(groupId: string, toUserIds: readonly string[], content: string): void {
    const room = this.rooms.get(groupId)
    if (!room) return
    const frame = {
      type: 'system-notification' as const,
      groupId,
      content,
      time: this.options.now(),
    }
    if (toUserIds.length === 0) room.broadcast(frame)
    else room.sendTo(toUserIds, frame)
  }

  /** im_open_login_svc/kick: ends the user's connection. Returns whether one was open. */
  kickUser(userId: string): boolean {
    const session = this.sessionsByUser.get(userId)
    if (!session) return false
    this.kick(
      session,
      'restApi',
      CloseCode.kickedByAdmin,
      'Kicked by the app',
      'The app signed you out of the room; log in again to come back',
    )
    return true
  }

  /** Closes every connection (server shutdown). */
  closeAll(code: number, reason: string): void {
    this.pipeline.close()
    for (const session of [...this.sessionsByUser.values()]) {
      session.port.close(code, reason)
      this.closeSession(session, 'Logout')
    }
  }
}
