import { LayoutPreset } from '../../../src-shared/contract'
import { t } from '../../shared/i18n'

const names = {
  anchor: 'layout.preset.anchor',
  moderator: 'layout.preset.moderator',
  producer: 'layout.preset.producer',
} as const

/** The "Layout" combobox: a preset puts the panels where that job wants them. */
export function LayoutPicker({
  preset,
  onChoose,
}: {
  preset: LayoutPreset | undefined
  onChoose(preset: LayoutPreset): void
}) {
  return (
    <label className="layout-picker">
      {t('layout.label')}
      <select
        value={preset ?? ''}
        disabled={preset === undefined}
        onChange={(event) => {
          const chosen = LayoutPreset.safeParse(event.target.value)
          if (chosen.success) onChoose(chosen.data)
        }}
      >
        {LayoutPreset.options.map((option) => (
          <option key={option} value={option}>
            {t(names[option])}
          </option>
        ))}
      </select>
    </label>
  )
}
