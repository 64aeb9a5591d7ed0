import type { ChatMessage } from '../../../src-shared/contract'
import { ContractCode, type ErrorReason } from '../../../src-shared/contract/result'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import {
  SdkEvent,
  type ChatPort,
  type SdkEventHandler,
  type SdkEventName,
  type SdkMessage,
} from './chat-port'
import type { ImRestClient } from '../../common/im-rest-client'
import { KICK_BAN_SECONDS, RoomAdminRest } from './room-admin-rest'
import type { JoinedRoom, MemberList, RoomBackend, RoomEvent } from './room-backend'
import { realTimer, type SetTimer } from '../../common/clock'
import { RoomError } from '../../common/room-error'
import {
  groupAttributesToEvents,
  netStateToConnection,
  sdkMessagesToEvents,
  sdkTextToChat,
} from './tencent-events'

export interface TencentBackendOptions {
  sdkAppId: number
  groupId: string
  /** The anchor's account; the console logs in as this user. */
  userId: string
  /** The App admin: the business host sends as it (its online-count messages are believed). */
  appAdmin?: string
  /** A fresh UserSig for every login (business server, or the secret key in development). */
  userSig: () => Promise<string>
  /**
   * The IM REST API as an App admin (ban, member list, and kick as ban + unban); null when no
   * secret key is kept: ban and the member list then reject with what to configure, and kick
   * goes through the SDK.
   */
  rest: ImRestClient | null
  /** The SDK behind its port; called once per start. */
  createPort: () => Promise<ChatPort>
  /** How long login may take to bring SDK_READY. */
  readyTimeoutMs?: number
  /**
   * How often the online count is read (default 10 s, the most the SDK advises; tests shorten it).
   * Join and quit tips are shed first under Tencent's frequency control (reference §1), so
   * counting them drifts.
   */
  onlineCountEveryMs?: number
  now?: () => number
  /** The online count's timer (default: Node's). */
  setTimer?: SetTimer
}

/** The SDK asks for getGroupOnlineMemberCount at most every 5–10 s (SDK 3.6.6 d.ts). */
const ONLINE_COUNT_EVERY_MS = 10_000

/** KICKED_OUT's `data.type` when the UserSig ran out (reference §6.2). */
const USERSIG_EXPIRED = 'userSigExpired'

/** The message a REST-only operation rejects with when no secret key is kept. */
export const NO_SECRET_KEY_MESSAGE =
  "Ban and the member list use Tencent's IM REST API as an App admin: save the IM app's " +
  'secret key in Room connection settings'

/**
 * A Tencent Cloud IM AVChatRoom as a RoomBackend (DESIGN.md, Room backends): `@tencentcloud/chat`
 * for the anchor's session (login, join, chat, mute, mute-all, live events) and the IM REST API
 * for what the client SDK cannot do in an AVChatRoom. The SDK reconnects on its own; its
 * NET_STATE_CHANGE becomes the console's connection state.
 */
export class TencentRoomBackend implements RoomBackend {
  readonly selfUserId: string
  private port: ChatPort | null = null
  private ready = false
  /** Why the SDK signed us out (KICKED_OUT's data.type), for the next call's error. */
  private signedOut: string | null = null
  private ownerId = ''
  private readonly admin: RoomAdminRest | null
  private readonly listeners = new Set<(event: RoomEvent) => void>()
  private readonly handlers: [SdkEventName, SdkEventHandler][] = []
  private readyTimer: NodeJS.Timeout | null = null
  private cancelCount: (() => void) | null = null
  private lastCount = -1
  private readonly now: () => number
  private readonly setTimer: SetTimer

  constructor(private readonly options: TencentBackendOptions) {
    this.selfUserId = options.userId
    this.now = options.now ?? Date.now
    this.setTimer = options.setTimer ?? realTimer
    this.admin = options.rest ? new RoomAdminRest(options.rest, options.groupId, this.now) : null
  }

  /**
   * Never emits `load`: Tencent's client SDK tells nobody what the frequency control offered or
   * shed (a shed message's sender is told it succeeded; only the app server's send-exception
   * callback learns of it, reference §1.1), so the delivery meter stays empty on this backend.
   */
  onEvent(listener: (event: RoomEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** login → SDK_READY → joinGroup (AVChatRoom) → getGroupProfile. */
  async start(): Promise<JoinedRoom> {
    const { groupId, userId } = this.options
    this.emit({ type: 'connection', state: 'connecting' })
    try {
      const port = await this.options.createPort()
      this.port = port
      const ready = this.waitForReady(port)
      // A failed login never waits for it; teardown clears its timer.
      ready.catch(() => {})
      this.listen(port)
      await port.login(userId, await this.options.userSig())
      await ready
      await port.joinGroup(groupId)
      const group = await port.getGroupProfile(groupId)
      this.ownerId = group.ownerID ?? ''
      this.signedOut = null
      const onlineCount = group.memberCount ?? 0
      this.lastCount = onlineCount
      this.emit({ type: 'connection', state: 'connected' })
      this.emit({ type: 'online-count', count: onlineCount })
      this.pollOnlineCount()
      return {
        roomId: group.groupID || groupId,
        name: group.name,
        onlineCount,
        // AVChatRoom keeps no history by default (reference §1); what arrives from now on shows.
        history: [],
        muteAll: group.muteAllMembers ?? false,
        notification: group.notification ?? '',
        introduction: group.introduction ?? '',
      }
    } catch (err) {
      await this.teardown()
      this.emit({ type: 'connection', state: 'disconnected' })
      throw toRoomError(err)
    }
  }

  async sendText(text: string): Promise<ChatMessage> {
    // The host's own lines go out at High (issue 9): a chat storm sheds viewers' lines first.
    const message = await this.call((port) => port.sendText(this.options.groupId, text, 'High'))
    return sdkTextToChat(message, this.selfUserId)
  }

  async mute(userId: string, seconds: number): Promise<number> {
    const startedAt = this.now()
    await this.call((port) => port.setGroupMemberMuteTime(this.options.groupId, userId, seconds))
    return seconds > 0 ? startedAt + seconds * 1000 : 0
  }

  async unmute(userId: string): Promise<void> {
    await this.mute(userId, 0)
  }

  async setMuteAll(on: boolean): Promise<void> {
    await this.call((port) => port.setMuteAllMembers(this.options.groupId, on))
  }

  /** With the secret key over REST; without it, the SDK's updateGroupProfile as the owner. */
  async setNotice(notification: string, introduction: string): Promise<void> {
    if (this.admin) return this.admin.setNotice(notification, introduction)
    await this.call((port) => port.setGroupNotice(this.options.groupId, notification, introduction))
  }

  /**
   * Out now, may come back. With the secret key: REST ban + unban (back at once, and any console
   * account may). Without it (UserSig from the business server, as in production): the SDK's
   * deleteGroupMember, which on an AVChatRoom is a ban of KICK_BAN_SECONDS and is the owner's.
   */
  async kick(userId: string, reason = ''): Promise<void> {
    if (this.admin) return this.admin.kick(userId, reason)
    await this.call((port) =>
      port.deleteGroupMember(this.options.groupId, userId, reason, KICK_BAN_SECONDS),
    )
  }

  async ban(userId: string, seconds: number, reason = ''): Promise<number> {
    return this.rest().ban(userId, seconds, reason)
  }

  async members(): Promise<MemberList> {
    return this.rest().members(this.ownerId)
  }

  /** REST group_msg_recall (the App admin's): the SDK cannot recall an AVChatRoom message. */
  recall(sequence: number, reason = ''): Promise<void> {
    return this.rest().recall(sequence, reason)
  }

  async stop(): Promise<void> {
    const hadPort = this.port !== null
    await this.teardown()
    if (hadPort) this.emit({ type: 'connection', state: 'disconnected' })
  }

  private rest(): RoomAdminRest {
    if (!this.admin) {
      throw new RoomError(ErrorCode.needsAppAdmin, NO_SECRET_KEY_MESSAGE, undefined, {
        reason: 'noSecretKey',
      })
    }
    return this.admin
  }

  /** Runs an SDK call once logged in; the SDK's `{code, message}` becomes a RoomError. */
  private async call<T>(operation: (port: ChatPort) => Promise<T>): Promise<T> {
    if (!this.port || !this.ready) {
      const why = this.signedOut ? ` (signed out: ${this.signedOut})` : ''
      throw new RoomError(ErrorCode.notLoggedIn, `Not logged in to Tencent IM${why}`, undefined, {
        reason: signedOutReason(this.signedOut),
      })
    }
    try {
      return await operation(this.port)
    } catch (err) {
      throw toRoomError(err)
    }
  }

  private waitForReady(port: ChatPort): Promise<void> {
    const timeoutMs = this.options.readyTimeoutMs ?? 15_000
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.readyTimer = null
        port.off(SdkEvent.SDK_READY, onReady)
        const seconds = Math.round(timeoutMs / 1000)
        reject(
          new RoomError(
            ContractCode.notConnected,
            `Tencent IM did not become ready within ${seconds} s of login`,
            undefined,
            { reason: 'imNotReady', seconds },
          ),
        )
      }, timeoutMs)
      this.readyTimer = timer
      const onReady = () => {
        clearTimeout(timer)
        this.readyTimer = null
        port.off(SdkEvent.SDK_READY, onReady)
        resolve()
      }
      port.on(SdkEvent.SDK_READY, onReady)
      this.handlers.push([SdkEvent.SDK_READY, onReady])
    })
  }

  private listen(port: ChatPort): void {
    const on = (event: SdkEventName, handler: SdkEventHandler) => {
      port.on(event, handler)
      this.handlers.push([event, handler])
    }
    on(SdkEvent.SDK_READY, () => {
      this.ready = true
    })
    on(SdkEvent.SDK_NOT_READY, () => {
      this.ready = false
      this.emit({ type: 'connection', state: 'disconnected' })
    })
    on(SdkEvent.KICKED_OUT, ({ data }) => {
      this.ready = false
      const type = (data as { type?: unknown } | null)?.type
      this.signedOut = typeof type === 'string' ? type : 'kicked out'
      if (type === USERSIG_EXPIRED) {
        // A long show outlives its UserSig: sign in again with a fresh one and rejoin. Being
        // signed in elsewhere (multipleAccount/multipleDevice) is the person's call, not ours.
        this.emit({ type: 'connection', state: 'reconnecting' })
        void this.signInAgain(port)
        return
      }
      this.emit({ type: 'connection', state: 'disconnected' })
    })
    on(SdkEvent.NET_STATE_CHANGE, ({ data }) => {
      // Before the join completes, start() owns the state ("connecting").
      if (!this.ready) return
      const state = netStateToConnection((data as { state?: unknown } | null)?.state)
      if (state) this.emit({ type: 'connection', state })
    })
    on(SdkEvent.MESSAGE_REVOKED, ({ data }) => {
      if (!Array.isArray(data)) return
      for (const message of data as (SdkMessage & { revoker?: string })[]) {
        if (message.to !== this.options.groupId || typeof message.sequence !== 'number') continue
        this.emit({
          type: 'message-recalled',
          sequence: message.sequence,
          operatorId: message.revoker ?? '',
        })
      }
    })
    on(SdkEvent.GROUP_ATTRIBUTES_UPDATED, ({ data }) => {
      for (const event of groupAttributesToEvents(data, this.options.groupId)) this.emit(event)
    })
    on(SdkEvent.MESSAGE_RECEIVED, ({ data }) => {
      if (!Array.isArray(data)) return
      const { groupId, appAdmin } = this.options
      for (const event of sdkMessagesToEvents(data, groupId, this.selfUserId, appAdmin)) {
        // The business host's count and the SDK's own read are one figure: the latest wins.
        if (event.type === 'online-count') {
          if (event.count === this.lastCount) continue
          this.lastCount = event.count
        }
        this.emit(event)
      }
    })
  }

  /** Reads the online count now and then; an answer that differs becomes an event. */
  private pollOnlineCount(): void {
    const every = this.options.onlineCountEveryMs ?? ONLINE_COUNT_EVERY_MS
    if (every <= 0) return
    const port = this.port
    this.cancelCount = this.setTimer(() => {
      this.cancelCount = null
      void this.readOnlineCount().then((count) => {
        // Stopped (or restarted with another port) meanwhile: this poll is over.
        if (!port || this.port !== port) return
        if (count !== null && count !== this.lastCount) {
          this.lastCount = count
          this.emit({ type: 'online-count', count })
        }
        this.pollOnlineCount()
      })
    }, every)
  }

  /**
   * The SDK's getGroupOnlineMemberCount (no secret key; reference §12); REST
   * get_online_member_num only when that fails and the key is kept. Null when neither answers:
   * the last count stands until the next read.
   */
  private async readOnlineCount(): Promise<number | null> {
    const port = this.port
    if (!port) return null
    try {
      return await port.getGroupOnlineMemberCount(this.options.groupId)
    } catch {
      if (!this.admin) return null
      return this.admin.onlineCount().catch(() => null)
    }
  }

  private async signInAgain(port: ChatPort): Promise<void> {
    try {
      const ready = this.waitForReady(port)
      ready.catch(() => {})
      await port.login(this.options.userId, await this.options.userSig())
      await ready
      await port.joinGroup(this.options.groupId)
      if (this.port !== port) return
      this.signedOut = null
      this.emit({ type: 'connection', state: 'connected' })
    } catch {
      if (this.port === port) this.emit({ type: 'connection', state: 'disconnected' })
    }
  }

  private async teardown(): Promise<void> {
    const port = this.port
    this.port = null
    this.ready = false
    this.cancelCount?.()
    this.cancelCount = null
    if (this.readyTimer) clearTimeout(this.readyTimer)
    this.readyTimer = null
    if (!port) return
    for (const [event, handler] of this.handlers.splice(0)) port.off(event, handler)
    // Logging out of a session that never started fails (SDK code 2024); nothing is left to undo.
    await port.logout().catch(() => {})
    await port.destroy().catch(() => {})
  }

  private emit(event: RoomEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}

/** Why a call finds the console signed out, for the renderer to word (KICKED_OUT's data.type). */
function signedOutReason(
  type: string | null,
): ErrorReason<typeof ErrorCode.notLoggedIn> | undefined {
  if (type === null) return undefined
  if (type === USERSIG_EXPIRED) return 'signingInAgain'
  return type === 'multipleAccount' || type === 'multipleDevice' ? 'signedInElsewhere' : 'signedOut'
}

/** The SDK rejects with `{code, message}` (its own or the server's code, reference §6.1). */
export function toRoomError(err: unknown): RoomError {
  if (err instanceof RoomError) return err
  if (typeof err === 'object' && err !== null) {
    const { code, message } = err as { code?: unknown; message?: unknown }
    if (typeof code === 'number') {
      return new RoomError(code, typeof message === 'string' && message ? message : `Error ${code}`)
    }
  }
  return new RoomError(ErrorCode.internal, err instanceof Error ? err.message : String(err))
}
