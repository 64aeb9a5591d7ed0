import { z } from 'zod'

/**
 * The review queue (issue 13 §2): messages a filter rule held, shared by every moderator's
 * console. The same shapes on the business HTTP API (`/business/review/…`) and in the contract.
 */

/** How long a claim keeps others off an item, ms. */
export const REVIEW_CLAIM_MS = 60_000
/** Items held longer than this expire (dropped: the sender was told it went), ms. */
export const REVIEW_EXPIRY_MS = 10 * 60_000

export const ReviewItem = z.object({
  id: z.number().int().positive(),
  /** The sender (UserID). */
  from: z.string(),
  /** The message's text elements, joined by line breaks (untrusted: rendered as text). */
  text: z.string(),
  /** The rule that held it; its term or pattern ('' when the rule is gone or has none). */
  ruleId: z.number().int(),
  rulePattern: z.string(),
  /** Unix ms. */
  heldAt: z.number(),
  /** Who holds the claim now ('' when nobody, or it lapsed), and until when (Unix ms). */
  claimedBy: z.string(),
  claimUntil: z.number(),
})
export type ReviewItem = z.infer<typeof ReviewItem>

export const ReviewSnapshot = z.object({
  available: z.boolean(),
  /** Waiting items, oldest first. */
  items: z.array(ReviewItem),
  /** The business host's clock when it answered (Unix ms): waits are measured against it. */
  now: z.number(),
})
export type ReviewSnapshot = z.infer<typeof ReviewSnapshot>

/**
 * What a claim or a decision came to. `already-handled`: another moderator approved or denied it
 * (or it expired) first — `by` says who, `state` what; `claimed`: another moderator's claim
 * holds it (`by`). Neither is an error: the moderator is told, in words, and moves on.
 */
export const ReviewOutcome = z.object({
  result: z.enum(['done', 'already-handled', 'claimed']),
  by: z.string(),
  state: z.enum(['held', 'approved', 'denied', 'expired']),
  snapshot: ReviewSnapshot,
})
export type ReviewOutcome = z.infer<typeof ReviewOutcome>

export const ReviewDecision = z.enum(['approve', 'deny'])
export type ReviewDecision = z.infer<typeof ReviewDecision>
