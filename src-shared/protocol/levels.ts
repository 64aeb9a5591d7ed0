/**
 * Viewer levels (issue 12 §3): the rules the anchor sets and sees, and the one formula the
 * business host and any client agree on. A day's points per kind are its count times its weight,
 * capped per day (so a day of spam or a bot left online stops paying); the level is 1 plus the
 * number of thresholds the total reached. The level rides in a message's CloudCustomData as
 * `{"level":n}` (the before-send callback writes it).
 */

export interface LevelRules {
  weights: { message: number; onlineMinute: number; like: number; gift: number }
  /** Points a kind may earn in one UTC day. */
  dailyCaps: { message: number; onlineMinute: number; like: number; gift: number }
  /** Points once, for a member (paid membership, fan club). */
  memberBonus: number
  /** Ascending totals for levels 2, 3, … */
  thresholds: number[]
}

export const defaultLevelRules: LevelRules = {
  weights: { message: 1, onlineMinute: 1, like: 0.1, gift: 1 },
  dailyCaps: { message: 50, onlineMinute: 120, like: 20, gift: 500 },
  memberBonus: 100,
  thresholds: [10, 30, 60, 100, 200, 400, 700, 1000, 2000],
}

export interface LevelDay {
  messages: number
  onlineMinutes: number
  likes: number
  gifts: number
}

export function pointsOf(days: readonly LevelDay[], member: boolean, rules: LevelRules): number {
  const { weights: w, dailyCaps: cap } = rules
  let total = member ? rules.memberBonus : 0
  for (const day of days) {
    total += Math.min(day.messages * w.message, cap.message)
    total += Math.min(day.onlineMinutes * w.onlineMinute, cap.onlineMinute)
    total += Math.min(day.likes * w.like, cap.like)
    total += Math.min(day.gifts * w.gift, cap.gift)
  }
  return total
}

export function levelOf(days: readonly LevelDay[], member: boolean, rules: LevelRules): number {
  const points = pointsOf(days, member, rules)
  return 1 + rules.thresholds.filter((threshold) => points >= threshold).length
}

/** The level a message's CloudCustomData carries, or undefined. */
export function levelInCloudData(data: string | undefined): number | undefined {
  if (!data) return undefined
  try {
    const value = (JSON.parse(data) as { level?: unknown }).level
    return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 1000
      ? value
      : undefined
  } catch {
    return undefined
  }
}
