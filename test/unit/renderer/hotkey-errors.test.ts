import { afterEach, describe, expect, it } from 'vitest'
import { errorMessage, hasWording } from '../../../src-renderer/shared/error-message'
import { setLocale } from '../../../src-renderer/shared/i18n'
import { HotkeyCode } from '../../../src-shared/contract/hotkeys'

afterEach(() => setLocale('en'))

describe('a refused shortcut in words (issue 15 §2)', () => {
  it('names the key and the action that holds it, in each language', () => {
    const error = {
      code: HotkeyCode.conflict,
      message: 'server words',
      params: { chord: 'Ctrl+Shift+L', action: 'show.record', other: 'show.goLive' },
    }
    expect(errorMessage(error)).toBe(
      'Ctrl+Shift+L is already the shortcut for “Go live / End”. Choose another key, or clear that one first.',
    )
    setLocale('ko')
    expect(errorMessage(error)).toContain('“방송 시작 / 종료”')
    setLocale('zh-CN')
    expect(errorMessage(error)).toContain('“开播 / 结束”')
  })

  it('says what a reserved key already does where it works', () => {
    expect(
      errorMessage({
        code: HotkeyCode.reserved,
        message: '',
        params: { chord: 'ArrowDown', fixed: 'chat.move' },
      }),
    ).toBe('ArrowDown already means “Previous / next line” there. Choose another key.')
  })

  it('has a general sentence for every code when the facts did not come', () => {
    for (const code of Object.values(HotkeyCode)) {
      expect(hasWording(code)).toBe(true)
      for (const locale of ['en', 'ko', 'zh-CN'] as const) {
        setLocale(locale)
        const words = errorMessage({ code, message: 'server words', params: { other: 'x.y' } })
        expect(words).not.toMatch(/[{}]|server words|Error 15/)
      }
    }
  })
})
