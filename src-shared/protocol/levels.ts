import { z } from 'zod'

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

/**
 * What the anchor may set (issue 12 §3, the level-rules editor): bounds that keep a level a small
 * whole number (the badge reads up to 999) and a rule a person can reason about. Both the console
 * (as the anchor types) and the business host (before it saves) check with `checkLevelRules`.
 */
export const LEVEL_RULE_LIMITS = {
  maxWeight: 1000,
  maxCap: 1_000_000,
  maxBonus: 1_000_000,
  maxThreshold: 10_000_000,
  maxThresholds: 50,
} as const

/** Bad level rules: `params.field` (e.g. `weights.message`, `thresholds.2`) and `params.reason`. */
export const LevelRulesCode = { badRules: 12201 } as const

export type LevelRulesProblem =
  | 'notANumber'
  | 'negative'
  | 'tooLarge'
  | 'noThresholds'
  | 'tooManyThresholds'
  | 'notAscending'
  | 'notPositive'

export type LevelRulesCheck =
  { ok: true; rules: LevelRules } | { ok: false; field: string; reason: LevelRulesProblem }

const ruleKinds = ['message', 'onlineMinute', 'like', 'gift'] as const

/** The rules as given, or the first field that is wrong and why. */
export function checkLevelRules(input: unknown): LevelRulesCheck {
  const given = (input ?? {}) as Partial<Record<keyof LevelRules, unknown>>
  const number = (value: unknown, field: string, max: number): LevelRulesCheck | number => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return { ok: false, field, reason: 'notANumber' }
    }
    if (value < 0) return { ok: false, field, reason: 'negative' }
    if (value > max) return { ok: false, field, reason: 'tooLarge' }
    return value
  }
  const rules: LevelRules = {
    weights: { ...defaultLevelRules.weights },
    dailyCaps: { ...defaultLevelRules.dailyCaps },
    memberBonus: 0,
    thresholds: [],
  }
  for (const part of ['weights', 'dailyCaps'] as const) {
    const group = (given[part] ?? {}) as Record<string, unknown>
    for (const kind of ruleKinds) {
      const max = part === 'weights' ? LEVEL_RULE_LIMITS.maxWeight : LEVEL_RULE_LIMITS.maxCap
      const value = number(group[kind], `${part}.${kind}`, max)
      if (typeof value !== 'number') return value
      rules[part][kind] = value
    }
  }
  const bonus = number(given.memberBonus, 'memberBonus', LEVEL_RULE_LIMITS.maxBonus)
  if (typeof bonus !== 'number') return bonus
  rules.memberBonus = bonus
  const thresholds = given.thresholds
  if (!Array.isArray(thresholds) || thresholds.length === 0) {
    return { ok: false, field: 'thresholds', reason: 'noThresholds' }
  }
  if (thresholds.length > LEVEL_RULE_LIMITS.maxThresholds) {
    return { ok: false, field: 'thresholds', reason: 'tooManyThresholds' }
  }
  for (const [index, raw] of thresholds.entries()) {
    const field = `thresholds.${index}`
    const value = number(raw, field, LEVEL_RULE_LIMITS.maxThreshold)
    if (typeof value !== 'number') return value
    if (value === 0) return { ok: false, field, reason: 'notPositive' }
    const before = rules.thresholds.at(-1)
    if (before !== undefined && value <= before) return { ok: false, field, reason: 'notAscending' }
    rules.thresholds.push(value)
  }
  return { ok: true, rules }
}

/**
 * The rules' shape over the contract and HTTP: numbers where numbers go. The bounds and the order
 * of thresholds are `checkLevelRules`' (one stable code and the field, not a schema's words).
 */
export const LevelRulesShape = z.object({
  weights: z.object({
    message: z.number(),
    onlineMinute: z.number(),
    like: z.number(),
    gift: z.number(),
  }),
  dailyCaps: z.object({
    message: z.number(),
    onlineMinute: z.number(),
    like: z.number(),
    gift: z.number(),
  }),
  memberBonus: z.number(),
  thresholds: z.array(z.number()).max(1000),
})
