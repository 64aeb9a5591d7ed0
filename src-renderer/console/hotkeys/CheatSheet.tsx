import { FIXED_KEYS, HOTKEYS, HotkeyScope } from '../../../src-shared/contract/hotkeys'
import {
  chordText,
  fixedKeyName,
  hotkeyActionName,
  hotkeyScopeName,
} from '../../shared/hotkey-words'
import { t } from '../../shared/i18n'
import { ModalDialog } from '../ModalDialog'
import { hotkeyStore, useBindings } from './hotkey-store'
import './hotkeys.css'

/** The chord's keys, each a <kbd>. */
export function Keys({ chord }: { chord: string | null }) {
  if (chord === null) return <span className="hotkey-none">{t('hotkeys.unbound')}</span>
  return (
    <kbd className="hotkey-keys">
      {chordText(chord)
        .split('+')
        .map((part, i) => (
          <kbd key={i}>{part === 'Plus' ? '+' : part}</kbd>
        ))}
    </kbd>
  )
}

/**
 * "Keyboard shortcuts" (`?`): every binding as the key handlers have it (the same table), with
 * the keys that walk the chat and the review queue.
 */
export function CheatSheet() {
  const bindings = useBindings()
  const close = () => hotkeyStore.setSheetOpen(false)
  return (
    <ModalDialog
      role="dialog"
      title={t('hotkeys.title')}
      description={t('hotkeys.intro')}
      onCancel={close}
    >
      <div className="hotkey-sheet">
        {HotkeyScope.options.map((scope) => (
          <section key={scope} className="hotkey-group" aria-label={hotkeyScopeName(scope)}>
            <h3>{hotkeyScopeName(scope)}</h3>
            <dl>
              {HOTKEYS.filter((h) => h.scope === scope).map((h) => (
                <div key={h.action} className="hotkey-row">
                  <dt>{hotkeyActionName(h.action)}</dt>
                  <dd>
                    <Keys chord={bindings[h.action]} />
                  </dd>
                </div>
              ))}
              {FIXED_KEYS.filter((f) => f.scope === scope).map((f) => (
                <div key={f.key} className="hotkey-row">
                  <dt>{fixedKeyName(f.key)}</dt>
                  <dd>
                    {f.chords.map((chord) => (
                      <Keys key={chord} chord={chord} />
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
            {scope === 'show' && <p className="panel-note">{t('hotkeys.global')}</p>}
          </section>
        ))}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" autoFocus onClick={close}>
          {t('hotkeys.close')}
        </button>
      </div>
    </ModalDialog>
  )
}

/** Opens the cheat sheet (beside `?`, for whoever does not know the key). */
export function ShortcutsButton() {
  return (
    <button
      type="button"
      className="icon-button shortcuts-button"
      aria-haspopup="dialog"
      aria-label={t('hotkeys.title')}
      title={t('hotkeys.title')}
      onClick={() => hotkeyStore.setSheetOpen(true)}
    >
      <span aria-hidden="true">⌨</span>
    </button>
  )
}
