import { z } from 'zod'
import { GiftFeed } from '../protocol/gift-feed'

/**
 * The console's Gifts panel as main keeps it (src-main/console/gifts/gift-feed-service.ts): the
 * business host's feed, read as the room's owner. `available` is false where no business host of
 * ours serves the room (a Tencent room without one); `feed` is null until the first read.
 */
export const GiftsSnapshot = z.object({
  available: z.boolean(),
  feed: GiftFeed.nullable(),
  /** Unix ms this show's totals count from (when this console's session began). */
  since: z.number(),
})
export type GiftsSnapshot = z.infer<typeof GiftsSnapshot>
