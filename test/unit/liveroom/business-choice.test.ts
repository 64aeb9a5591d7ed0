import { describe, expect, it } from 'vitest'
import { businessChoice } from '../../../src-main/liveroom'

describe('which business host a room has', () => {
  it('runs the built-in one by default, none when callbacks go to a URL, and what it is told', () => {
    expect(businessChoice({})).toEqual({})
    expect(businessChoice({ callbackUrl: 'http://127.0.0.1:9/callbacks/im' })).toBe(false)
    expect(businessChoice({ business: false })).toBe(false)
    expect(
      businessChoice({
        callbackUrl: 'http://127.0.0.1:9/x',
        business: { onlineCount: { periodMs: 1 } },
      }),
    ).toEqual({ onlineCount: { periodMs: 1 } })
  })
})
