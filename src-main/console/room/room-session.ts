import type {
  ChatMessage,
  ConnectionState,
  EventName,
  EventPayload,
  MemberMute,
  RoomSnapshot,
} from '../../../src-shared/contract'
import type { RoomBackend, RoomEvent } from './room-backend'

/** How many chat lines the console keeps; the renderer keeps its own bounded window. */
export const MAX_CHAT_MESSAGES = 500

export type EmitEvent = <N extends EventName>(name: N, payload: EventPayload<N>) => void

/**
 * The console's view of its room: a bounded chat buffer, the online count, live mutes and the
 * connection state, kept from the backend's events and mirrored to the renderer as contract
 * events. Main is the source of truth; the renderer asks for `snapshot()` and applies events.
 */
export class RoomSession {
  private readonly messages: ChatMessage[] = []
  private readonly messageIds = new Set<string>()
  private readonly mutes = new Map<string, number>()
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
    this.addMessages(joined.history)
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
      case 'member-joined':
        this.emit('room:member-joined', { userId: event.userId, nick: event.nick })
        break
      case 'member-left':
        this.emit('room:member-left', { userId: event.userId })
        break
      case 'member-muted':
        this.setMute(event.userId, event.muteUntil)
        this.emit('moderation:member-muted', {
          userId: event.userId,
          muteUntil: event.muteUntil,
          operatorId: event.operatorId,
        })
        break
      case 'connection':
        this.connection = event.state
        this.emit('room:connection-changed', { state: event.state })
        break
    }
  }

  /** Adds the messages not seen yet, in sequence order; returns those added. */
  private addMessages(incoming: ChatMessage[]): ChatMessage[] {
    const added = incoming.filter((m) => !this.messageIds.has(m.id))
    if (!added.length) return added
    for (const m of added) this.messageIds.add(m.id)
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
