import { describe, expect, it } from 'vitest'
import {
  cleanForPatterns,
  foldForMatch,
  foldTerm,
  sourceSpan,
} from '../../../../../src-main/liveroom/business/filters/fold-text'

/** The evasions of issue 13 §1, in English, Korean and Chinese: each folds to the plain term. */
describe('folding text for the keyword filters', () => {
  const same = (term: string, spellings: string[]) => {
    for (const spelling of spellings)
      expect([spelling, foldTerm(spelling)]).toEqual([spelling, foldTerm(term)])
  }

  it('folds full-width and styled letters, case, invisibles, spacing and repeats (en)', () => {
    same('spam', [
      'SPAM',
      'ｓｐａｍ', // full-width
      '𝐬𝐩𝐚𝐦', // mathematical bold (NFKC)
      's\u200bp\u200da\u2060m', // zero-width space, joiner, word joiner
      's p a m',
      's.p-a_m',
      'sppppaaaam',
      'ѕраm', // Cyrillic ѕ, р, а
      'spám', // a combining accent
    ])
  })

  it('reads look-alike digits and signs as the letters they stand for', () => {
    same('shit', ['sh1t', '$hit', 'sh!t', '5h|t'])
    same('noob', ['n00b'])
    same('leet', ['1337'])
  })

  it('reads Hangul split into jamo, or spaced, as the syllables (ko)', () => {
    same('시발', ['ㅅㅣㅂㅏㄹ', '시 발', '시.발', '시\u200b발', 'ｼ발'.replace('ｼ', '시')])
    same('씨발', ['ㅆㅣㅂㅏㄹ'])
    // A final consonant and the same consonant typed loose are one letter.
    expect(foldTerm('각')).toBe(foldTerm('ㄱㅏㄱ'))
  })

  it('folds traditional Chinese to simplified (zh)', () => {
    same('发票', ['發票', '發 票', '发\u200b票'])
    same('赌博', ['賭博'])
    same('色情', ['色情'])
    // Beyond the 448 characters the hand-kept table had: OpenCC's table folds these too.
    same('赛车', ['賽車'])
    same('鸦片', ['鴉片'])
    same('浏览', ['瀏覽'])
    same('妳好', ['你好'])
  })

  it('keeps the way back to the original, for masking', () => {
    const original = 'hi ｓ p a m!'
    const folded = foldForMatch(original)
    const at = folded.text.indexOf(foldTerm('spam'))
    const [start, end] = sourceSpan(folded, at, at + foldTerm('spam').length)
    expect(original.slice(start, end)).toBe('ｓ p a m')
  })

  it('keeps spacing and digits for patterns, but not invisibles', () => {
    const clean = cleanForPatterns('Ｗｗｗ.ex\u200bample.com 123')
    expect(clean.text).toBe('Www.example.com 123')
    expect(clean.from.length).toBe(clean.text.length)
  })
})
