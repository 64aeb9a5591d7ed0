import { z } from 'zod'

/**
 * Slow mode and shield mode (issue 13 §6): room-wide settings the business host enforces in the
 * before-send callback. The same shapes on the business HTTP API and in the contract.
 */

/**
 * The code a message refused by slow mode gets: Tencent passes 10100–10200 from a before-send
 * answer to the sender with its ErrorInfo (reference §5.2). LiveDesk's choice in that range.
 */
export const SLOW_MODE_CODE = 10110
/** Longest slow-mode interval, seconds. */
export const SLOW_MODE_MAX_SECONDS = 3600

export const ShieldPreset = z
  .object({
    /** Slow mode while the shield is up, seconds (0: leave slow mode as it is). */
    slowModeSeconds: z.number().int().min(0).max(SLOW_MODE_MAX_SECONDS).default(10),
    /** Refuse every link while the shield is up. */
    blockLinks: z.boolean().default(true),
    /** Hold a sender's first message in the room for review. */
    holdFirstTimeChatters: z.boolean().default(true),
  })
  .strict()
export type ShieldPreset = z.infer<typeof ShieldPreset>

export const RoomSafety = z.object({
  available: z.boolean(),
  /** Per-user minimum interval between messages, seconds; 0 is off. */
  slowModeSeconds: z.number().int().min(0).max(SLOW_MODE_MAX_SECONDS),
  shield: z.object({ on: z.boolean(), preset: ShieldPreset }),
})
export type RoomSafety = z.infer<typeof RoomSafety>

export const RoomSafetyChange = z
  .object({
    slowModeSeconds: z.number().int().min(0).max(SLOW_MODE_MAX_SECONDS).optional(),
    shieldOn: z.boolean().optional(),
    preset: ShieldPreset.optional(),
  })
  .strict()
export type RoomSafetyChange = z.input<typeof RoomSafetyChange>
