import { describe, expect, it } from 'vitest'
import {
  displayName,
  looksAlike,
  skeleton,
  withoutControls,
} from '../../../src-main/common/unicode-text'

describe('names that cannot disguise themselves', () => {
  it('folds full-width and styled letters (NFKC) and trims', () => {
    expect(displayName('  ＡＢＣ１２３ ')).toEqual({ ok: true, name: 'ABC123' })
    expect(displayName('𝐌𝐢𝐧𝐚')).toEqual({ ok: true, name: 'Mina' })
  })

  it('keeps real names in every script, and emoji with their joiners', () => {
    for (const name of ['민지', '小明', 'Nguyễn Thị', 'Zoë', 'अनुराग', 'محمد', '👨‍👩‍👧 family', '❤️']) {
      expect(displayName(name)).toEqual({ ok: true, name: name.normalize('NFKC') })
    }
  })

  it('refuses names made only of invisible characters', () => {
    for (const name of ['\u200b\u200b', '\u3164', '\ufeff', '\u{e0041}\u{e0042}', '\u115f\u1160']) {
      expect(displayName(name)).toEqual({ ok: false, problem: 'invisible' })
    }
    expect(displayName('   ')).toEqual({ ok: false, problem: 'empty' })
  })

  it('drops invisible characters inside a name', () => {
    expect(displayName('an\u200bchor')).toEqual({ ok: true, name: 'anchor' })
  })

  it('refuses control characters, text-direction overrides and lone surrogates', () => {
    expect(displayName('bad\u0007bell')).toEqual({ ok: false, problem: 'control' })
    expect(displayName('two\nlines')).toEqual({ ok: false, problem: 'control' })
    expect(displayName('\u202eevil')).toEqual({ ok: false, problem: 'direction' })
    expect(displayName('iso\u2067late')).toEqual({ ok: false, problem: 'direction' })
    expect(displayName('half\ud800')).toEqual({ ok: false, problem: 'malformed' })
  })

  it('refuses a letter buried under combining marks (31 of them), allows a few', () => {
    expect(displayName(`Z${'\u0301'.repeat(31)}algo`)).toEqual({ ok: false, problem: 'marks' })
    expect(displayName('e\u0301\u0302')).toMatchObject({ ok: true })
  })
})

describe('look-alikes (TR39 skeleton)', () => {
  it('finds a Cyrillic, digit or case look-alike of a name', () => {
    expect(looksAlike('аnchor', 'anchor')).toBe(true) // Cyrillic а
    expect(looksAlike('ANCH0R', 'anchor')).toBe(true)
    expect(looksAlike('аdministrаtor', 'administrator')).toBe(true)
    expect(looksAlike('ａｎｃｈｏｒ', 'anchor')).toBe(true)
  })

  it('tells different names apart', () => {
    expect(looksAlike('archer', 'anchor')).toBe(false)
    expect(looksAlike('민지', '민아')).toBe(false)
    expect(skeleton('小明')).toBe(skeleton('小明'))
  })
})

describe('chat text', () => {
  it('loses C0 and C1 controls, keeps tabs and line feeds', () => {
    expect(withoutControls('a\u0000b\u0007c\u001bd\u0085e\r\nf\tg')).toBe('abcde\nf\tg')
    expect(withoutControls('안녕하세요 👋')).toBe('안녕하세요 👋')
  })
})
