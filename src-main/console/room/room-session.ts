import type {
  ChatMessage,
  ConnectionState,
  EventName,
  EventPayload,
  MemberMute,
  RoomMember,
  RoomSnapshot,
} from '../../../src-shared/contract'
import type { Role } from '../../../src-shared/protocol/frames'
import type { RoomBackend, RoomEvent } from './room-backend'

/** How many chat lines the console keeps; the renderer keeps its own bounded window. */
export const MAX_CHAT_MESSAGES = 500
/** How many members the console remembers (online ones first, then the latest to leave). */
export const MAX_RECENT_MEMBERS = 200
/** REST times are whole seconds; a mute we know to the ms is not replaced by its rounded self. */
const REST_TIME_SLACK_MS = 1000

interface TrackedMember {
  userId: string
  nick: string
  role: Role
  joinTime: number
  online: boolean
  /** When we last saw them join or leave (Unix ms): the recent list keeps the latest. */
  seenAt: number
}

export type EmitEvent = <N extends EventName>(name: N, payload: EventPayload<N>) => void

/**
 * The console's view of its room: a bounded chat buffer, the online count, live mutes and bans,
 * mute-all, a bounded list of recent members and the connection state, kept from the backend's
 * events (and its REST member list) and mirrored to the renderer as contract events. Main is the
 * source of truth; the renderer asks for `snapshot()` and applies events.
 */
export class RoomSession {
  private readonly messages: ChatMessage[] = []
  private readonly messageIds = new Set<string>()
  private readonly mutes = new Map<string, number>()
  private readonly bans = new Map<string, number>()
  private readonly members = new Map<string, TrackedMember>()
  private muteAll = false
  private onlineCount = 0
  private connection: ConnectionState = 'connecting'
  private roomName = ''
  private unsubscribe: (() => void) | null = null

  constructor(
    private readonly backend: RoomBackend,
    private readonly roomId: string,
    private readonly viewerUrl: string,
    private readonly emit: EmitEvent,
    private readonly now: () => number = Date.now,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = this.backend.onEvent((event) => this.apply(event))
    const joined = await this.backend.start()
    this.roomName = joined.name
    this.onlineCount = joined.onlineCount
    this.muteAll = joined.muteAll
    this.addMessages(joined.history)
    try {
      await this.refreshMembers()
    } catch {
      // The list still fills from join events, and room:get-members asks again.
    }
  }

  snapshot(): RoomSnapshot {
    return {
      roomId: this.roomId,
      name: this.roomName,
      selfUserId: this.backend.selfUserId,
      onlineCount: this.onlineCount,
      connection: this.connection,
      messages: [...this.messages],
      mutes: this.liveMutes(),
      viewerUrl: this.viewerUrl,
      muteAll: this.muteAll,
      members: this.memberList(),
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
    return { userId, muteUntil }
  }

  async unmute(userId: string): Promise<MemberMute> {
    await this.backend.unmute(userId)
    this.setMute(userId, 0)
    return { userId, muteUntil: 0 }
  }

  async kick(userId: string, reason?: string): Promise<{ userId: string }> {
    await this.backend.kick(userId, reason)
    this.markLeft(userId)
    return { userId }
  }

  async ban(
    userId: string,
    seconds: number,
    reason?: string,
  ): Promise<{ userId: string; banUntil: number }> {
    const banUntil = await this.backend.ban(userId, seconds, reason)
    this.setBan(userId, banUntil)
    if (banUntil > this.now()) this.markLeft(userId)
    // The room may not push anything for a ban; every console window still has to hear of it.
    this.emit('moderation:member-banned', { userId, banUntil, operatorId: this.backend.selfUserId })
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
    const { members: online, missing } = await this.backend.members()
    // A part the room would not give (room-backend.ts, MemberList) leaves what we know alone.
    const [noList, noRoles, noMutes] = (['members', 'admins', 'mutes'] as const).map((part) =>
      missing.some((m) => m.part === part),
    )
    const now = this.now()
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
    return this.memberList()
  }

  async stop(): Promise<void> {
    this.unsubscribe?.()
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
        this.onlineCount = event.count
        this.emit('room:online-count-changed', { count: event.count })
        break
      case 'member-joined': {
        const { userId, nick, role, joinTime } = event
        this.members.set(userId, { userId, nick, role, joinTime, online: true, seenAt: joinTime })
        this.trimMembers()
        this.emit('room:member-joined', { userId, nick, role, joinTime })
        break
      }
      case 'member-left':
        this.markLeft(event.userId)
        this.emit('room:member-left', { userId: event.userId })
        break
      case 'member-kicked':
        for (const userId of event.userIds) this.markLeft(userId)
        this.emit('room:member-kicked', {
          userIds: event.userIds,
          operatorId: event.operatorId,
          reason: event.reason,
        })
        break
      case 'member-banned':
        this.setBan(event.userId, event.banUntil)
        if (event.banUntil > this.now()) this.markLeft(event.userId)
        this.emit('moderation:member-banned', {
          userId: event.userId,
          banUntil: event.banUntil,
          operatorId: event.operatorId,
        })
        break
      case 'mute-all':
        this.applyMuteAll(event.on, event.operatorId)
        break
      case 'member-muted':
        this.setMute(event.userId, event.muteUntil)
        this.emit('moderation:member-muted', {
          userId: event.userId,
          muteUntil: event.muteUntil,
          operatorId: event.operatorId,
        })
        break
      case 'member-role-changed':
        for (const userId of event.userIds) {
          const member = this.members.get(userId)
          if (member) member.role = event.role
        }
        break
      case 'connection':
        this.connection = event.state
        this.emit('room:connection-changed', { state: event.state })
        break
      case 'load':
        this.emit('room:load-changed', event.load)
        break
    }
  }

  /** Adds the messages not seen yet, in sequence order; returns those added. */
  private addMessages(incoming: ChatMessage[]): ChatMessage[] {
    const added = incoming.filter((m) => !this.messageIds.has(m.id))
    if (!added.length) return added
    for (const m of added) {
      this.messageIds.add(m.id)
      // REST member lists carry no nicks; a chat line names its sender.
      const member = this.members.get(m.from)
      if (member && m.nick && member.nick === member.userId) member.nick = m.nick
    }
    this.messages.push(...added)
    this.messages.sort((a, b) => a.sequence - b.sequence)
    const excess = this.messages.length - MAX_CHAT_MESSAGES
    if (excess > 0) {
      for (const dropped of this.messages.splice(0, excess)) this.messageIds.delete(dropped.id)
    }
    return added
  }

  private setMute(userId: string, muteUntil: number): void {
    if (muteUntil > this.now()) this.mutes.set(userId, muteUntil)
    else this.mutes.delete(userId)
  }

  private setBan(userId: string, banUntil: number): void {
    if (banUntil > this.now()) this.bans.set(userId, banUntil)
    else this.bans.delete(userId)
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
    member.seenAt = this.now()
  }

  /** Past the bound, forget those who left longest ago; then, if still over, the oldest joins. */
  private trimMembers(): void {
    let excess = this.members.size - MAX_RECENT_MEMBERS
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
    const now = this.now()
    return [...this.members.values()]
      .sort(
        (a, b) =>
          Number(b.online) - Number(a.online) ||
          (a.online ? b.joinTime - a.joinTime : b.seenAt - a.seenAt),
      )
      .map((m) => {
        const muteUntil = this.mutes.get(m.userId) ?? 0
        const banUntil = this.bans.get(m.userId) ?? 0
        return {
          userId: m.userId,
          nick: m.nick,
          role: m.role,
          joinTime: m.joinTime,
          muteUntil: muteUntil > now ? muteUntil : 0,
          banUntil: banUntil > now ? banUntil : 0,
          online: m.online,
        }
      })
  }

  private liveMutes(): MemberMute[] {
    const now = this.now()
    const live: MemberMute[] = []
    for (const [userId, muteUntil] of this.mutes) {
      if (muteUntil > now) live.push({ userId, muteUntil })
      else this.mutes.delete(userId)
    }
    return live
  }
}
