import { z } from 'zod'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import type { ServerFrame } from '../../../src-shared/protocol/frames'
import type { ImRestClient } from './im-rest-client'
import type { BackendMember, JoinedRoom, RoomBackend, RoomEvent } from './room-backend'
import { RoomClient, RoomError } from './room-client'
import { wireToChat } from './wire-to-chat'

const GROUP_SVC = 'group_open_http_svc'
const AVCHATROOM_SVC = 'group_open_avchatroom_http_svc'
/** get_members pages read per refresh: enough for the console's list without flooding the API. */
const MAX_MEMBER_PAGES = 20

// The REST answers' fields this backend reads (reference §1, §3.2; docs/rest-api.md).
const MembersPage = z.object({
  MemberList: z.array(z.object({ Member_Account: z.string(), JoinTime: z.number() })).default([]),
  NextTimestamp: z.number().default(0),
  Mark: z.string().optional(),
})
const MutedAccounts = z.object({
  MutedAccountList: z
    .array(z.object({ Member_Account: z.string(), MutedUntil: z.number() }))
    .default([]),
})
const AdminList = z.object({
  AdminList: z.array(z.object({ Admin_Account: z.string() })).default([]),
})

export interface LocalBackendOptions {
  wsUrl: string
  sdkAppId: number
  roomId: string
  userId: string
  nick?: string
  /** Returns a fresh UserSig for every (re)login. */
  userSig: () => string
  /** The IM REST API as an App admin: kick, ban, mute-all and the member list go through it. */
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

  constructor(private readonly options: LocalBackendOptions) {
    this.selfUserId = options.userId
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
    const { message } = await this.connected().request({
      type: 'send',
      groupId: this.options.roomId,
      msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
    })
    return wireToChat(message, this.selfUserId)
  }

  async mute(userId: string, seconds: number): Promise<number> {
    const ack = await this.connected().request({
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

  async kick(userId: string, reason = ''): Promise<void> {
    await this.options.rest.call(GROUP_SVC, 'delete_group_member', {
      GroupId: this.options.roomId,
      MemberToDel_Account: [userId],
      Silence: 0,
      Reason: reason,
    })
  }

  async ban(userId: string, seconds: number, reason = ''): Promise<number> {
    const { rest, roomId } = this.options
    if (seconds === 0) {
      await rest.call(GROUP_SVC, 'unban_group_member', {
        GroupId: roomId,
        Members_Account: [userId],
      })
      return 0
    }
    const startedAt = Date.now()
    await rest.call(GROUP_SVC, 'ban_group_member', {
      GroupId: roomId,
      Members_Account: [userId],
      Duration: seconds,
      Description: reason,
    })
    return startedAt + seconds * 1000
  }

  async setMuteAll(on: boolean): Promise<void> {
    await this.options.rest.call(GROUP_SVC, 'modify_group_base_info', {
      GroupId: this.options.roomId,
      MuteAllMember: on ? 'On' : 'Off',
    })
  }

  async members(): Promise<BackendMember[]> {
    const { rest, roomId } = this.options
    const [online, muted, admins] = await Promise.all([
      this.onlineMembers(),
      rest.call(GROUP_SVC, 'get_group_muted_account', { GroupId: roomId }),
      rest.call(AVCHATROOM_SVC, 'get_admin_list', { GroupId: roomId }),
    ])
    const muteUntil = new Map(
      MutedAccounts.parse(muted).MutedAccountList.map((m) => [
        m.Member_Account,
        m.MutedUntil * 1000,
      ]),
    )
    const adminIds = new Set(AdminList.parse(admins).AdminList.map((a) => a.Admin_Account))
    return online.map(({ userId, joinTime }) => ({
      userId,
      joinTime,
      role:
        userId === this.ownerId
          ? ('Owner' as const)
          : adminIds.has(userId)
            ? ('Admin' as const)
            : ('Member' as const),
      muteUntil: muteUntil.get(userId) ?? 0,
    }))
  }

  /** get_members pages: `Timestamp` 0 first, then the previous answer's NextTimestamp and Mark. */
  private async onlineMembers(): Promise<{ userId: string; joinTime: number }[]> {
    const members: { userId: string; joinTime: number }[] = []
    let cursor: { Timestamp: number; Mark?: string } = { Timestamp: 0 }
    for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
      const answer = MembersPage.parse(
        await this.options.rest.call(AVCHATROOM_SVC, 'get_members', {
          GroupId: this.options.roomId,
          ...cursor,
        }),
      )
      for (const m of answer.MemberList) {
        members.push({ userId: m.Member_Account, joinTime: m.JoinTime * 1000 })
      }
      if (!answer.NextTimestamp) break
      cursor = { Timestamp: answer.NextTimestamp, ...(answer.Mark ? { Mark: answer.Mark } : {}) }
    }
    return members
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.client?.close()
    this.client = null
  }

  private connected(): RoomClient {
    if (!this.client?.isOpen)
      throw new RoomError(ErrorCode.notLoggedIn, 'Not connected to the room')
    return this.client
  }

  private async connect(): Promise<JoinedRoom> {
    const { wsUrl, sdkAppId, userId, nick, roomId } = this.options
    const client = new RoomClient(wsUrl)
    client.on('frame', (frame) => this.onFrame(frame))
    client.on('close', (code, reason) => this.onClose(client, code, reason))
    await client.open()
    this.client = client
    await client.login(sdkAppId, userId, this.options.userSig(), nick)
    const joined = await client.request({ type: 'join', groupId: roomId })
    this.retryDelay = this.options.retryMs ?? 500
    this.ownerId = joined.group.ownerId
    this.emit({ type: 'connection', state: 'connected' })
    this.emit({ type: 'online-count', count: joined.group.onlineCount })
    return {
      roomId: joined.group.groupId,
      name: joined.group.name,
      onlineCount: joined.group.onlineCount,
      history: joined.history.map((m) => wireToChat(m, this.selfUserId)),
      muteAll: joined.group.muteAllMembers ?? false,
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
        },
        () => {
          this.client?.close()
          this.client = null
          if (!this.stopped) this.scheduleReconnect()
        },
      )
    }, delay)
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'message':
        this.emit({ type: 'messages', messages: [wireToChat(frame.message, this.selfUserId)] })
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
      case 'group-profile-changed':
        if (frame.changes.muteAllMembers !== undefined) {
          this.emit({
            type: 'mute-all',
            on: frame.changes.muteAllMembers,
            operatorId: frame.operatorId,
          })
        }
        break
      default:
        break
    }
  }

  private emit(event: RoomEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
