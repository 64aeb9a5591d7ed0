import { useId, useState, type FormEvent } from 'react'
import { t } from '../shared/i18n'
import { ModalDialog } from './ModalDialog'
import { MUTE_UNITS, parseMuteDuration, type MuteUnit } from './mute-duration'

interface MuteDialogProps {
  nick: string
  onMute(seconds: number): void
  onCancel(): void
}

/** "Mute…": any duration as a whole number of minutes, hours or days. */
export function MuteDialog({ nick, onMute, onCancel }: MuteDialogProps) {
  const [amount, setAmount] = useState('15')
  const [unit, setUnit] = useState<MuteUnit>('minutes')
  const [error, setError] = useState<string | null>(null)
  const amountId = useId()
  const unitId = useId()
  const errorId = useId()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const duration = parseMuteDuration(amount, unit)
    if (duration.ok) onMute(duration.seconds)
    else setError(t(duration.error))
  }

  return (
    <ModalDialog role="dialog" title={t('muteDialogTitle', { nick })} onCancel={onCancel}>
      <form className="dialog-form" noValidate onSubmit={submit}>
        <div className="dialog-fields">
          <div className="field">
            <label htmlFor={amountId}>{t('muteDuration')}</label>
            <input
              id={amountId}
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              autoFocus
              value={amount}
              aria-invalid={error !== null}
              aria-describedby={error ? errorId : undefined}
              onChange={(event) => {
                setAmount(event.target.value)
                setError(null)
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={unitId}>{t('muteUnit')}</label>
            <select
              id={unitId}
              value={unit}
              onChange={(event) => {
                setUnit(event.target.value as MuteUnit)
                setError(null)
              }}
            >
              {(Object.keys(MUTE_UNITS) as MuteUnit[]).map((key) => (
                <option key={key} value={key}>
                  {t(`unit.${key}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {error && (
          <p className="dialog-error" id={errorId} role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel}>
            {t('cancel')}
          </button>
          <button type="submit" className="button button-primary">
            {t('muteConfirm')}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
