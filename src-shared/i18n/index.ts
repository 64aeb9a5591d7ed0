/** Strings for every process (renderer pages and the Electron shell's menus): ko, en, zh-CN. */
import { IntlMessageFormat } from 'intl-messageformat'
import { en, type MessageKey, type Messages } from './locales/en'
import { ko } from './locales/ko'
import { zhCN } from './locales/zh-CN'

export type { MessageKey } from './locales/en'
export type Locale = 'en' | 'ko' | 'zh-CN'
export type Params = Record<string, string | number>

export const locales: Record<Locale, Messages> = { en, ko, 'zh-CN': zhCN }

/**
 * `?lang=` wins (so a test or a moderator can pick one), then the browser's language. Pure: the
 * page passes `location.search` and `navigator.language` in, so this runs under Node too.
 */
export function detectLocale(search: string, browserLanguage: string | undefined): Locale {
  const fromQuery = new URLSearchParams(search).get('lang')
  return matchLocale(fromQuery) ?? matchLocale(browserLanguage) ?? 'en'
}

function matchLocale(tag: string | null | undefined): Locale | null {
  const lower = tag?.trim().toLowerCase()
  if (!lower) return null
  if (lower.startsWith('ko')) return 'ko'
  if (lower.startsWith('zh')) return 'zh-CN'
  if (lower.startsWith('en')) return 'en'
  return null
}

/**
 * The parameters a message takes, for the completeness test: its `{name}` placeholders and the
 * numbers its ICU plurals choose by (`{count, plural, one {# row} other {# rows}}`).
 */
export function placeholders(message: string): string[] {
  const names = [...message.matchAll(/\{(\w+)(?:\}|\s*,\s*plural\s*,)/g)].map((m) => m[1] ?? '')
  return [...new Set(names)].sort()
}

/** A message that words a number by its plural category ("1 coin", "2 coins"). */
function isPlural(template: string): boolean {
  return /\{\w+\s*,\s*plural\s*,/.test(template)
}

/** Plural messages compiled once per language and key (the chat formats them per line). */
const compiled = new Map<string, IntlMessageFormat>()

/**
 * A message with its parameters. Most take `{name}` placeholders, put in as they are; the few whose
 * English changes with a number (Korean and Chinese have no plural forms) use ICU's plural syntax,
 * formatted by FormatJS's intl-messageformat with the language's own plural rules (CLDR's) and
 * number grouping, rather than rules of our own.
 */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const own = locales[locale][key]
  const from: Locale = own === undefined ? 'en' : locale
  const template = own ?? en[key]
  if (isPlural(template)) {
    const id = `${from}\u0000${key}`
    let format = compiled.get(id)
    if (!format) {
      format = new IntlMessageFormat(template, from)
      compiled.set(id, format)
    }
    try {
      return String(format.format(params ?? {}))
    } catch {
      return template // a parameter left out: the message as written, as the placeholders are
    }
  }
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  )
}
