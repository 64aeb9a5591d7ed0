import { describe, expect, it } from 'vitest'
import {
  addPoints,
  checkHeatWeights,
  defaultHeatWeights as w,
  emptyScore,
  heatOf,
  pointsOf,
  scoreAt,
} from '../../../../src-main/liveroom/business/audience/room-heat'

describe('room heat', () => {
  it('is ten points a viewer in a silent room, whatever the time', () => {
    const score = emptyScore(0)
    expect(heatOf(20, score, 0, w)).toBe(200)
    expect(heatOf(20, score, 3_600_000, w)).toBe(200)
    expect(heatOf(0, score, 0, w)).toBe(0)
  })

  it('adds activity points that halve every half-life', () => {
    let score = emptyScore(0)
    for (let i = 0; i < 30; i++)
      score = addPoints(score, pointsOf('message', 1, w), 0, w.halfLifeMs)
    expect(heatOf(0, score, 0, w)).toBe(150)
    expect(heatOf(0, score, 60_000, w)).toBe(75)
    expect(heatOf(0, score, 180_000, w)).toBe(19)
    expect(heatOf(4, score, 120_000, w)).toBe(40 + 38)
  })

  it('sums events at different times as each decayed on its own', () => {
    // 100 points at 0 and 100 at 60 s: at 120 s, 25 + 50.
    let score = addPoints(emptyScore(0), 100, 0, w.halfLifeMs)
    score = addPoints(score, 100, 60_000, w.halfLifeMs)
    expect(scoreAt(score, 120_000, w.halfLifeMs)).toBeCloseTo(75, 9)
  })

  it('weighs likes and gift coins, and ignores what is not a positive amount', () => {
    expect(pointsOf('like', 12, w)).toBe(12)
    expect(pointsOf('gift', 520, w)).toBe(520)
    expect(pointsOf('message', 1, w)).toBe(5)
    expect(pointsOf('like', -3, w)).toBe(0)
    expect(pointsOf('gift', Number.NaN, w)).toBe(0)
  })

  it('does not grow when the clock is set back, and an event then still counts', () => {
    const score = addPoints(emptyScore(10_000), 40, 10_000, w.halfLifeMs)
    expect(scoreAt(score, 5_000, w.halfLifeMs)).toBe(40)
    expect(addPoints(score, 10, 5_000, w.halfLifeMs)).toEqual({ value: 50, at: 10_000 })
  })

  it('refuses weights that are negative or a half-life under 1 ms', () => {
    expect(() => checkHeatWeights({ ...w, like: -1 })).toThrow(/like/)
    expect(() => checkHeatWeights({ ...w, halfLifeMs: 0 })).toThrow(/halfLifeMs/)
    expect(checkHeatWeights(w)).toBe(w)
  })
})
