import { translate, type Locale, type MessageKey, type Params } from '../../src-shared/i18n'

export {
  detectLocale,
  locales,
  placeholders,
  translate,
  type Locale,
  type MessageKey,
  type Params,
} from '../../src-shared/i18n'

let current: Locale = 'en'

export function setLocale(locale: Locale): void {
  current = locale
}

export function getLocale(): Locale {
  return current
}

/** Every user-visible string goes through here. */
export function t(key: MessageKey, params?: Params): string {
  return translate(current, key, params)
}
