import { useState, type KeyboardEvent } from 'react'
import {
  bindingProblem,
  canBeGlobal,
  chordOfEvent,
  defaultBindings,
  HOTKEYS,
  HotkeyCode,
  type HotkeyAction,
  type HotkeyBindings,
} from '../../../src-shared/contract/hotkeys'
import type { Api } from '../../shared/api'
import { errorMessage } from '../../shared/error-message'
import { hotkeyActionName, hotkeyScopeName } from '../../shared/hotkey-words'
import { t } from '../../shared/i18n'
import { Keys } from './CheatSheet'
import { hotkeyStore, useBindings } from './hotkey-store'

/**
 * Rebinding the shortcuts (issue 15 §2): "Change …" listens for the next chord, which is checked
 * against the same table main checks (a conflict is named at once, in words), then saved in
 * main; "Clear …" leaves an action without a key; "Reset to defaults".
 */
export function HotkeySettingsSection({ api }: { api: Api }) {
  const bindings = useBindings()
  const [capturing, setCapturing] = useState<HotkeyAction | null>(null)
  const [status, setStatus] = useState('')
  const [error, setError] = useState('')

  const save = async (next: HotkeyBindings, done: string) => {
    const result = await api.call('hotkeys:save', { bindings: next })
    if (!result.ok) return setError(errorMessage(result.error))
    hotkeyStore.setBindings(result.value.bindings)
    setError('')
    setStatus(done)
  }

  const onCaptureKey = (action: HotkeyAction, event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'Tab') return setCapturing(null)
    // Every other key is the new chord, not a command to the page.
    event.preventDefault()
    event.stopPropagation()
    if (event.key === 'Escape') return setCapturing(null)
    const chord = chordOfEvent(event)
    if (chord === null) return
    const problem = bindingProblem(bindings, action, chord)
    if (problem) {
      const params: Record<string, string> = { chord: problem.chord, action }
      if (problem.code === HotkeyCode.conflict) params.other = problem.other
      if (problem.code === HotkeyCode.reserved && problem.fixed) params.fixed = problem.fixed
      setStatus('')
      return setError(errorMessage({ code: problem.code, params }))
    }
    setCapturing(null)
    void save(
      { ...bindings, [action]: chord },
      t('hotkeys.saved', { action: hotkeyActionName(action), chord }),
    )
  }

  return (
    <section className="room-connection hotkey-settings" aria-label={t('hotkeys.settings')}>
      <details className="stage-settings">
        <summary>{t('hotkeys.settings')}</summary>
        <p className="panel-note">{t('hotkeys.intro')}</p>
        <table className="hotkey-table">
          <tbody>
            {HOTKEYS.map((h, i) => {
              const chord = bindings[h.action]
              const name = hotkeyActionName(h.action)
              const first = i === 0 || HOTKEYS[i - 1]?.scope !== h.scope
              return (
                <tr key={h.action} data-scope-start={first ? '' : undefined}>
                  <th scope="row">
                    {first && <span className="hotkey-scope">{hotkeyScopeName(h.scope)}</span>}
                    {name}
                  </th>
                  <td>
                    <Keys chord={chord} />
                    {h.global && chord !== null && !canBeGlobal(chord) && (
                      <span className="panel-note"> {t('hotkeys.notGlobal')}</span>
                    )}
                  </td>
                  <td className="hotkey-buttons">
                    <button
                      type="button"
                      className={
                        capturing === h.action
                          ? 'button button-small capturing'
                          : 'button button-small'
                      }
                      aria-label={t('hotkeys.change', { action: name })}
                      aria-pressed={capturing === h.action}
                      onClick={() => {
                        setError('')
                        setStatus(
                          capturing === h.action ? '' : t('hotkeys.press', { action: name }),
                        )
                        setCapturing(capturing === h.action ? null : h.action)
                      }}
                      onKeyDown={
                        capturing === h.action ? (e) => onCaptureKey(h.action, e) : undefined
                      }
                      onBlur={() => capturing === h.action && setCapturing(null)}
                    >
                      {capturing === h.action
                        ? t('hotkeys.press', { action: name })
                        : t('hotkeys.changeButton')}
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('hotkeys.clear', { action: name })}
                      disabled={chord === null}
                      onClick={() =>
                        void save(
                          { ...bindings, [h.action]: null },
                          t('hotkeys.cleared', { action: name }),
                        )
                      }
                    >
                      {t('hotkeys.clearButton')}
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <button
          type="button"
          className="button"
          onClick={() => void save(defaultBindings(), t('hotkeys.resetDone'))}
        >
          {t('hotkeys.reset')}
        </button>
        <p className="status-line" role="status">
          {status}
        </p>
        {error && (
          <p className="panel-error" role="alert">
            {error}
          </p>
        )}
      </details>
    </section>
  )
}
