import { CloseCode } from '../../src-shared/protocol/codes'

/**
 * When the viewer page joins again by itself, and how soon (issue 10: a slow client that falls
 * behind is dropped with 4007 and catches up by rejoining; the join's history fills the gap).
 *
 * Only for closes a rejoin cures: the server dropped a reader that fell behind, the network went
 * (1006), the server went away or restarts (1001, 1012). Never for a kick, a ban, a replaced
 * login or a protocol error — the person reads why and decides.
 *
 * The delay doubles from 1 s to 30 s with jitter, so ten thousand viewers dropped by one server
 * restart do not all knock at the same instant.
 */
const CURABLE = new Set<number>([CloseCode.slowConsumer, CloseCode.goingAway, 1006, 1012])

export const FIRST_DELAY_MS = 1_000
export const MAX_DELAY_MS = 30_000
/** After this many attempts in a row the page stops and waits for the person's "Rejoin". */
export const MAX_ATTEMPTS = 8

export function rejoinsAfter(closeCode: number): boolean {
  return CURABLE.has(closeCode)
}

/** The wait before attempt `attempt` (0 = the first), or null once the attempts are used up. */
export function rejoinDelay(attempt: number, random: () => number = Math.random): number | null {
  if (attempt >= MAX_ATTEMPTS) return null
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt)
  // Between half and all of the base: spread, but never sooner than half.
  return Math.round(base / 2 + (random() * base) / 2)
}
