import { z } from 'zod'
import { AudienceView } from './audience'
import type { MsgElem } from './frames'
import { LotteryView } from './lottery'
import { RoomState } from './room-state'

/**
 * Custom messages the business host (src-main/liveroom/business, docs/business.md) sends to a room:
 * one `TIMCustomElem` whose `Data` is one of these JSON documents. `businessID` tells them apart,
 * as in Tencent's own live kits (TUIGift, reference §12.1), so a receiver tells ours from theirs
 * and from another app's by one field. `version` is the document's version: a receiver that sees
 * a newer one still reads the fields it knows (unknown fields are stripped, not refused).
 *
 * The viewer page and the console parse these; the business host builds them.
 */

export const BusinessId = {
  onlineCount: 'LiveDeskOnlineCount',
  roomState: 'LiveDeskRoomState',
  lottery: 'LiveDeskLottery',
  audience: 'LiveDeskAudience',
  moderation: 'LiveDeskModeration',
} as const

/**
 * The room's online count (the seed guide's second scheme for "online users of a live room"):
 * pushed every few seconds, only when it moved, sent online-only so it is not in a joiner's
 * history.
 */
export const OnlineCountMessage = z.object({
  businessID: z.literal(BusinessId.onlineCount),
  version: z.number().int().positive(),
  /** Members online in the group. */
  count: z.number().int().nonnegative(),
  /** Unix ms when the business host took the count (the message's own time is when it was sent). */
  time: z.number().int().nonnegative(),
})
export type OnlineCountMessage = z.infer<typeof OnlineCountMessage>

export const onlineCountVersion = 1

/**
 * The room's state changed (room-state.ts): sent High, so frequency control sheds it last; a
 * client that missed it recovers from the `room_state` group attribute.
 */
export const RoomStateMessage = RoomState.extend({
  businessID: z.literal(BusinessId.roomState),
  version: z.number().int().positive(),
})
export type RoomStateMessage = z.infer<typeof RoomStateMessage>

export const roomStateVersion = 1

/** A lottery opened, paused, resumed or was drawn (lottery.ts): the room's view of it. */
export const LotteryMessage = LotteryView.extend({
  businessID: z.literal(BusinessId.lottery),
  version: z.number().int().positive(),
})
export type LotteryMessage = z.infer<typeof LotteryMessage>

export const lotteryVersion = 1

/**
 * The room's audience figures (audience.ts): Low, online-only, at most one per 5 s and only when
 * a figure changed; a joiner reads GET /business/audience.
 */
export const AudienceMessage = AudienceView.extend({
  businessID: z.literal(BusinessId.audience),
  version: z.number().int().positive(),
})
export type AudienceMessage = z.infer<typeof AudienceMessage>

export const audienceVersion = 1

/**
 * A moderation action and who took it (issue 13 §4), for the room to show as a system line. The
 * room's own tips name the operator of the REST call (the console acts through the owner's session
 * or as the App admin), and Tencent's `forbid_send_msg`, `ban_group_member` and `group_msg_recall`
 * take no operator field (reference §3.2): so LiveDesk says who did it in its own layer, this
 * message, sent by the App admin (receivers believe it from nobody else).
 */
export const ModerationNotice = z.object({
  action: z.enum([
    'mute',
    'unmute',
    'kick',
    'ban',
    'unban',
    'delete-message',
    'mute-all',
    'unmute-all',
  ]),
  /** The person who took it: a moderator's or admin's own identity, or the owner's. */
  operatorId: z.string(),
  /** The name the owner gave the moderator's invite; '' for the owner. */
  operatorName: z.string().max(64),
  operatorRole: z.enum(['owner', 'admin', 'moderator']),
  /** Whom it was done to; '' for mute-all. */
  targetId: z.string(),
  /** Their nick as the console knew it (untrusted text), else their userId. */
  targetNick: z.string().max(128),
  /** How long a mute or ban lasts; 0 when it does not apply. */
  seconds: z.number().int().nonnegative(),
})
export type ModerationNotice = z.infer<typeof ModerationNotice>

export const ModerationMessage = ModerationNotice.extend({
  businessID: z.literal(BusinessId.moderation),
  version: z.number().int().positive(),
})
export type ModerationMessage = z.infer<typeof ModerationMessage>

export const moderationVersion = 1

export const BusinessMessage = z.discriminatedUnion('businessID', [
  OnlineCountMessage,
  RoomStateMessage,
  LotteryMessage,
  AudienceMessage,
  ModerationMessage,
])
export type BusinessMessage = z.infer<typeof BusinessMessage>

/** A `TIMCustomElem.Data` string for a business message. */
export function encodeBusinessMessage(message: BusinessMessage): string {
  return JSON.stringify(message)
}

/**
 * The business message a `TIMCustomElem.Data` carries, or undefined: not JSON, another
 * `businessID` (a gift, a like, another app's), or fields of the wrong shape.
 */
export function parseBusinessData(data: string | undefined): BusinessMessage | undefined {
  if (data === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch {
    return undefined
  }
  const parsed = BusinessMessage.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

/** The business message in a message's elements (its one TIMCustomElem), or undefined. */
export function businessMessageOf(msgBody: readonly MsgElem[]): BusinessMessage | undefined {
  const custom = msgBody.find((elem) => elem.MsgType === 'TIMCustomElem')
  return custom?.MsgType === 'TIMCustomElem' ? parseBusinessData(custom.MsgContent.Data) : undefined
}
