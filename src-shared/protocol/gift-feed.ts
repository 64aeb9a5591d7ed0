import { z } from 'zod'

/**
 * The console's gift feed as the business host serves it (`GET /business/gifts/feed`,
 * docs/business.md): the ledger's view, so a gift whose room message was shed still appears. One
 * entry per combo, newest first, updated in place while the combo runs.
 */

export const GiftFeedEntry = z.object({
  comboId: z.string(),
  userId: z.string(),
  nick: z.string(),
  giftId: z.string(),
  /** The gift's names from the catalogue (its id when the catalogue no longer has it). */
  names: z.object({ en: z.string(), ko: z.string(), 'zh-CN': z.string() }),
  /** The combo's gifts so far. */
  count: z.number().int(),
  /** Coins. */
  amount: z.number().int(),
  /** The combo ended (no click for 3 s). */
  final: z.boolean(),
  large: z.boolean(),
  startedAt: z.number(),
  lastAt: z.number(),
  /** When a console of the room marked it thanked (shared by every console), else null. */
  thankedAt: z.number().nullable(),
})
export type GiftFeedEntry = z.infer<typeof GiftFeedEntry>

export const TopGifter = z.object({
  userId: z.string(),
  nick: z.string(),
  amount: z.number().int(),
  gifts: z.number().int(),
})
export type TopGifter = z.infer<typeof TopGifter>

export const GiftFeed = z.object({
  groupId: z.string(),
  entries: z.array(GiftFeedEntry),
  /** This show's totals (since the `since` asked for). */
  totals: z.object({
    amount: z.number().int(),
    gifts: z.number().int(),
    senders: z.number().int(),
  }),
  top: z.object({ show: z.array(TopGifter), today: z.array(TopGifter) }),
  /** Entries of this show not yet marked thanked. */
  waiting: z.number().int(),
  /** Gifts billed in ended combos whose room messages no after-send callback confirmed. */
  shed: z.number().int(),
  likes: z.object({
    total: z.number().int(),
    /** Likes in the last minute. */
    lastMinute: z.number().int(),
  }),
})
export type GiftFeed = z.infer<typeof GiftFeed>

export const LikeTotal = z.object({ groupId: z.string(), total: z.number().int() })
export type LikeTotal = z.infer<typeof LikeTotal>
