import { useCallback, useEffect, useState } from 'react'
import { roleMay, type RoomSafety, type RoomSafetyChange } from '../../../src-shared/contract'
import type { Api } from '../../shared/contract-client'
import { errorMessage } from '../../shared/error-message'
import { t } from '../../shared/i18n'
import { useIdentity } from '../moderators/identity'

/** The slow-mode intervals offered, seconds (issue 13 §6); anything else is "Custom". */
const SLOW_CHOICES = [0, 5, 10, 30] as const

/**
 * Slow mode (a per-viewer minimum interval, enforced by the business host) and the "Shield mode"
 * switch (one click applies the preset; off restores what was before). Main's settings, mirrored.
 * A console whose role may not change them (a moderator's, issue 13 §4) shows them disabled and
 * says why; main refuses the command regardless (role-guard.ts).
 */
export function SafetyControls({ api }: { api: Api }) {
  const [settings, setSettings] = useState<RoomSafety | null>(null)
  const [custom, setCustom] = useState(false)
  const [customSeconds, setCustomSeconds] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  const identity = useIdentity(api)
  // Until main says who this console is, nothing is offered that it might refuse.
  const mayChange = identity !== null && roleMay(identity.role, 'safety:save-settings')
  const notForRole = identity !== null && !mayChange

  const reload = useCallback(async () => {
    const result = await api.call('safety:get-settings', {})
    if (result.ok) setSettings(result.value)
    else setError(errorMessage(result.error))
  }, [api])

  useEffect(() => {
    const offLink = api.onLink((link) => {
      if (link === 'open') void reload()
    })
    const offChanged = api.on('safety:changed', setSettings)
    return () => {
      offLink()
      offChanged()
    }
  }, [api, reload])

  const save = async (change: RoomSafetyChange, done: (next: RoomSafety) => string) => {
    setBusy(true)
    const result = await api.call('safety:save-settings', change)
    setBusy(false)
    if (!result.ok) return setError(errorMessage(result.error))
    setError(null)
    setSettings(result.value)
    setStatus(done(result.value))
  }

  const slowLabel = (seconds: number) =>
    seconds === 0 ? t('safety.slowOff') : t('safety.slowSeconds', { seconds })
  const saveSlow = (seconds: number) =>
    void save({ slowModeSeconds: seconds }, (next) =>
      t('safety.slowResult', { value: slowLabel(next.slowModeSeconds) }),
    )

  const slow = settings?.slowModeSeconds ?? 0
  const offered = (SLOW_CHOICES as readonly number[]).includes(slow)
  const selected = custom || !offered ? 'custom' : String(slow)
  const shieldOn = settings?.shield.on ?? false
  return (
    <div className="safety-controls">
      <button
        type="button"
        role="switch"
        aria-checked={shieldOn}
        className="switch"
        disabled={!settings || busy || !mayChange}
        aria-describedby={notForRole ? 'shield-hint safety-role-note' : 'shield-hint'}
        onClick={() =>
          void save({ shieldOn: !shieldOn }, (next) =>
            t(next.shield.on ? 'safety.shieldOnResult' : 'safety.shieldOffResult'),
          )
        }
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        {t('safety.shield')}
      </button>
      <label className="field field-inline">
        {t('safety.slowMode')}
        <select
          value={selected}
          disabled={!settings || busy || !mayChange}
          aria-describedby={notForRole ? 'safety-role-note' : undefined}
          onChange={(event) => {
            if (event.target.value === 'custom') {
              setCustom(true)
              setCustomSeconds(String(slow || 60))
              return
            }
            setCustom(false)
            saveSlow(Number(event.target.value))
          }}
        >
          {SLOW_CHOICES.map((seconds) => (
            <option key={seconds} value={seconds}>
              {slowLabel(seconds)}
            </option>
          ))}
          <option value="custom">{offered ? t('safety.slowCustom') : slowLabel(slow)}</option>
        </select>
      </label>
      {custom && (
        <form
          className="field field-inline"
          onSubmit={(event) => {
            event.preventDefault()
            const seconds = Number(customSeconds)
            if (Number.isInteger(seconds) && seconds >= 0 && seconds <= 3600) {
              setCustom(false)
              saveSlow(seconds)
            }
          }}
        >
          <label className="field field-inline">
            {t('safety.customSeconds')}
            <input
              type="number"
              min={0}
              max={3600}
              value={customSeconds}
              onChange={(event) => setCustomSeconds(event.target.value)}
            />
          </label>
        </form>
      )}
      {notForRole && (
        <p id="safety-role-note" className="panel-note filters-hint">
          {t('safety.notForRole')}
        </p>
      )}
      <p id="shield-hint" className="panel-note filters-hint">
        {t('safety.shieldHint', { seconds: settings?.shield.preset.slowModeSeconds ?? 10 })}
      </p>
      {error && (
        <p className="panel-error" role="alert">
          {error}
        </p>
      )}
      <p className="sr-only" aria-live="polite">
        {status}
      </p>
    </div>
  )
}
