import { CloseCode, ErrorCode, Limits } from '../../src-shared/protocol/codes'
import {
  type AckData,
  type ClientFrame,
  type ClientFrameType,
  type Member,
  type StreamState,
} from '../../src-shared/protocol/frames'
import { type CallbackContext, CallbackDispatcher } from './callbacks'
import { type ClientPort, closeReason, sendFrame } from './client-port'
import { realTimer, type SetTimer } from './frequency-control'
import { MessagePipeline, type SendRequest, type SendResult } from './message-pipeline'
import { normalizeNickname } from './nickname'
import { Room } from './room'
import type { GroupProfile, GroupProfileChanges, Store } from './store'
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
}

/** Tencent's default per-group limit (reference §1.1). */
export const defaultMaxMessagesPerSecond = 40

/** How a connection ended, for State.StateChange (reference §5.3). */
export type SessionEnd = 'Logout' | 'LinkClose' | 'TimeOut'

export type MuteOutcome = { ok: true; muteUntil: number } | Failure

/** One client connection as the engine sees it. */
export class ClientSession {
  userId: string | undefined
  groupId: string | undefined
  closed = false

  constructor(readonly port: ClientPort) {}

  get context(): CallbackContext {
    return { clientIp: this.port.remoteAddress ?? '', platform: 'Web' }
  }
}
/** History handed to a joiner: the last 20 messages of the last 24 hours. */
const historyCount = 20
const historyWindowMs = 24 * 3600_000

const fail = (code: number, message: string, data?: Record<string, unknown>): Failure =>
  data ? { code, message, data } : { code, message }

/**
 * The IM engine: logins, the one-room-per-connection membership of AVChatRoom groups, messages
 * with per-group sequences, mutes, and the frames every member sees. Transport-free: it talks to
 * connections only through ClientPort.
 */
export class ImEngine {
  private readonly sessionsByUser = new Map<string, ClientSession>()
  private readonly rooms = new Map<string, Room>()
  private readonly streams = new Map<string, StreamState>()
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
        group: { ...room.snapshot(), stream: this.streams.get(frame.groupId) },
        self: { role, muteUntil: this.currentMute(frame.groupId, userId) },
        history: store.messages.recent(frame.groupId, now() - historyWindowMs, historyCount),
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

  // ---- admin operations (REST) ----------------------------------------------------------------

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
