import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { normalizeNickname } from '../../../src-main/liveroom/nickname'

describe('normalizeNickname', () => {
  it('trims and keeps names of 1–32 characters, counting code points', () => {
    expect(normalizeNickname('  Min-ji  ')).toEqual({ ok: true, nick: 'Min-ji' })
    expect(normalizeNickname('😀'.repeat(32))).toEqual({ ok: true, nick: '😀'.repeat(32) })
    expect(normalizeNickname('👩‍💻 dev')).toMatchObject({ ok: true })
  })

  it('refuses empty, too long and control-character names with 10004', () => {
    for (const bad of [
      '',
      '   ',
      'x'.repeat(33),
      'a\tb',
      'a\u0000',
      'line\u2028break',
      'evil\u202etxt',
    ]) {
      expect(normalizeNickname(bad), JSON.stringify(bad)).toMatchObject({
        ok: false,
        code: ErrorCode.invalidParameter,
      })
    }
    expect(normalizeNickname('y'.repeat(40))).toMatchObject({
      message: expect.stringContaining('32'),
    })
  })
})
