import type { ChatMessage, ConnectionState } from '../../../src-shared/contract'
import type { Role, RoomLoad } from '../../../src-shared/protocol/frames'

/** What a backend tells the console about its room, in the console's own words. */
export type RoomEvent =
  | { type: 'messages'; messages: ChatMessage[] }
  | { type: 'online-count'; count: number }
  | { type: 'member-joined'; userId: string; nick: string; role: Role; joinTime: number }
  | { type: 'member-left'; userId: string }
  | { type: 'member-muted'; userId: string; muteUntil: number; operatorId: string }
  | { type: 'member-kicked'; userIds: string[]; operatorId: string; reason: string }
  | { type: 'member-banned'; userId: string; banUntil: number; operatorId: string }
  | { type: 'mute-all'; on: boolean; operatorId: string }
  | { type: 'connection'; state: ConnectionState }
  /** One frequency-control window of the room (the embedded room only; see room-load). */
  | { type: 'load'; load: RoomLoad }

export interface JoinedRoom {
  roomId: string
  name: string
  onlineCount: number
  /** Oldest first. */
  history: ChatMessage[]
  /** Tencent's MuteAllMember. */
  muteAll: boolean
}

/** An online member as the room's REST member list reports it. */
export interface BackendMember {
  userId: string
  role: Role
  /** Unix ms. */
  joinTime: number
  /** Unix ms; 0 when not muted. */
  muteUntil: number
}

/**
 * The console's single port to a live room (DESIGN.md, Room backends). `local` speaks the embedded
 * room's protocol; a `tencent` backend will sit behind the same interface. Failures reject with a
 * RoomError (Tencent's code and the room's words).
 */
export interface RoomBackend {
  readonly selfUserId: string
  /** Connects, logs in and joins; resolves once joined, rejects with a RoomError. */
  start(): Promise<JoinedRoom>
  sendText(text: string): Promise<ChatMessage>
  /** Seconds 0 unmutes. Resolves with the mute's end (Unix ms; 0 when unmuted). */
  mute(userId: string, seconds: number): Promise<number>
  unmute(userId: string): Promise<void>
  /** Removes the member from the room now; they may join again. */
  kick(userId: string, reason?: string): Promise<void>
  /** Removes the member and keeps them out for `seconds` (0 lifts the ban). Resolves with the
   * ban's end (Unix ms; 0 when lifted). */
  ban(userId: string, seconds: number, reason?: string): Promise<number>
  setMuteAll(on: boolean): Promise<void>
  /** Everyone online now, oldest join first, with their live mutes. */
  members(): Promise<BackendMember[]>
  onEvent(listener: (event: RoomEvent) => void): () => void
  stop(): Promise<void>
}
