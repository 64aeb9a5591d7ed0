import { z } from 'zod'
import { maxGiftCount } from './gift-catalogue'
import type { MsgElem } from './frames'

/**
 * Gifts and likes on the wire (docs/protocol.md "Gifts and likes", docs/business.md "Gifts"):
 *
 * - the order a viewer page sends the business host (`POST /business/gifts/orders`), and its
 *   answer;
 * - the room messages: one `TIMCustomElem` whose `Data` is the JSON of Tencent's TUIKit live-room
 *   gift and like messages (reference §12.1: `businessID` `TUIGift` / `TUIGift_like`), so viewers
 *   on Tencent's own kits (TUILiveKit ≤ 3.3) render them too. LiveDesk's combo fields sit in
 *   `data.gift.extInfo.liveDesk`, which those kits ignore.
 */

export const TUIGIFT = 'TUIGift'
export const TUIGIFT_LIKE = 'TUIGift_like'

/** Refusals of an order, beside Tencent's 10004 (bad fields) and 10010 (no such room). */
export const GiftErrorCode = {
  insufficientBalance: 1201,
  unknownGift: 1202,
  countOutOfRange: 1203,
  senderBanned: 1204,
  roomNotLive: 1205,
  /** The order id was used before for another gift, count or room. */
  orderIdReused: 1206,
  /** Only the room's owner and App admins read the feed and mark gifts thanked. */
  notRoomHost: 1207,
  /**
   * The external billing system did not answer in time, could not be reached or answered
   * something else: nothing was committed; retry with the same order id.
   */
  billingUnavailable: 1208,
  /** The external billing system refused (`data.reason`: `unknown-user` or `refused`). */
  billingRefused: 1209,
} as const
export type GiftErrorCodeValue = (typeof GiftErrorCode)[keyof typeof GiftErrorCode]

/** Client-chosen, so a retry of the same order is charged once. */
export const OrderId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/)

export const GiftOrderRequest = z.object({
  orderId: OrderId,
  groupId: z.string().min(1).max(48),
  giftId: z.string().min(1).max(64),
  count: z.number(),
})
export type GiftOrderRequest = z.infer<typeof GiftOrderRequest>

export const GiftOrderAnswer = z.object({
  orderId: z.string(),
  groupId: z.string(),
  giftId: z.string(),
  count: z.number().int(),
  price: z.number().int(),
  amount: z.number().int(),
  /** The wallet's balance after this order (after the first charge, for a repeat). */
  balance: z.number().int(),
  comboId: z.string(),
  /** True when this order id was charged before: nothing was charged this time. */
  repeated: z.boolean(),
})
export type GiftOrderAnswer = z.infer<typeof GiftOrderAnswer>

export const WalletAnswer = z.object({ userId: z.string(), balance: z.number().int() })
export type WalletAnswer = z.infer<typeof WalletAnswer>

/** A person in a TUIGift message; `level` is a string in Tencent's kits. */
export const TuiUser = z.object({
  userId: z.string(),
  userName: z.string(),
  avatarUrl: z.string(),
  level: z.string(),
})
export type TuiUser = z.infer<typeof TuiUser>

/** LiveDesk's own combo fields, in `data.gift.extInfo.liveDesk`. */
export const GiftComboInfo = z.object({
  comboId: z.string(),
  /** Gifts of the combo so far, this message's included. */
  comboTotal: z.number().int().positive(),
  /** The combo ended (no click for 3 s): no more messages for it. */
  final: z.boolean(),
  tier: z.enum(['small', 'large']).optional(),
})
export type GiftComboInfo = z.infer<typeof GiftComboInfo>

export const TuiGiftMessage = z.object({
  version: z.string(),
  businessID: z.literal(TUIGIFT),
  platform: z.string(),
  data: z.object({
    gift: z.object({
      giftId: z.string(),
      giftName: z.string(),
      imageUrl: z.string(),
      animationUrl: z.string(),
      price: z.number(),
      extInfo: z.object({ liveDesk: GiftComboInfo.optional() }).loose().optional(),
    }),
    /** The gifts this message adds (a combo's messages add up to its total). */
    giftCount: z.number().int().nonnegative().max(maxGiftCount),
    sender: TuiUser,
    receiver: TuiUser,
  }),
})
export type TuiGiftMessage = z.infer<typeof TuiGiftMessage>

/** Likes one message may carry (a client aggregates a short window of taps into one). */
export const maxLikesPerMessage = 100

export const TuiLikeMessage = z.object({
  version: z.string(),
  businessID: z.literal(TUIGIFT_LIKE),
  platform: z.string(),
  data: z.object({
    sender: TuiUser,
    /** LiveDesk: taps this message carries; Tencent's kits send one message per like (absent: 1). */
    likeCount: z.number().int().positive().max(maxLikesPerMessage).optional(),
    /** LiveDesk: the room's like total, written in by the business host's before-send rule. */
    totalLikeCount: z.number().int().nonnegative().optional(),
  }),
})
export type TuiLikeMessage = z.infer<typeof TuiLikeMessage>

export type GiftWireMessage = TuiGiftMessage | TuiLikeMessage

function parseJson(data: string | undefined): unknown {
  if (data === undefined) return undefined
  try {
    return JSON.parse(data) as unknown
  } catch {
    return undefined
  }
}

/** A TUIGift or TUIGift_like document in `TIMCustomElem.Data`, or undefined. */
export function parseGiftData(data: string | undefined): GiftWireMessage | undefined {
  const value = parseJson(data)
  const gift = TuiGiftMessage.safeParse(value)
  if (gift.success) return gift.data
  const like = TuiLikeMessage.safeParse(value)
  return like.success ? like.data : undefined
}

/** The gift or like a message's elements carry (its one TIMCustomElem), or undefined. */
export function giftMessageOf(msgBody: readonly MsgElem[]): GiftWireMessage | undefined {
  const custom = msgBody.find((elem) => elem.MsgType === 'TIMCustomElem')
  return custom?.MsgType === 'TIMCustomElem' ? parseGiftData(custom.MsgContent.Data) : undefined
}

/** True when `Data` claims to be a TUIGift message at all (parsed or not): for spotting forgeries. */
export function claimsTuiGift(data: unknown): boolean {
  if (typeof data !== 'string' || !data.includes(TUIGIFT)) return false
  const value = parseJson(data)
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { businessID?: unknown }).businessID === TUIGIFT
  )
}

/** The like message a viewer page sends (Low priority): `count` taps of one short window. */
export function encodeLike(sender: TuiUser, count: number): string {
  const message: TuiLikeMessage = {
    version: '1.0',
    businessID: TUIGIFT_LIKE,
    platform: 'Web',
    data: { sender, likeCount: count },
  }
  return JSON.stringify(message)
}
