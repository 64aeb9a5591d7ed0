/**
 * Room heat (issue 12 §3): one number for how lively the room is now, from who is watching and
 * what they do, that falls again when the room goes quiet.
 *
 *     heat(t) = round( V · concurrent(t) + A(t) )
 *     A(t)    = Σ over events i before t of  p_i · 2^(−(t − t_i) / H)
 *     p_i     = M for a chat message, L per like, G per coin of gift value
 *
 * Defaults: V = 10, M = 5, L = 1, G = 1, half-life H = 60 s. So a room of 20 silent viewers has
 * heat 200; a burst of 30 messages adds 150 that halves every minute (75 after one, 19 after
 * three); a 520-coin crown adds 520 the same way. Viewers count as they are now, not decayed:
 * people watching quietly are the room's floor. The activity part is an exponentially decaying
 * sum — the "decaying window": an event's weight halves every H, so no hard edge where an event
 * falls out of a window makes the heat jump.
 *
 * `A` is kept as one value and the time it was taken (a DecayingScore), so the sum costs O(1) per
 * event and survives a restart as two numbers in SQLite.
 */

export interface HeatWeights {
  /** Points per member online now (V). */
  viewer: number
  /** Points per chat message (M). */
  message: number
  /** Points per like (L). */
  like: number
  /** Points per coin of gift value (G). */
  giftCoin: number
  /** Half-life of the activity points, ms (H). */
  halfLifeMs: number
}

export const defaultHeatWeights: HeatWeights = {
  viewer: 10,
  message: 5,
  like: 1,
  giftCoin: 1,
  halfLifeMs: 60_000,
}

/** The activity sum A at time `at` (Unix ms). */
export interface DecayingScore {
  value: number
  at: number
}

export const emptyScore = (at: number): DecayingScore => ({ value: 0, at })

/** A(now): the score decayed from its time to `now` (never grown: a clock set back holds it). */
export function scoreAt(score: DecayingScore, now: number, halfLifeMs: number): number {
  const elapsed = now - score.at
  if (elapsed <= 0) return score.value
  return score.value * 2 ** (-elapsed / halfLifeMs)
}

/** The score after `points` more at `now`. */
export function addPoints(
  score: DecayingScore,
  points: number,
  now: number,
  halfLifeMs: number,
): DecayingScore {
  const at = Math.max(now, score.at)
  return { value: scoreAt(score, at, halfLifeMs) + Math.max(0, points), at }
}

export type Activity = 'message' | 'like' | 'gift'

/** The points of `amount` of an activity (one message, `amount` likes, `amount` coins). */
export function pointsOf(kind: Activity, amount: number, weights: HeatWeights): number {
  if (!Number.isFinite(amount) || amount <= 0) return 0
  switch (kind) {
    case 'message':
      return amount * weights.message
    case 'like':
      return amount * weights.like
    case 'gift':
      return amount * weights.giftCoin
  }
}

/** heat(now) as a whole number. */
export function heatOf(
  concurrent: number,
  score: DecayingScore,
  now: number,
  weights: HeatWeights,
): number {
  const heat = weights.viewer * Math.max(0, concurrent) + scoreAt(score, now, weights.halfLifeMs)
  return Math.max(0, Math.round(heat))
}

/** Checks weights given as options; throws with the field's name (a programming error). */
export function checkHeatWeights(weights: HeatWeights): HeatWeights {
  for (const [name, value] of Object.entries(weights)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`audience.heat.${name} must be a finite number ≥ 0 (got ${String(value)})`)
    }
  }
  if (weights.halfLifeMs < 1) throw new Error('audience.heat.halfLifeMs must be at least 1 ms')
  return weights
}
