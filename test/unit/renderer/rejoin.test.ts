import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../../src-shared/protocol/codes'
import {
  FIRST_DELAY_MS,
  MAX_ATTEMPTS,
  MAX_DELAY_MS,
  rejoinDelay,
  rejoinsAfter,
} from '../../../src-renderer/viewer/rejoin'

describe('the viewer page rejoining by itself', () => {
  it('rejoins after a drop for falling behind, a lost network or a server going away', () => {
    for (const code of [CloseCode.slowConsumer, CloseCode.goingAway, 1006, 1012]) {
      expect(rejoinsAfter(code)).toBe(true)
    }
  })

  it('leaves kicks, bans, replaced logins and refusals to the person', () => {
    for (const code of [
      CloseCode.normal,
      CloseCode.kickedByAdmin,
      CloseCode.replaced,
      CloseCode.userSigExpired,
      CloseCode.protocolVersion,
      CloseCode.tooBig,
      4008,
    ]) {
      expect(rejoinsAfter(code)).toBe(false)
    }
  })

  it('waits twice as long each time, between half and all of the step, up to 30 s', () => {
    expect(rejoinDelay(0, () => 0)).toBe(FIRST_DELAY_MS / 2)
    expect(rejoinDelay(0, () => 1)).toBe(FIRST_DELAY_MS)
    expect(rejoinDelay(1, () => 1)).toBe(2 * FIRST_DELAY_MS)
    expect(rejoinDelay(3, () => 0.5)).toBe(6_000)
    expect(rejoinDelay(MAX_ATTEMPTS - 1, () => 1)).toBe(MAX_DELAY_MS)
  })

  it('stops after the last attempt and waits for the person', () => {
    expect(rejoinDelay(MAX_ATTEMPTS)).toBeNull()
  })
})
