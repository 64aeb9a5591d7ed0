/** Strings for every process (renderer pages and the Electron shell's menus): ko, en, zh-CN. */
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

/** `{name}` placeholders in a message, for the completeness test. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort()
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = locales[locale][key] ?? en[key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  )
}
