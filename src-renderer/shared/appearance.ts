/**
 * The page's theme and density (issue 15 §1): System (the OS's light or dark), Dark or Light, and
 * a compact density, applied as `<html data-theme data-density>` (themes.css). A choice of this
 * screen and browser, like a browser's or OBS's own theme, kept in localStorage per page: the
 * console and the viewer page each have theirs, and a moderator's laptop keeps its own.
 */
export type ThemeChoice = 'system' | 'dark' | 'light'
export const themeChoices: readonly ThemeChoice[] = ['system', 'dark', 'light']
export type AppearancePage = 'console' | 'viewer'

export interface Appearance {
  theme: ThemeChoice
  compact: boolean
}

/** The console has been dark since its first day; the viewer page follows the viewer's system. */
const defaults: Record<AppearancePage, Appearance> = {
  console: { theme: 'dark', compact: false },
  viewer: { theme: 'system', compact: false },
}

const key = (page: AppearancePage) => `livedesk.appearance.${page}`

function storage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    // A browser that refuses storage (privacy settings): the choice lasts the page.
    return null
  }
}

export function readAppearance(page: AppearancePage): Appearance {
  const fallback = defaults[page]
  try {
    const saved = JSON.parse(storage()?.getItem(key(page)) ?? 'null') as Partial<Appearance> | null
    return {
      theme: themeChoices.includes(saved?.theme as ThemeChoice)
        ? (saved?.theme as ThemeChoice)
        : fallback.theme,
      compact: typeof saved?.compact === 'boolean' ? saved.compact : fallback.compact,
    }
  } catch {
    return fallback
  }
}

const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)')

/** The theme drawn: a choice, or the system's for `system`. */
export function resolvedTheme(choice: ThemeChoice): 'dark' | 'light' {
  if (choice !== 'system') return choice
  return darkQuery()?.matches ? 'dark' : 'light'
}

export function applyAppearance(appearance: Appearance): void {
  const root = document.documentElement
  root.dataset.theme = resolvedTheme(appearance.theme)
  root.dataset.themeChoice = appearance.theme
  root.dataset.density = appearance.compact ? 'compact' : 'comfortable'
}

export function saveAppearance(page: AppearancePage, appearance: Appearance): void {
  storage()?.setItem(key(page), JSON.stringify(appearance))
  applyAppearance(appearance)
}

/**
 * Applies the saved choice before the first render (no flash of the other theme) and follows the
 * system's changes while the choice is System.
 */
export function bootAppearance(page: AppearancePage): void {
  applyAppearance(readAppearance(page))
  darkQuery()?.addEventListener('change', () => {
    const current = readAppearance(page)
    if (current.theme === 'system') applyAppearance(current)
  })
}
