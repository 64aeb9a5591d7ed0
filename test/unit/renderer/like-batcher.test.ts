import { describe, expect, it } from 'vitest'
import { LikeBatcher } from '../../../src-renderer/viewer/gifts/like-batcher'
import { manualClock } from '../../support/manual-clock'

const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('the like batcher', () => {
  it('sends one message per window carrying every tap, and never drops a tap', async () => {
    const clock = manualClock()
    const sent: number[] = []
    let roomTakes = true
    const likes = new LikeBatcher({
      setTimer: clock.setTimer,
      send: async (count) => {
        sent.push(count)
        return roomTakes
      },
    })
    for (let i = 0; i < 7; i++) likes.tap()
    expect(sent).toEqual([])
    await clock.advanceAsync(500, settle)
    expect(sent).toEqual([7])
    // The room refuses (disconnected): the taps wait for the next window, with the new ones.
    roomTakes = false
    likes.tap()
    likes.tap()
    await clock.advanceAsync(500, settle)
    expect(sent).toEqual([7, 2])
    expect(likes.waiting).toBe(2)
    roomTakes = true
    likes.tap()
    await clock.advanceAsync(500, settle)
    expect(sent).toEqual([7, 2, 3])
    expect(likes.waiting).toBe(0)
    await clock.advanceAsync(5000, settle)
    expect(sent).toEqual([7, 2, 3])
  })

  it('splits more taps than one message may carry over several windows', async () => {
    const clock = manualClock()
    const sent: number[] = []
    const likes = new LikeBatcher({
      setTimer: clock.setTimer,
      send: async (count) => (sent.push(count), true),
      maxPerMessage: 100,
    })
    for (let i = 0; i < 250; i++) likes.tap()
    await clock.advanceAsync(1500, settle)
    expect(sent).toEqual([100, 100, 50])
  })
})
