import { CloseCode, ErrorCode, Limits } from '../../src-shared/protocol/codes'
import {
  type AckData,
  type ClientFrame,
  type ClientFrameType,
  type Member,
  type WireMessage,
  utf8Bytes,
} from '../../src-shared/protocol/frames'
import { type ClientPort, closeReason, sendFrame } from './client-port'
import { normalizeNickname } from './nickname'
import { Room } from './room'
import type { Store } from './store'
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
}

/** One client connection as the engine sees it. */
export class ClientSession {
  userId: string | undefined
  groupId: string | undefined
  closed = false

  constructor(readonly port: ClientPort) {}
}

/** Tencent de-duplicates a sender's repeated `Random` within this window. */
const duplicateWindowMs = 5 * 60_000
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

  constructor(private readonly options: ImEngineOptions) {}

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
  closeSession(session: ClientSession): void {
    session.closed = true
    this.leaveRoom(session)
    if (session.userId !== undefined && this.sessionsByUser.get(session.userId) === session) {
      this.sessionsByUser.delete(session.userId)
    }
  }

  /** Ends a connection on purpose: a `kicked` frame, then the close. */
  kick(session: ClientSession, reason: string, closeCode: number, closeText: string): void {
    if (session.closed) return
    sendFrame(session.port, { type: 'kicked', reason, code: closeCode })
    session.port.close(closeCode, closeReason(closeText))
    this.closeSession(session)
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
    if (nick !== undefined) store.profiles.setNick(frame.userId, nick, now())
    this.reply(session, frame.seq, {
      ok: true,
      data: { userId: frame.userId, nick: nick ?? this.nickOf(frame.userId), serverTime: now() },
    })
  }

  private roomFor(groupId: string): Room | undefined {
    const existing = this.rooms.get(groupId)
    if (existing) return existing
    const { store } = this.options
    const group = store.groups.get(groupId)
    if (!group) return undefined
    const room = new Room(group, store.messages.lastSeq(groupId))
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
        group: room.snapshot(),
        self: { role, muteUntil: this.currentMute(frame.groupId, userId) },
        history: store.messages.recent(frame.groupId, now() - historyWindowMs, historyCount),
      },
    })
    // Announced after the joiner's ack; a repeated join (already in the room) announces nothing.
    if (joined) {
      room.broadcast({ type: 'member-joined', groupId: frame.groupId, member: joined })
      room.broadcast({ type: 'online-count', groupId: frame.groupId, count: room.onlineCount })
    }
  }

  private quit(session: ClientSession, frame: FrameOf<'quit'>): Outcome<'quit'> {
    if (session.groupId !== frame.groupId) {
      return fail(ErrorCode.notInGroup, `Not in group "${frame.groupId}"`)
    }
    this.leaveRoom(session)
    return { ok: true, data: {} }
  }

  private leaveRoom(session: ClientSession): void {
    const groupId = session.groupId
    if (groupId === undefined || session.userId === undefined) return
    session.groupId = undefined
    const room = this.rooms.get(groupId)
    if (!room || !room.remove(session.userId)) return
    room.broadcast({ type: 'member-left', groupId, userId: session.userId })
    room.broadcast({ type: 'online-count', groupId, count: room.onlineCount })
    // An empty room is rebuilt from the store on the next join; keeping it would only cost memory.
    if (room.onlineCount === 0) this.rooms.delete(groupId)
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
    const { store, now } = this.options
    const problem = this.membershipProblem(session, frame.groupId)
    if (problem) return this.reply(session, frame.seq, problem)
    const room = this.rooms.get(frame.groupId)
    if (!room) return this.reply(session, frame.seq, fail(ErrorCode.notInGroup, 'Not in group'))

    const text = frame.msgBody.map((elem) => elem.MsgContent.Text).join('')
    if (text.trim() === '') {
      return this.reply(session, frame.seq, fail(ErrorCode.invalidParameter, 'Message is empty'))
    }
    const bytes = utf8Bytes(text)
    if (bytes > Limits.maxTextBytes) {
      return this.reply(
        session,
        frame.seq,
        fail(
          ErrorCode.messageTooLong,
          `Message is ${bytes} bytes; the limit is ${Limits.maxTextBytes} UTF-8 bytes`,
        ),
      )
    }
    const time = now()
    if (frame.random !== undefined) {
      // A retried send (same Random) gets the original message back and is not delivered again.
      const original = store.messages.findByRandom(
        frame.groupId,
        userId,
        frame.random,
        time - duplicateWindowMs,
      )
      if (original) return this.reply(session, frame.seq, { ok: true, data: { message: original } })
    }
    const muteUntil = this.currentMute(frame.groupId, userId)
    if (muteUntil > 0) {
      return this.reply(
        session,
        frame.seq,
        fail(
          ErrorCode.muted,
          `You are muted in this room until ${new Date(muteUntil).toISOString()}`,
          { muteUntil },
        ),
      )
    }

    const sequence = room.lastSeq + 1
    const message: WireMessage = {
      ID: `${frame.groupId}-${sequence}-${time}`,
      to: frame.groupId,
      sequence,
      from: userId,
      nick: this.nickOf(userId),
      time,
      priority: frame.priority ?? 'Normal',
      msgBody: frame.msgBody,
    }
    store.messages.insert(message, frame.random)
    room.lastSeq = sequence
    this.reply(session, frame.seq, { ok: true, data: { message } })
    room.broadcast({ type: 'message', message })
  }

  private mute(session: ClientSession, frame: FrameOf<'mute'>): void {
    const operatorId = session.userId as string
    const { store, now } = this.options
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
    if (targetRole === 'Owner' || (targetRole === 'Admin' && operatorRole !== 'Owner')) {
      return this.reply(
        session,
        frame.seq,
        fail(
          ErrorCode.noPermission,
          targetRole === 'Owner'
            ? 'The group owner cannot be muted'
            : 'Only the group owner can mute an admin',
        ),
      )
    }
    const muteUntil = frame.seconds === 0 ? 0 : now() + frame.seconds * 1000
    store.mutes.set(frame.groupId, frame.userId, muteUntil, operatorId)
    this.reply(session, frame.seq, { ok: true, data: { userId: frame.userId, muteUntil } })
    this.rooms.get(frame.groupId)?.broadcast({
      type: 'member-muted',
      groupId: frame.groupId,
      userId: frame.userId,
      operatorId,
      muteTime: frame.seconds,
      muteUntil,
    })
  }

  /** Closes every connection (server shutdown). */
  closeAll(code: number, reason: string): void {
    for (const session of [...this.sessionsByUser.values()]) {
      session.port.close(code, reason)
      this.closeSession(session)
    }
  }
}
