import { describe, expect, it } from 'vitest'
import { recentRate, type ChatLineData } from '../../../src-renderer/shared/chat-line'

const line = (n: number, time: number): ChatLineData => ({
  id: `m${n}`,
  from: 'u',
  nick: 'u',
  time,
  text: `line ${n}`,
  self: false,
})

describe('recentRate', () => {
  it('is 0 for an empty chat', () => {
    expect(recentRate([])).toBe(0)
  })

  it('counts the lines in the second up to the newest, not those before', () => {
    const lines = [line(0, 0), line(1, 500), line(2, 1_200), line(3, 1_900), line(4, 2_100)]
    expect(recentRate(lines)).toBe(3)
    expect(recentRate(lines, 2_000)).toBe(4)
  })

  it('counts a storm of 1,000 lines a second as 1,000, lines sharing a millisecond included', () => {
    const lines = Array.from({ length: 10_000 }, (_, n) => line(n, Math.floor(n / 2) * 2))
    expect(recentRate(lines)).toBe(1_000)
  })
})
