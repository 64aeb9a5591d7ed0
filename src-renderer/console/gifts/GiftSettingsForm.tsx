import { type FormEvent, useEffect, useState } from 'react'
import type { Api } from '../../shared/api'
import { errorMessage } from '../../shared/error-message'
import { t } from '../../shared/i18n'

/** The embedded room's starting balance for new viewers' wallets (saved in main). */
export function GiftSettingsForm({ api }: { api: Api }) {
  const [value, setValue] = useState('')
  const [status, setStatus] = useState<string | null>(null)

  useEffect(() => {
    let alive = true
    void api.call('gifts:get-settings', {}).then((result) => {
      if (alive && result.ok) setValue(String(result.value.startingBalance))
    })
    return () => {
      alive = false
    }
  }, [api])

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const result = await api.call('gifts:save-settings', { startingBalance: Number(value) })
    setStatus(
      result.ok
        ? t('gifts.saved', { coins: result.value.startingBalance })
        : errorMessage(result.error),
    )
  }

  return (
    <details className="gifts-settings">
      <summary>{t('gifts.settings')}</summary>
      <form onSubmit={(event) => void save(event)}>
        <label htmlFor="gifts-starting-balance">{t('gifts.startingBalance')}</label>
        <input
          id="gifts-starting-balance"
          type="number"
          min={0}
          step={1}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit" className="button button-small">
          {t('gifts.save')}
        </button>
        <p className="panel-note">{t('gifts.startingBalanceHelp')}</p>
        {status && <p aria-live="polite">{status}</p>}
      </form>
    </details>
  )
}
