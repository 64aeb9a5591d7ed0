import { useId } from 'react'
import { t } from '../../shared/i18n'
import type { FieldError } from './profile-form'

/**
 * A number typed as text, so an empty or mistyped value stays visible and gets a message instead
 * of silently becoming 0. The message sits outside the label (it is the field's description, not
 * part of its name).
 */
export function NumberField(props: {
  label: string
  value: string
  error: FieldError | undefined
  decimal?: boolean
  onChange(value: string): void
}) {
  const { label, value, error, decimal, onChange } = props
  const errorId = useId()
  return (
    <div className="number-field">
      <label>
        {label}
        <input
          inputMode={decimal ? 'decimal' : 'numeric'}
          autoComplete="off"
          value={value}
          aria-invalid={error !== undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
      {error && (
        <p className="field-error" id={errorId}>
          {t(error.key, error.params)}
        </p>
      )}
    </div>
  )
}
