import { t } from '../../shared/i18n'
import { NumberField } from './NumberField'
import {
  splitChoices,
  type RecordErrors,
  type RecordField,
  type RecordText,
  type SplitBy,
} from './record-form'

/** "Split recording" (not at all, by time, by size) and the free-space floor. */
export function RecordLimitFields(props: {
  splitBy: SplitBy
  text: RecordText
  errors: RecordErrors
  onSplitBy(by: SplitBy): void
  onText(field: RecordField, value: string): void
}) {
  const { splitBy, text, errors, onSplitBy, onText } = props
  return (
    <>
      <label>
        {t('stage.split')}
        <select value={splitBy} onChange={(e) => onSplitBy(e.target.value as SplitBy)}>
          {splitChoices.map((by) => (
            <option key={by} value={by}>
              {t(`stage.split.${by}`)}
            </option>
          ))}
        </select>
      </label>
      {splitBy === 'time' && (
        <NumberField
          label={t('stage.split.minutes')}
          value={text.splitMinutes}
          error={errors.splitMinutes}
          onChange={(v) => onText('splitMinutes', v)}
        />
      )}
      {splitBy === 'size' && (
        <NumberField
          label={t('stage.split.mb')}
          value={text.splitMb}
          error={errors.splitMb}
          onChange={(v) => onText('splitMb', v)}
        />
      )}
      <NumberField
        label={t('stage.minFreeDisk')}
        value={text.minFreeDiskMb}
        error={errors.minFreeDiskMb}
        onChange={(v) => onText('minFreeDiskMb', v)}
      />
    </>
  )
}
