import { z } from 'zod'

/** The embedded room's gift settings (the console's "Gifts" panel; issue 11 §2). */
export const GiftSettings = z
  .object({
    /** Coins a viewer's new wallet starts with; wallets already open keep theirs. */
    startingBalance: z.number().int().min(0).max(1_000_000_000),
  })
  .strict()
export type GiftSettings = z.infer<typeof GiftSettings>

export const defaultGiftSettings: GiftSettings = { startingBalance: 10_000 }
