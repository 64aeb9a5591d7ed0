import { describe, expect, it } from 'vitest'
import {
  type ComboFlush,
  ComboMerger,
} from '../../../../src-main/liveroom/business/gifts/gift-combo'
import { manualClock } from '../../../support/manual-clock'

const rose = { groupId: 'main', userId: 'v_ann', giftId: 'rose' }

function merger() {
  const clock = manualClock()
  const flushed: ComboFlush[] = []
  const ended: string[] = []
  let next = 0
  const combos = new ComboMerger({
    clock,
    flush: (message) => flushed.push(message),
    ended: (comboId) => ended.push(comboId),
    newComboId: () => `c${++next}`,
  })
  /** One click of `count` gifts, as the order desk would bill it. */
  const click = (count = 1, key = rose) => combos.add(key, combos.comboIdFor(key), count)
  return { clock, flushed, ended, combos, click }
}

describe('combo merging', () => {
  it('turns 99 quick clicks into 5 messages that add up to 99, the last one final', () => {
    const { clock, flushed, ended, click } = merger()
    for (let i = 0; i < 99; i++) {
      click()
      clock.advance(40) // 25 clicks a second
    }
    // The 20th, 40th, 60th and 80th clicks (t = 760, 1560, 2360, 3160) each send 20.
    expect(flushed.map((m) => m.count)).toEqual([20, 20, 20, 20])
    // The last 19 went on waiting from t = 3200; their window closes a second after t = 3160.
    clock.advance(4159 - 3960)
    expect(flushed).toHaveLength(4)
    clock.advance(1)
    expect(flushed.map((m) => m.count)).toEqual([20, 20, 20, 20, 19])
    expect(flushed.map((m) => m.total)).toEqual([20, 40, 60, 80, 99])
    expect(flushed.every((m) => !m.final)).toBe(true)
    expect(ended).toEqual([])
    clock.advance(3920 + 3000 - 4160) // 3 s after the last click: ended, and no "×0" message
    expect(flushed).toHaveLength(5)
    expect(new Set(flushed.map((m) => m.comboId))).toEqual(new Set(['c1']))
    expect(ended).toEqual(['c1'])
  })

  it('sends a single gift when its 1 s window closes, not when its combo ends 3 s later', () => {
    const { clock, flushed, ended, click } = merger()
    click()
    clock.advance(999)
    expect(flushed).toHaveLength(0)
    clock.advance(1)
    expect(flushed).toEqual([{ ...rose, comboId: 'c1', count: 1, total: 1, final: false }])
    expect(ended).toEqual([])
    clock.advance(2000)
    expect(ended).toEqual(['c1'])
    expect(flushed).toHaveLength(1)
  })

  it('sends the last gifts of a combo final when they wait at its end', () => {
    const { clock, flushed, ended, combos } = merger()
    const merge = new ComboMerger(
      {
        clock,
        flush: (message) => flushed.push(message),
        ended: (comboId) => ended.push(comboId),
        newComboId: () => 'long-window',
      },
      { everyMs: 5000 },
    )
    merge.add(rose, merge.comboIdFor(rose), 2)
    clock.advance(3000)
    expect(flushed).toEqual([{ ...rose, comboId: 'long-window', count: 2, total: 2, final: true }])
    expect(ended).toEqual(['long-window'])
    expect(combos.size).toBe(0)
    expect(clock.pending()).toBe(0) // the window's timer went with the combo
  })

  it('sends a preset 99 as one message carrying 99', () => {
    const { clock, flushed, click } = merger()
    click(99)
    expect(flushed).toEqual([{ ...rose, comboId: 'c1', count: 99, total: 99, final: false }])
    clock.advance(3000)
    expect(flushed).toHaveLength(1) // nothing left: no "×0" message for the end
  })

  it('sends what waits a second after the last message, and a late gift at once', () => {
    const { clock, flushed, click } = merger()
    click() // t=0: waits
    clock.advance(999)
    click() // t=999: still under a second
    expect(flushed).toHaveLength(0)
    clock.advance(1) // t=1000: a second since the combo began
    expect(flushed.map((m) => m.count)).toEqual([2])
    clock.advance(500)
    click()
    clock.advance(500) // a second since the last message
    expect(flushed.map((m) => m.count)).toEqual([2, 1])
    clock.advance(1500)
    click() // nothing waited; over a second since the last message: out at once
    expect(flushed.map((m) => m.count)).toEqual([2, 1, 1])
  })

  it('ends a combo after 3 s without a click; the next click starts a new one', () => {
    const { clock, flushed, ended, click } = merger()
    click()
    clock.advance(2999)
    click() // keeps the combo going
    clock.advance(2999)
    expect(ended).toEqual([])
    clock.advance(1)
    expect(ended).toEqual(['c1'])
    expect(flushed).toEqual([
      { ...rose, comboId: 'c1', count: 1, total: 1, final: false },
      { ...rose, comboId: 'c1', count: 1, total: 2, final: false },
    ])
    click()
    clock.advance(3000)
    expect(flushed.at(-1)).toMatchObject({ comboId: 'c2', count: 1, total: 1, final: false })
    expect(ended).toEqual(['c1', 'c2'])
  })

  it('keeps senders, gifts and rooms apart', () => {
    const { clock, flushed, click } = merger()
    click(1, rose)
    click(1, { ...rose, giftId: 'heart' })
    click(1, { ...rose, userId: 'v_bob' })
    click(1, { ...rose, groupId: 'other' })
    clock.advance(3000)
    expect(flushed.map((m) => m.comboId).sort()).toEqual(['c1', 'c2', 'c3', 'c4'])
    expect(flushed.every((m) => m.count === 1)).toBe(true)
  })

  it('sends a combo a restart interrupted with what it still owes, final', () => {
    const { flushed, ended, combos } = merger()
    combos.resume(rose, 'old', 7, 47)
    combos.resume(rose, 'done', 0, 40)
    expect(flushed).toEqual([{ ...rose, comboId: 'old', count: 7, total: 47, final: true }])
    expect(ended).toEqual(['old', 'done'])
  })

  it('puts orders of one key checked at the same time into one combo', () => {
    const { clock, flushed, combos } = merger()
    // Five orders each ask for their combo before any of them is billed.
    const ids = Array.from({ length: 5 }, () => combos.comboIdFor(rose))
    expect(new Set(ids)).toEqual(new Set(['c1']))
    for (const id of ids) combos.add(rose, id, 1)
    clock.advance(3000)
    expect(flushed).toEqual([{ ...rose, comboId: 'c1', count: 5, total: 5, final: false }])
    expect(combos.comboIdFor(rose)).toBe('c2')
  })
})
