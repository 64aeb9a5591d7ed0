import openccCharacters from 'opencc-js/dict/TSCharacters'

/**
 * Traditional → simplified Chinese for matching only: a filter term written in one script catches
 * the other ("發票" and "发票" are the same word to a reader). Character by character, with OpenCC's
 * own traditional→simplified character table (`opencc-js`, its TSCharacters dictionary: 3,512
 * characters, where the hand-kept table before it had 448, all of which OpenCC maps the same way).
 * Its phrase tables are left out: they matter for converting text people read, not for catching a
 * word, and cost a megabyte.
 *
 * The dictionary is OpenCC's `trad simp|trad simp|…` text; read once into a Map when the filters
 * load, so a message's fold is one lookup per character, as before (the `filters` bench).
 */

/** Pairs OpenCC leaves alone that a filter should still fold: 妳 is "you" written for a woman. */
const extra: Record<string, string> = { 妳: '你' }

const table = new Map<string, string>(Object.entries(extra))
for (const entry of openccCharacters.split('|')) {
  // An entry may offer several simplified forms; the first is OpenCC's default.
  const [traditional, simplified] = entry.split(' ')
  if (traditional && simplified && !table.has(traditional)) table.set(traditional, simplified)
}

/** The simplified form of one Han character; itself when it has none (or already is one). */
export function toSimplified(char: string): string {
  return table.get(char) ?? char
}
