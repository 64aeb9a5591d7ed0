import { describe, expect, it } from 'vitest'
import { parseMuteDuration } from '../../../src-renderer/console/mute-duration'

describe('parseMuteDuration', () => {
  it('turns a whole number of minutes, hours or days into seconds', () => {
    expect(parseMuteDuration('15', 'minutes')).toEqual({ ok: true, seconds: 900 })
    expect(parseMuteDuration(' 2 ', 'hours')).toEqual({ ok: true, seconds: 7200 })
    expect(parseMuteDuration('3', 'days')).toEqual({ ok: true, seconds: 259_200 })
  })

  it('refuses what is not a whole number of at least 1', () => {
    for (const amount of ['', '0', '-1', '1.5', '1e3', 'ten', '٣']) {
      expect(parseMuteDuration(amount, 'minutes')).toEqual({
        ok: false,
        error: 'muteDuration.invalid',
      })
    }
  })

  it("refuses more than the room's longest mute (4294967295 s)", () => {
    expect(parseMuteDuration('49710', 'days')).toEqual({ ok: true, seconds: 4_294_944_000 })
    expect(parseMuteDuration('49711', 'days')).toEqual({ ok: false, error: 'muteDuration.tooLong' })
    expect(parseMuteDuration('9'.repeat(30), 'minutes')).toEqual({
      ok: false,
      error: 'muteDuration.tooLong',
    })
  })
})
