import { prototypeOf } from '../../../common/unicode-text'
import { toSimplified } from './han-fold'

/**
 * Chat text as the keyword filters compare it, with the way back to the text as sent (to mask
 * exactly what matched). People who want a word through a filter write it so a reader still
 * sees it: full-width or styled letters, a zero-width space inside it, "s h i t", "shiiiit",
 * "sh1t", a Cyrillic а, Hangul typed as loose jamo ("ㅅㅣㅂㅏㄹ" for 시발), the traditional form of
 * a simplified character. Each such trick folds away here, applied the same way to the rule's term
 * and to the message, so a term matches every spelling that reads like it.
 *
 * Folding is for comparing only (it over-matches on purpose: "l", "1" and "i" become one letter);
 * nothing folded is ever shown.
 */

/** A projection of a text: its characters, each with the span of the original it came from. */
export interface ProjectedText {
  /** The projected text. */
  readonly text: string
  /** For each UTF-16 unit of `text`, where its source starts in the original (UTF-16 index). */
  readonly from: readonly number[]
  /** …and where that source ends (exclusive). */
  readonly to: readonly number[]
}

const ignorable = /[\p{Default_Ignorable_Code_Point}\p{M}\u{e0000}-\u{e007f}]/u
const letterOrDigit = /[\p{L}\p{N}]/u
/** Scripts whose letters TR39's confusables would map onto other scripts' (ㅣ → 丨, 一 → ー). */
const ownScript = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u

/**
 * Digits and signs written for the letters they look like (leetspeak). "i", "l", "1", "|" and
 * "!" are one letter: each is written for the others.
 */
const lookAlike: Record<string, string> = {
  '0': 'o',
  '1': 'l',
  i: 'l',
  '|': 'l',
  '!': 'l',
  '3': 'e',
  '4': 'a',
  '@': 'a',
  '5': 's',
  $: 's',
  '7': 't',
  '8': 'b',
}

/**
 * Conjoining jamo (what NFKD makes of a syllable, and of compatibility jamo) as compatibility
 * jamo, with a final consonant folded to the same letter as an initial one: 발 (ㅂ ㅏ ᆯ) and
 * ㅂㅏㄹ typed as loose jamo then read alike.
 */
const initials = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ'
const finals = [
  'ㄱ',
  'ㄲ',
  'ㄱㅅ',
  'ㄴ',
  'ㄴㅈ',
  'ㄴㅎ',
  'ㄷ',
  'ㄹ',
  'ㄹㄱ',
  'ㄹㅁ',
  'ㄹㅂ',
  'ㄹㅅ',
  'ㄹㅌ',
  'ㄹㅍ',
  'ㄹㅎ',
  'ㅁ',
  'ㅂ',
  'ㅂㅅ',
  'ㅅ',
  'ㅆ',
  'ㅇ',
  'ㅈ',
  'ㅊ',
  'ㅋ',
  'ㅌ',
  'ㅍ',
  'ㅎ',
]
function jamo(char: string): string | undefined {
  const code = char.codePointAt(0) ?? 0
  if (code >= 0x1100 && code <= 0x1112) return initials[code - 0x1100]
  if (code >= 0x1161 && code <= 0x1175) return String.fromCodePoint(0x314f + code - 0x1161)
  if (code >= 0x11a8 && code <= 0x11c2) return finals[code - 0x11a8]
  return undefined
}

/** One character of the original as the comparison sees it: zero, one or more characters. */
function foldChar(char: string): string {
  let out = ''
  for (const part of char.normalize('NFKD')) {
    if (ignorable.test(part)) continue
    const hangul = jamo(part)
    if (hangul !== undefined) {
      out += hangul
      continue
    }
    let mapped = part.toLowerCase()
    if (!ownScript.test(mapped) && mapped.charCodeAt(0) > 0x7f) {
      mapped = prototypeOf(mapped).normalize('NFKD').toLowerCase()
    } else if (ownScript.test(mapped)) mapped = toSimplified(mapped)
    for (const unit of mapped) {
      const alike = lookAlike[unit] ?? unit
      // Spaces, punctuation and symbols between letters ("s.h.i.t") carry no word.
      if (letterOrDigit.test(alike)) out += alike
    }
  }
  return out
}

/**
 * The text keyword terms are compared with: folded as described above, with runs of one letter
 * collapsed ("shiiiit" → "shlt", which is also what "shit" folds to).
 */
export function foldForMatch(original: string): ProjectedText {
  let text = ''
  const from: number[] = []
  const to: number[] = []
  let index = 0
  for (const char of original) {
    const start = index
    index += char.length
    for (const unit of foldChar(char)) {
      if (text.endsWith(unit)) {
        // A repeat: the letter before stands for it, and now reaches over it too.
        to[to.length - 1] = index
        continue
      }
      text += unit
      for (let i = 0; i < unit.length; i++) {
        from.push(start)
        to.push(index)
      }
    }
  }
  return { text, from, to }
}

/** A term as `foldForMatch` would see it inside a message. */
export function foldTerm(term: string): string {
  return foldForMatch(term).text
}

/**
 * The text regular expressions, links and spam checks see: NFKC and lower case (full-width and
 * styled letters fold), invisible characters gone; spacing, digits and repeats kept (a pattern
 * may be about them).
 */
export function cleanForPatterns(original: string): ProjectedText {
  let text = ''
  const from: number[] = []
  const to: number[] = []
  let index = 0
  for (const char of original) {
    const start = index
    index += char.length
    const clean = char.normalize('NFKC').replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    for (let i = 0; i < clean.length; i++) {
      from.push(start)
      to.push(index)
    }
    text += clean
  }
  return { text, from, to }
}

/** The span of the original behind units [start, end) of a projection. */
export function sourceSpan(projected: ProjectedText, start: number, end: number): [number, number] {
  return [projected.from[start] ?? 0, projected.to[end - 1] ?? 0]
}
