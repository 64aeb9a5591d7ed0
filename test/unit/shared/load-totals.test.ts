import { describe, expect, it } from 'vitest'
import { countsTotal, loadTotals, sumCounts, TIGHT_SHARE } from '../../../src-shared/contract'
import type { RoomLoad } from '../../../src-shared/protocol/frames'

type Counts = [number, number, number, number]
const counts = ([High, Normal, Low, Lowest]: Counts) => ({ High, Normal, Low, Lowest })
const window = (offered: Counts, shed: Counts = [0, 0, 0, 0]): RoomLoad => ({
  windowMs: 1000,
  cap: 40,
  offered: counts(offered),
  shed: counts(shed),
})

describe('loadTotals (the one tight-window rule main and the meter share)', () => {
  it('sums all four priorities', () => {
    expect(loadTotals(window([1, 2, 3, 4], [0, 0, 1, 2]))).toEqual({
      offered: 10,
      shed: 3,
      tight: true,
    })
  })

  it('counts a window as tight from TIGHT_SHARE of the cap, not one message below it', () => {
    const atShare = 40 * TIGHT_SHARE
    expect(loadTotals(window([0, atShare, 0, 0])).tight).toBe(true)
    expect(loadTotals(window([0, atShare - 1, 0, 0])).tight).toBe(false)
  })

  it('counts any shed message as tight, however little was offered', () => {
    expect(loadTotals(window([0, 0, 0, 1], [0, 0, 0, 1])).tight).toBe(true)
  })
})

describe('sumCounts and countsTotal (the 5-minute shed, per priority and in all)', () => {
  it('adds windows priority by priority, and totals them', () => {
    const sum = sumCounts([counts([0, 1, 5, 0]), counts([2, 0, 3, 9])])
    expect(sum).toEqual(counts([2, 1, 8, 9]))
    expect(countsTotal(sum)).toBe(20)
  })

  it('is all zeros for no windows, without sharing one object between calls', () => {
    const first = sumCounts([])
    expect(first).toEqual(counts([0, 0, 0, 0]))
    first.Low = 4
    expect(sumCounts([])).toEqual(counts([0, 0, 0, 0]))
  })
})
