import { CloseCode, DEFAULT_APP_ADMIN, ErrorCode, Limits } from '../../src-shared/protocol/codes'
import { defaultMessageCap } from '../../src-shared/protocol/message-cap'
import {
  type ClientFrame,
  type ClientFrameType,
  type GroupAttributes,
  type Member,
  Priority,
  type ProtocolVersion,
  type StreamState,
  utf8Bytes,
} from '../../src-shared/protocol/frames'
import {
  groupAttrChangedBody,
  memberExitBody,
  newMemberJoinBody,
  stateChangeBody,
} from './callback-bodies'
import { type CallbackContext, CallbackDispatcher } from './callbacks'
import { type ClientPort, closeReason, sendFrame } from './client-port'
import { defaultFloodLimit, FloodGate, type FloodLimitOptions } from './flood-limit'
import { realTimer, type SetTimer } from '../common/clock'
import { MessagePipeline, type SendRequest, type SendResult } from './message-pipeline'
import { type Actor, Moderation, type Reply } from './moderation'
import { normalizeNickname } from './nickname'
import { reservedNames } from './reserved-names'
import { type Failure, type FrameOf, type Outcome, fail } from './outcome'
import { Room } from './room'
import type { GroupProfile, GroupProfileChanges, Store } from './store'
import type { VerifyUserSigResult } from '../common/usersig'

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
  /** The same identities as a list (names a newcomer may not look like). */
  appAdmins?: readonly string[]
  setTimer?: SetTimer
  random?: () => number
  /**
   * How messages of one priority share a window over the cap: `senders` (default) in rounds, so
   * one sender cannot crowd out the rest; `random`, Tencent's rule as stated (for comparison).
   */
  frequencyShare?: 'senders' | 'random'
  /**
   * Per-user flood limit (Owncast's 3 messages / 2 s, then 10 s), across all of a user's
   * connections (reconnecting does not reset it); false turns it off.
   */
  floodLimit?: FloodLimitOptions | false
  /**
   * The highest priority a member who is not the owner or an admin may send at (default Normal:
   * High is for the hosts and the business host's gifts). A room's AppDefinedData
   * `ViewerPriority` overrides it.
   */
  viewerMaxPriority?: Priority
  /**
   * A ban of an anonymous viewer (an identity /api/viewer-session minted) also keeps out
   * identities minted from the same address until it ends (default on, as Owncast bans IPs).
   */
  banAnonymousAddresses?: boolean
  /** Messages handed to a joiner (default 20). */
  historyCount?: number
  /** How far back a joiner's history reaches, ms (default 24 h). */
  historyWindowMs?: number
  /** How often a room's membership notice may go out, ms (default 1000). */
  memberNoticeMs?: number
}

/** Tencent's default per-group limit (reference §1.1). */
export const defaultMaxMessagesPerSecond = defaultMessageCap

/**
 * A room's joins and leaves go out together, at most once per this many ms (docs/protocol.md,
 * "Membership notices"). Tencent does not deliver every join/quit tip of a big AVChatRoom either:
 * they are shed first under its 40 msg/s frequency control (reference §1, §1.1). The reference
 * gives no interval for online-count updates; 1 s matches the frequency control's window.
 */
export const defaultMemberNoticeMs = 1000

/**
 * How a connection ended, for State.StateChange (reference §5.3). `Replaced`: a login of the same
 * user took its place; that login's own Login callback (with KickedDevice) is the only one sent,
 * as Tencent does for Web SDKs ≥ 2.14.0 (reference §12).
 */
export type SessionEnd = 'Logout' | 'LinkClose' | 'TimeOut' | 'Replaced'

/** How a group-attribute write changes the map (Tencent's OptionType, reference §2.2). */
export type AttrOperation = 'set' | 'modify' | 'delete' | 'clear'
export type AttrOutcome = { ok: true; groupAttributes: GroupAttributes } | Failure

/** One client connection as the engine sees it. */
export class ClientSession {
  userId: string | undefined
  groupId: string | undefined
  /** The protocol version of its login (1 until then). */
  version: ProtocolVersion = 1
  closed = false

  constructor(readonly port: ClientPort) {}

  get context(): CallbackContext {
    return { clientIp: this.port.remoteAddress ?? '', platform: 'Web' }
  }
}
/** History handed to a joiner by default: the last 20 messages of the last 24 hours. */
export const defaultHistoryCount = 20
export const defaultHistoryWindowMs = 24 * 3600_000

/** Flood gates are kept per user (and address); past this many, the idle ones are forgotten. */
const floodGatesBeforeSweep = 1000
/** Anonymous viewers on one address share a gate this many times one person's. */
const anonymousPerAddress = 4
const priorityRank: Record<Priority, number> = { High: 0, Normal: 1, Low: 2, Lowest: 3 }

/** Tencent de-duplicates send_broadcast_msg by content and Random within 5 min (reference §3.3). */
const broadcastDuplicateWindowMs = 5 * 60_000

const iso = (ms: number): string => new Date(ms).toISOString()

/** A successful outcome with its ack data. */
const acked = <D>(data: D) => ({ ok: true as const, data })

/**
 * A verified UserSig, unless REST im_open_login_svc/kick has revoked it since: "all previous
 * UserSig values for that user will expire" (reference §12), so it fails as expired (70001). A
 * sig carries its issue time in whole seconds, so one made in the kick's own second cannot be told
 * from one made just before the kick and is revoked too (docs/rest-api.md).
 */
export function unlessSignedOut(store: Store, verified: VerifyUserSigResult): VerifyUserSigResult {
  if (!verified.ok) return verified
  const signedOutAt = store.signOuts.at(verified.userId)
  if (signedOutAt === 0 || verified.issuedAt > Math.floor(signedOutAt / 1000)) return verified
  return {
    ok: false,
    code: ErrorCode.userSigExpired,
    reason: `This UserSig was issued before the app signed "${verified.userId}" out at ${iso(signedOutAt)}; get a new one`,
  }
}

/**
 * Why a group-attribute map breaks Tencent's limits, or undefined: at most 16 keys, a key of at
 * most 32 bytes, a value of at most 4 KB, 16 KB in all, keys and values (reference §12, SDK 3.6.6
 * d.ts).
 */
export function attributeProblem(attributes: GroupAttributes): string | undefined {
  const entries = Object.entries(attributes)
  if (entries.length > Limits.maxGroupAttrKeys) {
    return `A group may have at most ${Limits.maxGroupAttrKeys} attributes; this would make ${entries.length}`
  }
  let total = 0
  for (const [key, value] of entries) {
    if (key === '') return 'A group attribute key must not be empty'
    const keyBytes = utf8Bytes(key)
    if (keyBytes > Limits.maxGroupAttrKeyBytes) {
      return `Group attribute key "${key.slice(0, 32)}…" is ${keyBytes} bytes; keys may have at most ${Limits.maxGroupAttrKeyBytes}`
    }
    const valueBytes = utf8Bytes(value)
    if (valueBytes > Limits.maxGroupAttrBytes) {
      return `Group attribute "${key}" has a value of ${valueBytes} bytes; the limit is ${Limits.maxGroupAttrBytes}`
    }
    total += keyBytes + valueBytes
  }
  if (total > Limits.maxGroupAttrTotalBytes) {
    return `A group's attributes may total ${Limits.maxGroupAttrTotalBytes} bytes (keys and values); this would make ${total}`
  }
  return undefined
}

/**
 * The IM engine: logins, the one-room-per-connection membership of AVChatRoom groups and its
 * coalesced notices, messages with per-group sequences, and the frames every member sees;
 * moderation (mutes, bans, kicks, recall) lives in `moderation`. Transport-free: it talks to
 * connections only through ClientPort.
 */
export class ImEngine {
  private readonly sessionsByUser = new Map<string, ClientSession>()
  private readonly rooms = new Map<string, Room>()
  /** Cancels a room's pending membership notice. */
  private readonly noticeTimers = new Map<Room, () => void>()
  private readonly streams = new Map<string, StreamState>()
  private readonly attrWrites = new Map<string, { second: number; count: number }>()
  private readonly broadcasts = new Map<string, { msgSeq: number; time: number }>()
  /**
   * The flood limit's gates, by user (not by connection: a reconnect must not reset it) and, for
   * anonymous viewers, by address.
   */
  private readonly floodGates = new Map<string, FloodGate>()
  private lastBroadcastSeq = 0
  readonly pipeline: MessagePipeline
  readonly moderation: Moderation
  private readonly options: ImEngineOptions & { callbacks: CallbackDispatcher }
  private readonly setTimer: SetTimer

  constructor(options: ImEngineOptions) {
    const callbacks =
      options.callbacks ??
      new CallbackDispatcher({ sdkAppId: options.sdkAppId, now: options.now, log: options.log })
    this.options = { ...options, callbacks }
    this.setTimer = options.setTimer ?? realTimer
    this.pipeline = new MessagePipeline({
      store: options.store,
      callbacks,
      now: options.now,
      setTimer: this.setTimer,
      maxMessagesPerSecond: options.maxMessagesPerSecond ?? defaultMaxMessagesPerSecond,
      isAppAdmin: options.isAppAdmin ?? ((userId) => userId === DEFAULT_APP_ADMIN),
      log: options.log,
      random: options.random,
      frequencyShare: options.frequencyShare,
      deliver: (message) => this.rooms.get(message.to)?.deliver(message),
      reportLoad: (groupId, load) =>
        this.rooms.get(groupId)?.sendToStaff({ type: 'room-load', groupId, ...load }, 2),
    })
    this.moderation = new Moderation({
      store: options.store,
      now: options.now,
      callbacks,
      room: (groupId) => this.rooms.get(groupId),
      expel: (groupId, userId, actor) => {
        const session = this.sessionsByUser.get(userId)
        if (session && session.groupId === groupId) {
          this.leaveRoom(session, { type: 'Kicked', operatorId: actor.userId }, actor.context)
        }
      },
      groupProfileChanged: (profile, changes, operatorId) =>
        this.groupProfileChanged(profile, changes, operatorId),
      banAddresses: options.banAnonymousAddresses ?? true,
      announceMembersNow: (groupId) => {
        const room = this.rooms.get(groupId)
        if (room && this.noticeTimers.has(room)) this.announceMembers(room)
      },
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
      case 'ping':
        this.reply(session, frame.seq, { ok: true, data: { serverTime: this.options.now() } })
        return
      case 'mute':
      case 'ban':
      case 'kick':
      case 'mute-all':
      case 'get-members':
      case 'recall':
        this.moderate(session, frame)
        return
    }
  }

  /** A moderation request: the operation in `moderation`, its outcome as the one ack. */
  private moderate(
    session: ClientSession,
    frame: FrameOf<'mute' | 'ban' | 'kick' | 'mute-all' | 'get-members' | 'recall'>,
  ): void {
    const userId = session.userId as string
    const actor: Actor = {
      userId,
      standing: this.isAppAdmin(userId) ? 'app-admin' : 'member',
      context: session.context,
    }
    const answer =
      <T>(data: (value: T) => Outcome<typeof frame.type>): Reply<T> =>
      (done) =>
        this.reply(session, frame.seq, 'ok' in done ? data(done.value) : done)
    const { moderation } = this
    const { groupId } = frame
    switch (frame.type) {
      case 'mute': {
        const { userId: target, seconds } = frame
        return moderation.mute(
          actor,
          { groupId, userIds: [target], seconds },
          answer(({ muteUntil }) => acked({ userId: target, muteUntil })),
        )
      }
      case 'ban': {
        const { userId: target, seconds } = frame
        if (seconds === 0) {
          return moderation.unban(
            actor,
            { groupId, userIds: [target] },
            answer(() => acked({ userId: target, bannedUntil: 0 })),
          )
        }
        return moderation.ban(
          actor,
          { groupId, userIds: [target], seconds, reason: frame.reason ?? '' },
          answer(({ bannedUntil }) => acked({ userId: target, bannedUntil })),
        )
      }
      case 'kick': {
        const target = frame.userId
        return moderation.remove(
          actor,
          { groupId, userIds: [target], reason: frame.reason ?? '' },
          answer(({ removed }) => acked({ userId: target, removed: removed.includes(target) })),
        )
      }
      case 'mute-all':
        return moderation.changeProfile(
          actor,
          groupId,
          { muteAllMembers: frame.on },
          answer(() => acked({ muteAllMembers: frame.on })),
        )
      case 'get-members': {
        const listed = moderation.members(actor, groupId)
        if (!('ok' in listed)) return this.reply(session, frame.seq, listed)
        return this.reply(session, frame.seq, {
          ok: true,
          data: {
            members: listed.value.slice(-Limits.maxMembersListed),
            onlineCount: listed.value.length,
          },
        })
      }
      case 'recall': {
        const { sequence } = frame
        return moderation.recall(
          actor,
          { groupId, sequences: [sequence], reason: frame.reason ?? '' },
          answer(([outcome]) =>
            outcome?.code === 0
              ? acked({ sequence })
              : fail(
                  ErrorCode.messageNotFound,
                  `Group "${groupId}" has no stored message with sequence ${sequence}`,
                ),
          ),
        )
      }
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
    if (session.userId !== undefined && end !== 'Replaced') {
      this.options.callbacks.emit(
        'State.StateChange',
        stateChangeBody(session.userId, end, this.options.now()),
        session.context,
      )
    }
  }

  /**
   * Ends a connection on purpose: a `kicked` frame (with `message`, a sentence for the user, when
   * given), then the close; State.StateChange reports it as `end`.
   */
  kick(
    session: ClientSession,
    reason: string,
    closeCode: number,
    closeText: string,
    { message, end = 'Logout' }: { message?: string; end?: SessionEnd } = {},
  ): void {
    if (session.closed) return
    sendFrame(session.port, {
      type: 'kicked',
      reason,
      code: closeCode,
      ...(message !== undefined ? { message } : {}),
    })
    session.port.close(closeCode, closeReason(closeText))
    this.closeSession(session, end)
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
        ? unlessSignedOut(
            store,
            this.options.verifyUserSig(frame.userSig, frame.userId, Math.floor(now() / 1000)),
          )
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
      const reserved = reservedNames(
        store,
        this.options.appAdmins ?? [DEFAULT_APP_ADMIN],
        frame.userId,
      )
      const checked = normalizeNickname(frame.nick, reserved)
      if (!checked.ok) {
        this.reply(session, frame.seq, fail(checked.code, checked.message, checked.data))
        return
      }
      nick = checked.nick
    }

    const previous = this.sessionsByUser.get(frame.userId)
    if (previous) {
      this.kick(previous, 'multipleAccount', CloseCode.replaced, 'multipleAccount', {
        end: 'Replaced',
      })
    }
    session.userId = frame.userId
    session.version = frame.version
    this.sessionsByUser.set(frame.userId, session)
    store.accounts.seen(frame.userId, now())
    if (nick !== undefined) store.profiles.setNick(frame.userId, nick, now())
    this.options.callbacks.emit(
      'State.StateChange',
      stateChangeBody(frame.userId, 'Login', now(), previous ? 'Web' : undefined),
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
    const bannedUntil = Math.max(
      store.bans.bannedUntil(frame.groupId, userId),
      this.addressBannedUntil(frame.groupId, userId),
    )
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
      room.add(session.port, joined, session.version)
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
        self: { role, muteUntil: this.moderation.currentMute(frame.groupId, userId) },
        history: store.messages.recent(
          frame.groupId,
          now() - (this.options.historyWindowMs ?? defaultHistoryWindowMs),
          this.options.historyCount ?? defaultHistoryCount,
        ),
      },
    })
    // Told with the room's next notice, after the joiner's ack (which has the count already); a
    // repeated join (already in the room) changes nothing.
    if (joined) {
      this.noticeLater(room)
      this.options.callbacks.emit(
        'Group.CallbackAfterNewMemberJoin',
        newMemberJoinBody(frame.groupId, userId, now()),
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

  /** `context`: where the exit came from, for its callback (a kick's operator); default the leaver. */
  private leaveRoom(
    session: ClientSession,
    exit: { type: 'Quit' | 'Kicked'; operatorId: string } | undefined = undefined,
    context: CallbackContext = session.context,
  ): void {
    const groupId = session.groupId
    if (groupId === undefined || session.userId === undefined) return
    session.groupId = undefined
    const room = this.rooms.get(groupId)
    if (!room || !room.remove(session.userId)) return
    // An empty room is rebuilt from the store on the next join; keeping it would only cost memory.
    // Nobody is left to tell, so its pending notice goes with it.
    if (room.onlineCount === 0) this.dropRoom(groupId, room)
    else this.noticeLater(room)
    this.options.callbacks.emit(
      'Group.CallbackAfterMemberExit',
      memberExitBody(
        groupId,
        session.userId,
        exit ?? { type: 'Quit', operatorId: session.userId },
        this.options.now(),
      ),
      context,
    )
  }

  /**
   * Arms the room's membership notice unless it is armed: the joins and leaves (and the count)
   * until it fires go out together, so a mass join costs each member one notice per interval
   * instead of a frame per joiner.
   */
  private noticeLater(room: Room): void {
    if (this.noticeTimers.has(room)) return
    const cancel = this.setTimer(
      () => this.announceMembers(room),
      this.options.memberNoticeMs ?? defaultMemberNoticeMs,
    )
    this.noticeTimers.set(room, cancel)
  }

  /** Sends the room's pending notice now (its timer fired, or a removal is about to be told). */
  private announceMembers(room: Room): void {
    this.noticeTimers.get(room)?.()
    this.noticeTimers.delete(room)
    room.announceChanges(Limits.maxMemberChangesListed)
  }

  private dropRoom(groupId: string, room: Room): void {
    room.dispose()
    this.noticeTimers.get(room)?.()
    this.noticeTimers.delete(room)
    this.rooms.delete(groupId)
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
    const priority = frame.priority ?? 'Normal'
    const notAllowed = this.priorityProblem(frame.groupId, userId, priority)
    if (notAllowed) return this.reply(session, frame.seq, notAllowed)
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
      priority,
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
    return (this.options.isAppAdmin ?? ((id) => id === DEFAULT_APP_ADMIN))(userId)
  }

  /** 0 when the send may go ahead, else when the connection may send again (ms). */
  private flooding(session: ClientSession, groupId: string, userId: string): number {
    const limit = this.options.floodLimit ?? defaultFloodLimit
    if (limit === false || this.isHost(groupId, userId)) return 0
    const now = this.options.now()
    const own = this.floodGate(`user:${userId}`, limit, now).take(now)
    if (own > 0 || !this.options.store.viewerIdentities.get(userId)) return own
    // Anonymous identities are free to make: those sending from one address share a gate too,
    // loose enough for a household or a LAN party, not for forty identities of one person.
    const address = this.addressOf(session)
    const shared: FloodLimitOptions = { ...limit, messages: limit.messages * anonymousPerAddress }
    return address ? this.floodGate(`address:${address}`, shared, now).take(now) : 0
  }

  private floodGate(key: string, limit: FloodLimitOptions, now: number): FloodGate {
    let gate = this.floodGates.get(key)
    if (!gate) {
      if (this.floodGates.size >= floodGatesBeforeSweep) {
        for (const [id, idle] of this.floodGates) if (idle.idle(now)) this.floodGates.delete(id)
      }
      gate = new FloodGate(limit)
      this.floodGates.set(key, gate)
    }
    return gate
  }

  private addressOf(session: ClientSession): string | undefined {
    const address = session.port.remoteAddress
    return address?.startsWith('::ffff:') ? address.slice(7) : address
  }

  /**
   * When the ban of the address an anonymous identity was minted from ends, if it was minted
   * there after that ban began (older identities from the address are other people's), else 0.
   */
  private addressBannedUntil(groupId: string, userId: string): number {
    const { store, now } = this.options
    const identity = store.viewerIdentities.get(userId)
    if (!identity) return 0
    const ban = store.viewerIdentities.addressBan(groupId, identity.mintedAddress, now())
    return ban && identity.mintedAt >= ban.bannedAt ? ban.bannedUntil : 0
  }

  /** The owner, an admin or an App admin: not held by the flood limit or the priority rule. */
  private isHost(groupId: string, userId: string): boolean {
    if (this.isAppAdmin(userId)) return true
    const role = this.rooms.get(groupId)?.member(userId)?.role
    return role === 'Owner' || role === 'Admin'
  }

  /** Why a member may not send at `priority` in this room, or undefined when they may. */
  private priorityProblem(
    groupId: string,
    userId: string,
    priority: Priority,
  ): Failure | undefined {
    if (this.isHost(groupId, userId)) return undefined
    const configured = this.options.store.groups
      .profile(groupId)
      ?.appDefinedData.find((field) => field.Key === 'ViewerPriority')?.Value
    const parsed = Priority.safeParse(configured)
    const max = parsed.success ? parsed.data : (this.options.viewerMaxPriority ?? 'Normal')
    if (priorityRank[priority] >= priorityRank[max]) return undefined
    return fail(
      ErrorCode.noPermission,
      `Only the hosts may send at ${priority} priority in this room; send at ${max} or lower`,
    )
  }

  /** REST send_group_msg: the same pipeline as a client's send. */
  submitMessage(request: SendRequest, respond: (result: SendResult) => void): void {
    this.pipeline.submit(request, respond)
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
    // Counted once the write is valid: a refused write changes nothing, its budget included.
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
      groupAttrChangedBody(groupId, operatorId, operation, changed, now()),
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
    this.dropRoom(groupId, room)
    for (const session of this.sessionsByUser.values()) {
      if (session.groupId === groupId) session.groupId = undefined
    }
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

  /**
   * send_group_system_notification: every online member (an AVChatRoom's go to all, reference
   * §12), nothing stored, no frequency control.
   */
  systemNotification(groupId: string, content: string): void {
    this.rooms.get(groupId)?.broadcast({
      type: 'system-notification',
      groupId,
      content,
      time: this.options.now(),
    })
  }

  /**
   * im_open_login_svc/kick: revokes every UserSig issued to the user until now (stored, so a
   * restart keeps it) and ends the user's connection with the SDK's reason `REST_API_Kick`
   * (KICKED_OUT_REST_API, SDK 3.6.6 d.ts). Returns whether a connection was open.
   */
  kickUser(userId: string): boolean {
    this.options.store.signOuts.record(userId, this.options.now())
    const session = this.sessionsByUser.get(userId)
    if (!session) return false
    this.kick(session, 'REST_API_Kick', CloseCode.kickedByAdmin, 'Kicked by the app', {
      message: 'The app signed you out of the room; log in again with a new UserSig to come back',
    })
    return true
  }

  /** Closes every connection (server shutdown). */
  /** Messages each group admits per second (the frequency control's cap, reference §1.1). */
  get maxMessagesPerSecond(): number {
    return this.pipeline.maxMessagesPerSecond
  }

  setMaxMessagesPerSecond(cap: number): void {
    this.pipeline.setMaxMessagesPerSecond(cap)
  }

  closeAll(code: number, reason: string): void {
    this.pipeline.close()
    for (const session of [...this.sessionsByUser.values()]) {
      session.port.close(code, reason)
      this.closeSession(session, 'Logout')
    }
    // The leaves above armed notices for connections that are closed now.
    for (const room of this.rooms.values()) room.dispose()
    for (const cancel of this.noticeTimers.values()) cancel()
    this.noticeTimers.clear()
  }
}
