import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  commitmentOf,
  drawOrder,
  LOTTERY_ALGORITHM,
  normalizeKeyword,
  sortEntrants,
  verifyLottery,
  type LotteryResult,
} from '../../../../../src-main/liveroom/business/lottery/lottery-draw'

const person = (userId: string) => ({ userId, nick: userId })
/** Seeds anyone can rebuild: SHA-256 of "seed-<i>". */
const seedOf = (i: number) => createHash('sha256').update(`seed-${i}`).digest('hex')

describe('the lottery draw (LIVEDESK-SHA256-FY-1)', () => {
  it('gives every eligible entrant the same chance over many seeded draws', () => {
    const entrants = ['ann', 'bo', 'cy', 'di', 'ed'].map(person)
    const draws = 20_000
    const wins = new Map<string, number>()
    const seconds = new Map<string, number>()
    for (let i = 0; i < draws; i++) {
      const [first, second] = drawOrder(seedOf(i), entrants)
      wins.set(first!.userId, (wins.get(first!.userId) ?? 0) + 1)
      seconds.set(second!.userId, (seconds.get(second!.userId) ?? 0) + 1)
    }
    // Expected 4,000 each, standard deviation √(20000·0.2·0.8) ≈ 57: within 5 of them.
    for (const entrant of entrants) {
      expect(Math.abs((wins.get(entrant.userId) ?? 0) - draws / 5)).toBeLessThan(285)
      expect(Math.abs((seconds.get(entrant.userId) ?? 0) - draws / 5)).toBeLessThan(285)
    }
  })

  it('does not depend on the order entries arrived in, and takes one entry per user', () => {
    const seed = seedOf(7)
    const a = drawOrder(seed, ['cy', 'ann', 'bo'].map(person))
    const b = drawOrder(seed, ['bo', 'cy', 'ann', 'bo'].map(person))
    expect(a).toEqual(b)
    expect(sortEntrants(['b', 'a', 'B', 'a'].map(person)).map((p) => p.userId)).toEqual([
      'B',
      'a',
      'b',
    ])
  })

  it('matches a keyword whatever its case, width and spaces', () => {
    expect(normalizeKeyword('Ｌｕｃｋｙ　Ｄｒａｗ')).toBe('luckydraw')
    expect(normalizeKeyword('I want the LUCKY draw!!')).toContain(normalizeKeyword('lucky draw'))
    expect(normalizeKeyword('추첨 ')).toBe('추첨')
  })

  it('verifies an exported result, with a redraw, and catches a changed seed, list or winner', () => {
    const seed = seedOf(3)
    const entrants = sortEntrants(['v1', 'v2', 'v3', 'v4', 'v5', 'v6'].map(person))
    const order = drawOrder(seed, entrants)
    const result: LotteryResult = {
      keyword: 'draw',
      commitment: commitmentOf(seed),
      seed,
      algorithm: LOTTERY_ALGORITHM,
      openedAt: 1,
      closedAt: 2,
      entrants,
      winners: order.slice(0, 2),
    }
    expect(verifyLottery(result)).toEqual({
      ok: true,
      winners: order.slice(0, 2).map((p) => p.userId),
    })
    // The first winner did not claim: the next of the same shuffle takes their place.
    const redrawn = { ...result, winners: [order[1]!, order[2]!], redrawn: [order[0]!] }
    expect(verifyLottery(redrawn).ok).toBe(true)

    expect(verifyLottery({ ...result, seed: seedOf(4) })).toMatchObject({ reason: 'commitment' })
    expect(verifyLottery({ ...result, entrants: [...entrants].reverse() })).toMatchObject({
      reason: 'entrants',
    })
    expect(verifyLottery({ ...result, winners: [order[2]!, order[1]!] })).toMatchObject({
      reason: 'winners',
    })
    expect(verifyLottery({ ...result, algorithm: 'mine' })).toMatchObject({ reason: 'algorithm' })
  })
})
