import { z } from 'zod'
import { Priority, PriorityCounts, Role, RoomLoad } from '../protocol/frames'
import { ModerationNotice } from '../protocol/business-messages'
import { LotteryView } from '../protocol/lottery'
import { RoomState } from '../protocol/room-state'
import { AudienceView } from '../protocol/audience'

/**
 * The room as the console shows it. Main's room session owns it (console/room/room-session.ts):
 * the renderer mirrors `RoomSnapshot` and applies the events that patch it, and keeps nothing of
 * its own beyond view state — so a console opened late shows what one open from the start shows.
 */

/**
 * Chat lines the console keeps (newest last): ten seconds of a 1,000 msg/s storm, or an evening of
 * an ordinary room (issue 15 §4). The list is virtualized; only the visible lines are in the DOM.
 */
export const CHAT_LIMIT = 10_000
/** Members remembered: online ones first, then the latest to leave. */
export const MEMBER_LIMIT = 200
/** How far back the delivery meter's shed and tight counts reach. */
export const SHED_WINDOW_MS = 5 * 60 * 1000
/** The share of the cap from which a window counts as tight (30 of Tencent's 40 a second). */
export const TIGHT_SHARE = 0.75

/** Messages over the four priorities. */
export function countsTotal(counts: PriorityCounts): number {
  return Priority.options.reduce((total, priority) => total + counts[priority], 0)
}

/** Per priority, the sum of several windows' counts. */
export function sumCounts(all: readonly PriorityCounts[]): PriorityCounts {
  const sum: PriorityCounts = { High: 0, Normal: 0, Low: 0, Lowest: 0 }
  for (const counts of all)
    for (const priority of Priority.options) sum[priority] += counts[priority]
  return sum
}

/** A frequency-control window's totals over the four priorities, and whether it was tight. */
export function loadTotals(load: RoomLoad): { offered: number; shed: number; tight: boolean } {
  const offered = countsTotal(load.offered)
  const shed = countsTotal(load.shed)
  return { offered, shed, tight: shed > 0 || offered >= load.cap * TIGHT_SHARE }
}

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
  /** The sender's level, as the business host wrote it into CloudCustomData (issue 12 §3). */
  level: z.number().int().positive().optional(),
  /** A moderation system line (business-messages.ts): worded by the page, not by `text`. */
  moderation: ModerationNotice.optional(),
})
export type ChatMessage = z.infer<typeof ChatMessage>

export const ConnectionState = z.enum(['connecting', 'connected', 'reconnecting', 'disconnected'])
export type ConnectionState = z.infer<typeof ConnectionState>

export const MemberMute = z.object({ userId: z.string(), muteUntil: z.number() })
export type MemberMute = z.infer<typeof MemberMute>

export const MemberBan = z.object({ userId: z.string(), banUntil: z.number() })
export type MemberBan = z.infer<typeof MemberBan>

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
  /**
   * Other recent members whose nick reads the same (the same text, or a look-alike by Unicode's
   * TR39 skeleton): a moderator acts on the one who is chatting, not a namesake. Absent when none.
   */
  namesakes: z.array(z.string()).optional(),
  /** The member's level (issue 12 §3): from their chat lines or the business host; absent when unknown. */
  level: z.number().int().positive().optional(),
  /** Whether the member has the level rules' membership flag; absent when unknown. */
  member: z.boolean().optional(),
})
export type RoomMember = z.infer<typeof RoomMember>

/** Who is in the room and who is held back: the Members panel and the chat's mute marks. */
export const RoomPeople = z.object({
  /** Recent members, online ones first (newest join first), then those who left (latest first). */
  members: z.array(RoomMember).max(MEMBER_LIMIT),
  /** Mutes that have not ended, of members and of people who left. */
  mutes: z.array(MemberMute),
  /** Bans that have not ended. */
  bans: z.array(MemberBan),
  /**
   * Parts of the list the room would not give at its last read (an edition without the
   * online-member list, reference §12): who is online, the admins, or the mutes; with the room's
   * code. Absent when the read was whole.
   */
  missing: z
    .array(z.object({ part: z.enum(['members', 'admins', 'mutes']), code: z.number().int() }))
    .optional(),
})
export type RoomPeople = z.infer<typeof RoomPeople>

export const OnlineStats = z.object({
  count: z.number().int(),
  /** The highest count since the console started. */
  peak: z.number().int(),
})
export type OnlineStats = z.infer<typeof OnlineStats>

/** The room's delivery budget (the embedded room reports it; Tencent's SDK does not). */
export const Delivery = z.object({
  /** The last frequency-control window reported; null until one is. */
  load: RoomLoad.nullable(),
  /**
   * Messages shed in the last 5 minutes, per priority: a burst is shed in a second, and the anchor
   * who looks a second later still sees what it cost, and whether it reached the gifts (High).
   */
  shedRecent: PriorityCounts,
  /**
   * Windows in the last 5 minutes that came near the cap (TIGHT_SHARE) or shed: while any is, the
   * meter's line keeps the 5-minute counts and its table by priority, so they do not come and go
   * with each busy second.
   */
  tightRecent: z.number().int().nonnegative(),
})
export type Delivery = z.infer<typeof Delivery>

/** One change of the group's name, notice or introduction, as the room told it. */
export const NoticeChange = z.object({
  /** Unix ms main heard of it. */
  at: z.number(),
  operatorId: z.string(),
  fields: z.array(z.enum(['name', 'notification', 'introduction'])),
  /** Set when no person made it: the room state's be-right-back swap (notice-follow.ts). */
  by: z.literal('room-state').optional(),
})
export type NoticeChange = z.infer<typeof NoticeChange>

/** Changes kept, newest last. */
export const NOTICE_HISTORY_LIMIT = 50

export const RoomNotice = z.object({
  notification: z.string(),
  introduction: z.string(),
  history: z.array(NoticeChange),
})
export type RoomNotice = z.infer<typeof RoomNotice>

export const RoomSnapshot = z.object({
  roomId: z.string(),
  name: z.string(),
  selfUserId: z.string(),
  connection: ConnectionState,
  viewerUrl: z.string(),
  /** Tencent's MuteAllMember: only the owner and admins may send while it is on. */
  muteAll: z.boolean(),
  /** Newest last, at most CHAT_LIMIT. */
  messages: z.array(ChatMessage),
  online: OnlineStats,
  people: RoomPeople,
  delivery: Delivery,
  /** The business host's room state (issue 12 §1); null until the room has one. */
  roomState: RoomState.nullable(),
  /** Tencent's Notification and Introduction (issue 12 §2), and who changed what when. */
  notice: RoomNotice,
  /** The room's current or last keyword lottery (issue 12 §4); null when there was none. */
  lottery: LotteryView.nullable(),
  /** Concurrent, unique and peak viewers and the heat (issue 12 §3); null until the host told them. */
  audience: AudienceView.nullable().default(null),
})
export type RoomSnapshot = z.infer<typeof RoomSnapshot>
