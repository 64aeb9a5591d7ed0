import { useId, useState } from 'react'
import {
  readAppearance,
  saveAppearance,
  themeChoices,
  type AppearancePage,
  type ThemeChoice,
} from './appearance'
import { t } from './i18n'

/** Combobox "Theme" (System, Dark, Light) and switch "Compact", for either page. */
export function AppearanceControls({ page }: { page: AppearancePage }) {
  const [appearance, setAppearance] = useState(() => readAppearance(page))
  const id = useId()
  const change = (next: typeof appearance) => {
    setAppearance(next)
    saveAppearance(page, next)
  }
  return (
    <div className="appearance" role="group" aria-label={t('appearance.title')}>
      <label htmlFor={`${id}-theme`}>{t('appearance.theme')}</label>
      <select
        id={`${id}-theme`}
        value={appearance.theme}
        onChange={(event) => change({ ...appearance, theme: event.target.value as ThemeChoice })}
      >
        {themeChoices.map((choice) => (
          <option key={choice} value={choice}>
            {t(`appearance.theme.${choice}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        role="switch"
        aria-checked={appearance.compact}
        className="switch"
        onClick={() => change({ ...appearance, compact: !appearance.compact })}
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        {t('appearance.compact')}
      </button>
    </div>
  )
}
