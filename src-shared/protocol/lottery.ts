import { z } from 'zod'

/**
 * The keyword lottery (the seed's "화면 댓글을 기반으로 한 경품 추첨"), as the business host tells
 * it (src-main/liveroom/business/lottery): GET /business/lottery answers a LotteryView, and each
 * phase goes to the room as a High custom message (`LiveDeskLottery`, business-messages.ts). The
 * draw itself is documented in lottery-draw.ts; the seed is null until the draw reveals it.
 */

export const LotteryPerson = z.object({ userId: z.string(), nick: z.string() })
export type LotteryPerson = z.infer<typeof LotteryPerson>

export const LOTTERY_MIN_SECONDS = 10
export const LOTTERY_MAX_SECONDS = 600
export const LOTTERY_MAX_WINNERS = 100
export const LOTTERY_MAX_KEYWORD_CHARS = 32

export const LotteryView = z.object({
  id: z.string(),
  groupId: z.string(),
  keyword: z.string(),
  winnersCount: z.number().int().positive(),
  /** `open`: taking entries; `paused`: the room is paused, its clock stopped; `drawn`: done. */
  phase: z.enum(['open', 'paused', 'drawn']),
  openedAt: z.number().int(),
  /** Unix ms it closes; null while paused. */
  closesAt: z.number().int().nullable(),
  /** What was left of it when the room paused, ms. */
  remainingMs: z.number().int().nonnegative(),
  closedAt: z.number().int().nullable(),
  /** SHA-256 of the seed, told when it opens. */
  commitment: z.string(),
  /** Revealed with the winners. */
  seed: z.string().nullable(),
  algorithm: z.string(),
  minWatchSeconds: z.number().int().nonnegative(),
  entrantCount: z.number().int().nonnegative(),
  winners: z.array(LotteryPerson),
  redrawn: z.array(LotteryPerson),
})
export type LotteryView = z.infer<typeof LotteryView>

/** What the console asks to open (POST /business/lottery/open). */
export const LotteryOpen = z.object({
  keyword: z.string().trim().min(1).max(LOTTERY_MAX_KEYWORD_CHARS),
  winners: z.number().int().min(1).max(LOTTERY_MAX_WINNERS),
  durationSeconds: z.number().int().min(LOTTERY_MIN_SECONDS).max(LOTTERY_MAX_SECONDS),
  /** Off (0) by default. */
  minWatchSeconds: z.number().int().min(0).max(86_400).default(0),
})
export type LotteryOpen = z.infer<typeof LotteryOpen>

/** The exported result ("Export results"; lottery-verify reads it). */
export const LotteryResult = z.object({
  keyword: z.string(),
  commitment: z.string(),
  seed: z.string(),
  algorithm: z.string(),
  openedAt: z.number(),
  closedAt: z.number(),
  entrants: z.array(LotteryPerson),
  winners: z.array(LotteryPerson),
  redrawn: z.array(LotteryPerson).optional(),
})
export type LotteryResult = z.infer<typeof LotteryResult>

/** LiveDesk's codes for a refused lottery request, worded by the renderer (`error.lottery.*`). */
export const LotteryCode = {
  /** A lottery is already open in this room. */
  alreadyOpen: 12101,
  /** No lottery open (draw) or drawn (redraw, export) in this room. */
  noLottery: 12102,
  /** That user is not a winner (redraw), or nobody is left to draw. */
  noneLeft: 12103,
} as const

/** The result as CSV: one row per entrant, with whether they won. */
export function lotteryCsv(result: LotteryResult): string {
  const won = new Set(result.winners.map((winner) => winner.userId))
  const cell = (text: string) => `"${text.replace(/"/g, '""')}"`
  const rows = result.entrants.map(
    (entrant) => `${cell(entrant.userId)},${cell(entrant.nick)},${won.has(entrant.userId) ? 1 : 0}`,
  )
  return ['userId,nick,winner', ...rows].join('\r\n') + '\r\n'
}
