import { describe, expect, it } from 'vitest'
import { manualClock } from '../../support/manual-clock'

describe('manual clock (the tests’ one fake clock)', () => {
  it('runs timers when time reaches them, in time order, with now() at each timer’s time', () => {
    const clock = manualClock(0)
    const seen: string[] = []
    clock.setTimer(() => seen.push(`b@${clock.now()}`), 20)
    clock.setTimer(() => seen.push(`a@${clock.now()}`), 10)
    clock.advance(5)
    expect(seen).toEqual([])
    clock.advance(20)
    expect(seen).toEqual(['a@10', 'b@20'])
    expect(clock.now()).toBe(25)
  })

  it('cancelling a timer that already ran leaves the others alone', () => {
    const clock = manualClock(0)
    const seen: string[] = []
    const cancelFirst = clock.setTimer(() => seen.push('first'), 10)
    clock.setTimer(() => seen.push('second'), 30)
    clock.advance(10)
    cancelFirst()
    cancelFirst()
    expect(clock.pending()).toBe(1)
    clock.advance(20)
    expect(seen).toEqual(['first', 'second'])
  })

  it('runs a timer set by another timer when its own time comes within the same advance', () => {
    const clock = manualClock(0)
    const seen: number[] = []
    clock.setTimer(() => {
      seen.push(clock.now())
      clock.setTimer(() => seen.push(clock.now()), 10)
    }, 10)
    clock.advance(25)
    expect(seen).toEqual([10, 20])
  })

  it('runs timers due at the same time in the order they were set', () => {
    const clock = manualClock(0)
    const seen: number[] = []
    for (const n of [1, 2, 3]) clock.setTimer(() => seen.push(n), 5)
    clock.advance(5)
    expect(seen).toEqual([1, 2, 3])
  })
})
