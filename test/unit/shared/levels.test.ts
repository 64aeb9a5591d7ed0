import { describe, expect, it } from 'vitest'
import {
  checkLevelRules,
  defaultLevelRules,
  LEVEL_RULE_LIMITS,
  levelInCloudData,
  levelOf,
  pointsOf,
} from '../../../src-shared/protocol/levels'

describe('viewer levels (issue 12 §3)', () => {
  const day = (
    over: Partial<{ messages: number; onlineMinutes: number; likes: number; gifts: number }>,
  ) => ({
    messages: 0,
    onlineMinutes: 0,
    likes: 0,
    gifts: 0,
    ...over,
  })

  it('caps each kind per day, so farming one kind stops paying', () => {
    const spam = [day({ messages: 10_000 })]
    expect(pointsOf(spam, false, defaultLevelRules)).toBe(defaultLevelRules.dailyCaps.message)
    const steady = Array.from({ length: 5 }, () => day({ messages: 20, onlineMinutes: 30 }))
    expect(pointsOf(steady, false, defaultLevelRules)).toBe(5 * (20 + 30))
    expect(levelOf([], false, defaultLevelRules)).toBe(1)
    expect(levelOf([], true, defaultLevelRules)).toBe(5)
  })

  it('reads a level from CloudCustomData only when it is a sane whole number', () => {
    expect(levelInCloudData('{"level":3,"color":"red"}')).toBe(3)
    expect(levelInCloudData('{"level":"99"}')).toBeUndefined()
    expect(levelInCloudData('{"level":1e9}')).toBeUndefined()
    expect(levelInCloudData('null')).toBeUndefined()
    expect(levelInCloudData('not json')).toBeUndefined()
  })
})

describe('checkLevelRules', () => {
  const good = {
    weights: { message: 1, onlineMinute: 0.5, like: 0.1, gift: 1 },
    dailyCaps: { message: 50, onlineMinute: 120, like: 20, gift: 500 },
    memberBonus: 100,
    thresholds: [10, 30, 60],
  }

  it('takes rules within the bounds as they are', () => {
    expect(checkLevelRules(good)).toEqual({ ok: true, rules: good })
  })

  it('names the first wrong field and why', () => {
    const bad = (change: Record<string, unknown>) => checkLevelRules({ ...good, ...change })
    expect(bad({ weights: { ...good.weights, like: -1 } })).toEqual({
      ok: false,
      field: 'weights.like',
      reason: 'negative',
    })
    expect(bad({ dailyCaps: { ...good.dailyCaps, gift: 'lots' } })).toMatchObject({
      field: 'dailyCaps.gift',
      reason: 'notANumber',
    })
    expect(bad({ memberBonus: LEVEL_RULE_LIMITS.maxBonus + 1 })).toMatchObject({
      field: 'memberBonus',
      reason: 'tooLarge',
    })
    expect(bad({ thresholds: [] })).toMatchObject({ field: 'thresholds', reason: 'noThresholds' })
    expect(bad({ thresholds: [10, 10] })).toMatchObject({
      field: 'thresholds.1',
      reason: 'notAscending',
    })
    expect(bad({ thresholds: [0, 10] })).toMatchObject({
      field: 'thresholds.0',
      reason: 'notPositive',
    })
    expect(bad({ thresholds: Array.from({ length: 51 }, (_, i) => i + 1) })).toMatchObject({
      reason: 'tooManyThresholds',
    })
    expect(bad({ weights: { ...good.weights, message: Number.NaN } })).toMatchObject({
      reason: 'notANumber',
    })
  })
})
