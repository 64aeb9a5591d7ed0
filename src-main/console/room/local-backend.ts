import { chatLinesOf, readWire, wireToChat } from '../../../src-shared/contract/wire-to-chat'
import { BusinessId } from '../../../src-shared/protocol/business-messages'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { PROTOCOL_VERSION, type ClientFrameType } from '../../../src-shared/protocol/frames'
import {
  type Ack,
  type PushFrame,
  RoomClient,
  type RequestFrame,
} from '../../../src-shared/protocol/room-client'
import { roomStateOf } from '../../../src-shared/protocol/room-state'
import type { ImRestClient } from '../../common/im-rest-client'
import { RoomError } from '../../common/room-error'
import { nodeSocket } from '../../common/ws-socket'
import { RoomAdminRest } from './room-admin-rest'
import type { JoinedRoom, MemberList, RoomBackend, RoomEvent } from './room-backend'

export interface LocalBackendOptions {
  wsUrl: string
  sdkAppId: number
  roomId: string
  userId: string
  nick?: string
  /** Returns a fresh UserSig for every (re)login. */
  userSig: () => string
  /** The IM REST API as an App admin: ban, mute-all and the member list go through it. */
  rest: ImRestClient
  /** First reconnect delay; grows ×1.5 up to maxRetryMs. */
  retryMs?: number
  maxRetryMs?: number
}

/** The embedded live room as a RoomBackend: one WebSocket, re-logged-in and re-joined on drops. */
export class LocalRoomBackend implements RoomBackend {
  readonly selfUserId: string
  private client: RoomClient | null = null
  private readonly listeners = new Set<(event: RoomEvent) => void>()
  private stopped = false
  private retryTimer: NodeJS.Timeout | null = null
  private retryDelay: number
  private ownerId = ''
  private readonly admin: RoomAdminRest

  constructor(private readonly options: LocalBackendOptions) {
    this.selfUserId = options.userId
    this.admin = new RoomAdminRest(options.rest, options.roomId)
    this.retryDelay = options.retryMs ?? 500
  }

  onEvent(listener: (event: RoomEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async start(): Promise<JoinedRoom> {
    this.stopped = false
    this.emit({ type: 'connection', state: 'connecting' })
    return this.connect()
  }

  async sendText(text: string) {
    const { message } = await this.request({
      type: 'send',
      groupId: this.options.roomId,
      // The host's own lines go out at High (issue 9): a chat storm sheds viewers' lines first.
      priority: 'High',
      msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
    })
    return wireToChat(message, this.selfUserId)
  }

  async mute(userId: string, seconds: number): Promise<number> {
    const ack = await this.request({
      type: 'mute',
      groupId: this.options.roomId,
      userId,
      seconds,
    })
    return ack.muteUntil
  }

  async unmute(userId: string): Promise<void> {
    await this.mute(userId, 0)
  }

  /**
   * The owner's own `kick` frame, not REST: the embedded room refuses delete_group_member for an
   * AVChatRoom as Tencent does, and a REST kick (a short ban) would tell the viewer "banned until
   * …"; the frame tells them they were removed (`member-kicked`), and they may come back at once.
   */
  async kick(userId: string, reason = ''): Promise<void> {
    await this.request({ type: 'kick', groupId: this.options.roomId, userId, reason })
  }

  ban(userId: string, seconds: number, reason = ''): Promise<number> {
    return this.admin.ban(userId, seconds, reason)
  }

  setMuteAll(on: boolean): Promise<void> {
    return this.admin.setMuteAll(on)
  }

  /** The owner's own `recall` frame, so the room names the owner (not the App admin) as who did it. */
  async recall(sequence: number, reason = ''): Promise<void> {
    await this.request({ type: 'recall', groupId: this.options.roomId, sequence, reason })
  }

  setNotice(notification: string, introduction: string): Promise<void> {
    return this.admin.setNotice(notification, introduction)
  }

  members(): Promise<MemberList> {
    return this.admin.members(this.ownerId)
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.client?.close()
    this.client = null
  }

  /** A request to the room on the current connection; a refusal rejects with its RoomError. */
  private request<F extends RequestFrame>(frame: F, client = this.client) {
    if (!client?.isOpen) {
      return Promise.reject(new RoomError(ErrorCode.notLoggedIn, 'Not connected to the room'))
    }
    return client.request(frame).then(unwrap<F['type']>)
  }

  private async connect(): Promise<JoinedRoom> {
    const { wsUrl, sdkAppId, userId, nick, roomId } = this.options
    const client = new RoomClient({ url: wsUrl, connect: nodeSocket })
    client.on((frame) => this.onFrame(frame))
    client.onClose(({ code, reason }) => this.onClose(client, code, reason))
    if (!(await client.open())) {
      throw new RoomError(ErrorCode.notLoggedIn, `Could not connect to the room at ${wsUrl}`)
    }
    this.client = client
    await this.request(
      {
        type: 'login',
        version: PROTOCOL_VERSION,
        sdkAppId,
        userId,
        userSig: this.options.userSig(),
        ...(nick !== undefined ? { nick } : {}),
      },
      client,
    )
    const joined = await this.request({ type: 'join', groupId: roomId }, client)
    this.retryDelay = this.options.retryMs ?? 500
    this.ownerId = joined.group.ownerId
    this.emit({ type: 'connection', state: 'connected' })
    this.emit({ type: 'online-count', count: joined.group.onlineCount })
    return {
      roomId: joined.group.groupId,
      name: joined.group.name,
      onlineCount: joined.group.onlineCount,
      history: chatLinesOf(joined.history, this.selfUserId),
      muteAll: joined.group.muteAllMembers ?? false,
      ...roomStateOf(joined.group.groupAttributes),
      notification: joined.group.notification ?? '',
      introduction: joined.group.introduction ?? '',
    }
  }

  private onClose(client: RoomClient, _code: number, _reason: string): void {
    if (this.client !== client) return
    this.client = null
    if (this.stopped) {
      this.emit({ type: 'connection', state: 'disconnected' })
      return
    }
    this.emit({ type: 'connection', state: 'reconnecting' })
    this.scheduleReconnect()
  }

  private scheduleReconnect(): void {
    if (this.retryTimer) return
    const delay = this.retryDelay
    this.retryDelay = Math.min(this.retryDelay * 1.5, this.options.maxRetryMs ?? 10_000)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      if (this.stopped) return
      this.connect().then(
        (joined) => {
          this.emit({ type: 'messages', messages: joined.history })
          // Whatever changed while we were away: the join snapshot is the room's word now.
          this.emit({ type: 'mute-all', on: joined.muteAll, operatorId: '' })
          if (joined.roomState) this.emit({ type: 'room-state', state: joined.roomState })
        },
        () => {
          this.client?.close()
          this.client = null
          if (!this.stopped) this.scheduleReconnect()
        },
      )
    }, delay)
  }

  private onFrame(frame: PushFrame): void {
    switch (frame.type) {
      case 'message':
        {
          // The embedded room tells the console its count itself (online-count, each second), so
          // the business host's count message is not needed here; it is not a chat line either.
          const read = readWire(frame.message, this.selfUserId)
          if (read.kind === 'chat') this.emit({ type: 'messages', messages: [read.chat] })
          // The Gifts panel reads the business host's ledger; the Stage's danmaku, these messages.
          else if (read.kind === 'gift') {
            this.emit({ type: 'gift', gift: read.gift, from: frame.message.from, time: read.time })
          } else if (
            read.kind === 'business' &&
            read.business.businessID === BusinessId.roomState
          ) {
            this.emit({ type: 'room-state', state: read.business })
          } else if (read.kind === 'business' && read.business.businessID === BusinessId.lottery) {
            this.emit({ type: 'lottery', lottery: read.business })
          } else if (read.kind === 'business' && read.business.businessID === BusinessId.audience) {
            this.emit({ type: 'audience', audience: read.business })
          }
        }
        break
      case 'online-count':
        this.emit({ type: 'online-count', count: frame.count })
        break
      case 'members-changed':
        // The room coalesces joins and leaves into one notice a second and names at most 40 of
        // each (docs/protocol.md, "Membership notices"); the Members panel's refresh lists all.
        for (const userId of frame.left) this.emit({ type: 'member-left', userId })
        for (const { userId, nick, role, joinTime } of frame.joined) {
          this.emit({ type: 'member-joined', userId, nick, role, joinTime })
        }
        break
      case 'member-muted':
        this.emit({
          type: 'member-muted',
          userId: frame.userId,
          muteUntil: frame.muteUntil,
          operatorId: frame.operatorId,
        })
        break
      case 'member-kicked':
        this.emit({
          type: 'member-kicked',
          userIds: frame.userIds,
          operatorId: frame.operatorId,
          reason: frame.reason,
        })
        break
      case 'member-banned':
        for (const userId of frame.userIds) {
          this.emit({
            type: 'member-banned',
            userId,
            banUntil: frame.bannedUntil,
            operatorId: frame.operatorId,
          })
        }
        break
      case 'message-recalled':
        this.emit({
          type: 'message-recalled',
          sequence: frame.sequence,
          operatorId: frame.operatorId,
        })
        break
      case 'member-role-changed': {
        const { userIds, role, operatorId } = frame
        this.emit({ type: 'member-role-changed', userIds, role, operatorId })
        break
      }
      case 'group-attributes-changed': {
        const { roomState } = roomStateOf(frame.groupAttributes)
        if (roomState) this.emit({ type: 'room-state', state: roomState })
        break
      }
      case 'group-profile-changed':
        {
          const { name, notification, introduction } = frame.changes
          if (name !== undefined || notification !== undefined || introduction !== undefined) {
            this.emit({
              type: 'profile',
              ...(name !== undefined ? { name } : {}),
              ...(notification !== undefined ? { notification } : {}),
              ...(introduction !== undefined ? { introduction } : {}),
              operatorId: frame.operatorId,
            })
          }
        }
        if (frame.changes.muteAllMembers !== undefined) {
          this.emit({
            type: 'mute-all',
            on: frame.changes.muteAllMembers,
            operatorId: frame.operatorId,
          })
        }
        break
      case 'room-load': {
        const { windowMs, cap, offered, shed } = frame
        this.emit({ type: 'load', load: { windowMs, cap, offered, shed } })
        break
      }
      default:
        break
    }
  }

  private emit(event: RoomEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}

/** The protocol client's Ack as the RoomBackend's rule: the data, or a RoomError thrown. */
function unwrap<T extends ClientFrameType>(ack: Ack<T>) {
  if (ack.ok) return ack.data
  const data =
    typeof ack.data === 'object' && ack.data !== null
      ? (ack.data as Record<string, unknown>)
      : undefined
  throw new RoomError(ack.code, ack.message, data)
}
