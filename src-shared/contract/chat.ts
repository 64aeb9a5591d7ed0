import { z } from 'zod'
import { Priority } from '../protocol/frames'

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
})
export type RoomSnapshot = z.infer<typeof RoomSnapshot>
