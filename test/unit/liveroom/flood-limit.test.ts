import { describe, expect, it } from 'vitest'
import {
  checkFloodLimit,
  defaultFloodLimit,
  FloodGate,
} from '../../../src-main/liveroom/flood-limit'

describe('flood limit', () => {
  it('allows 3 sends in 2 s, then blocks for 10 s without extending the block', () => {
    const gate = new FloodGate(defaultFloodLimit)
    expect([gate.take(0), gate.take(500), gate.take(1000)]).toEqual([0, 0, 0])
    expect(gate.take(1999)).toBe(11_999)
    expect(gate.take(11_998)).toBe(11_999)
    expect(gate.take(11_999)).toBe(0)
  })

  it('forgets sends older than the window', () => {
    const gate = new FloodGate(defaultFloodLimit)
    expect([gate.take(0), gate.take(1), gate.take(2)]).toEqual([0, 0, 0])
    expect(gate.take(2001)).toBe(0)
  })

  it('refuses settings that are not positive integers', () => {
    expect(() => checkFloodLimit({ messages: 0, windowMs: 1, blockMs: 1 })).toThrow(/messages/)
    expect(() => checkFloodLimit({ messages: 1, windowMs: 1.5, blockMs: 1 })).toThrow(/windowMs/)
  })
})
