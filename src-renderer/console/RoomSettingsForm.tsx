import { type FormEvent, useId, useState } from 'react'
import { maxMessageCap } from '../../src-shared/protocol/message-cap'
import type { Api } from '../shared/api'
import { errorMessage } from '../shared/error-message'
import { t } from '../shared/i18n'
import { useSnapshot } from '../shared/use-snapshot'
import { LocalOnlyBadge } from './local-only'

/**
 * The embedded room's message cap (issue 15 §4): what it runs with now, where that came from, and
 * a field to change it — applied at once and kept for later starts. From this computer only.
 */
export function RoomSettingsForm({ api, locked }: { api: Api; locked: boolean }) {
  const { value: snapshot, setValue: setSnapshot } = useSnapshot(api, 'room:get-settings')
  const [draft, setDraft] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  const [invalid, setInvalid] = useState(false)
  const id = useId()
  if (!snapshot) return null
  const value = draft ?? String(snapshot.messageCap)

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const cap = /^\d{1,9}$/.test(value.trim()) ? Number(value) : Number.NaN
    if (!(cap >= 1 && cap <= maxMessageCap)) {
      setInvalid(true)
      setStatus(t('roomSettings.invalid', { max: maxMessageCap }))
      return
    }
    setInvalid(false)
    const result = await api.call('room:save-settings', { messageCap: cap })
    if (!result.ok) return setStatus(errorMessage(result.error))
    setSnapshot(result.value)
    setDraft(null)
    setStatus(t('roomSettings.saved', { cap: result.value.messageCap }))
  }

  return (
    <form className="room-settings" onSubmit={(event) => void save(event)} noValidate>
      <h3>{t('roomSettings.title')}</h3>
      {snapshot.tencentRoom && (
        <p className="panel-note" role="note">
          {t('roomSettings.tencent')}
        </p>
      )}
      <div className="number-field">
        <label htmlFor={`${id}-cap`}>
          {t('roomSettings.messageCap')}
          <LocalOnlyBadge locked={locked} />
        </label>
        <input
          id={`${id}-cap`}
          type="number"
          min={1}
          max={maxMessageCap}
          step={1}
          value={value}
          disabled={locked}
          aria-invalid={invalid}
          aria-describedby={`${id}-help`}
          onChange={(event) => {
            setDraft(event.target.value)
            setInvalid(false)
          }}
        />
      </div>
      <p className="hint" id={`${id}-help`}>
        {t('roomSettings.messageCapHelp')}{' '}
        {snapshot.fromCommandLine
          ? t('roomSettings.fromCommandLine', { cap: snapshot.messageCap })
          : t('roomSettings.running', { cap: snapshot.messageCap })}
      </p>
      <button type="submit" className="button" disabled={locked}>
        {t('roomSettings.save')}
      </button>
      {/* Polite, not a second role=status: the section's own status line is the one. */}
      <p aria-live="polite">{status}</p>
    </form>
  )
}
