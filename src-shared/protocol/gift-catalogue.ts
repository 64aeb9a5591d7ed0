import { z } from 'zod'

/**
 * The gift catalogue (resources/gifts/catalogue.json, docs/business.md "Gifts"): what a viewer can
 * send, at what price in coins. The business host bills from it and serves it to the viewer page at
 * `GET /business/gifts/catalogue`; the console names gifts from the same list.
 */

/** Small gifts slide into the feed; large ones get a full-screen moment and a console spotlight. */
export const GiftTier = z.enum(['small', 'large'])
export type GiftTier = z.infer<typeof GiftTier>

export const GiftNames = z.object({
  en: z.string().trim().min(1).max(32),
  ko: z.string().trim().min(1).max(32),
  'zh-CN': z.string().trim().min(1).max(32),
})
export type GiftNames = z.infer<typeof GiftNames>

/** The largest count one order (or one combo message) may carry. */
export const maxGiftCount = 9999

export const GiftEntry = z.object({
  /** Stable: orders, the ledger and messages name the gift by it. */
  id: z.string().regex(/^[a-z0-9_-]{1,32}$/),
  names: GiftNames,
  /** Coins per gift. */
  price: z.number().int().positive().max(1_000_000),
  /** A file in resources/gifts/ (SVG or PNG, shipped: no remote URLs). */
  image: z.string().regex(/^[a-z0-9_-]{1,64}\.(svg|png)$/),
  tier: GiftTier,
})
export type GiftEntry = z.infer<typeof GiftEntry>

export const GiftCatalogueFile = z
  .object({
    version: z.literal(1),
    /** The counts the viewer's chooser offers (each 1–9,999). */
    presets: z.array(z.number().int().min(1).max(maxGiftCount)).min(1).max(10),
    gifts: z.array(GiftEntry).min(1).max(100),
  })
  .refine((file) => new Set(file.gifts.map((gift) => gift.id)).size === file.gifts.length, {
    message: 'two gifts share an id',
  })
export type GiftCatalogueFile = z.infer<typeof GiftCatalogueFile>

/** A gift as the business host serves it: its image as a URL under /business/. */
export const CatalogueGift = GiftEntry.omit({ image: true }).extend({ imageUrl: z.string() })
export type CatalogueGift = z.infer<typeof CatalogueGift>

export const GiftCatalogue = z.object({
  presets: z.array(z.number().int().min(1).max(maxGiftCount)),
  gifts: z.array(CatalogueGift),
})
export type GiftCatalogue = z.infer<typeof GiftCatalogue>

/** The gift's name in `locale` (English when the locale is not one of ours). */
export function giftName(gift: Pick<GiftEntry, 'names'>, locale: string): string {
  return locale === 'ko' || locale === 'zh-CN' ? gift.names[locale] : gift.names.en
}
