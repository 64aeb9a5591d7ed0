import { detectLocale, setLocale, t } from './i18n'

/** Picks the locale before the first render and sets `<html lang>` and the title to match. */
export function bootPage(): void {
  const locale = detectLocale(location.search, navigator.language)
  setLocale(locale)
  document.documentElement.lang = locale
  document.title = t('appName')
}

export function rootElement(): HTMLElement {
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root')
  return root
}
