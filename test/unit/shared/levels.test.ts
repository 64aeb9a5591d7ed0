import { describe, expect, it } from 'vitest'
import {
  defaultLevelRules,
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
