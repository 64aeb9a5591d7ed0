import { z } from 'zod'
import { Priority, Role } from '../protocol/frames'

/** A chat line as the console shows it. */
export const ChatMessage = z.object({
  id: z.string(),
  sequence: z.number().int(),
  from: z.string(),
  nick: z.string(),
  /** Unix ms. */
  time: z.number(),
  priority: Priority,
  type: z.string(),
  text: z.string(),
  /** True when the console's own user sent it. */
  self: z.boolean(),
})
export type ChatMessage = z.infer<typeof ChatMessage>

export const ConnectionState = z.enum(['connecting', 'connected', 'reconnecting', 'disconnected'])
export type ConnectionState = z.infer<typeof ConnectionState>

export const MemberMute = z.object({ userId: z.string(), muteUntil: z.number() })
export type MemberMute = z.infer<typeof MemberMute>

/** A member the console has seen recently: online now, or left/removed a while ago. */
export const RoomMember = z.object({
  userId: z.string(),
  /** The member's nick; the userId when the room never told us one. */
  nick: z.string(),
  role: Role,
  /** Unix ms of the (latest) join. */
  joinTime: z.number(),
  /** Unix ms; 0 when not muted. */
  muteUntil: z.number(),
  /** Unix ms; 0 when not banned. */
  banUntil: z.number(),
  online: z.boolean(),
})
export type RoomMember = z.infer<typeof RoomMember>

export const RoomSnapshot = z.object({
  roomId: z.string(),
  name: z.string(),
  selfUserId: z.string(),
  onlineCount: z.number().int(),
  connection: ConnectionState,
  /** Newest last, bounded. */
  messages: z.array(ChatMessage),
  /** Members whose mute has not yet expired. */
  mutes: z.array(MemberMute),
  viewerUrl: z.string(),
  /** Tencent's MuteAllMember: only the owner and admins may send while it is on. */
  muteAll: z.boolean(),
  /** Recent members, online ones first then the most recent leavers; bounded. */
  members: z.array(RoomMember),
})
export type RoomSnapshot = z.infer<typeof RoomSnapshot>
