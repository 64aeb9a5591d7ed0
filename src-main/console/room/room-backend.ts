import type { ChatMessage, ConnectionState } from '../../../src-shared/contract'

/** What a backend tells the console about its room, in the console's own words. */
export type RoomEvent =
  | { type: 'messages'; messages: ChatMessage[] }
  | { type: 'online-count'; count: number }
  | { type: 'member-joined'; userId: string; nick: string }
  | { type: 'member-left'; userId: string }
  | { type: 'member-muted'; userId: string; muteUntil: number; operatorId: string }
  | { type: 'connection'; state: ConnectionState }

export interface JoinedRoom {
  roomId: string
  name: string
  onlineCount: number
  /** Oldest first. */
  history: ChatMessage[]
}

/**
 * The console's single port to a live room (DESIGN.md, Room backends). `local` speaks the embedded
 * room's protocol; a `tencent` backend will sit behind the same interface.
 */
export interface RoomBackend {
  readonly selfUserId: string
  /** Connects, logs in and joins; resolves once joined, rejects with a RoomError. */
  start(): Promise<JoinedRoom>
  sendText(text: string): Promise<ChatMessage>
  /** Seconds 0 unmutes. Resolves with the mute's end (Unix ms; 0 when unmuted). */
  mute(userId: string, seconds: number): Promise<number>
  onEvent(listener: (event: RoomEvent) => void): () => void
  stop(): Promise<void>
}
