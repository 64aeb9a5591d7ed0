import { useState } from 'react'
import type { StageSettings, StageSnapshot } from '../../../src-shared/contract/stage'
import type { Api } from '../../shared/api'
import { errorMessage } from '../../shared/error-message'
import { t } from '../../shared/i18n'

/**
 * The scenes strip: one button per saved scene; the program's is pressed. Switching while live
 * or recording happens at once, the push not interrupted (main restarts the encoder behind it).
 */
export function SceneSwitcher(props: {
  api: Api
  stage: StageSnapshot
  onSwitched(next: StageSnapshot): void
}) {
  const { api, stage, onSwitched } = props
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const { scenes, scene } = stage.settings
  if (!scenes.length) return null
  const switchTo = async (id: string) => {
    setBusy(true)
    setError('')
    const result = await api.call('stream:switch-scene', { id })
    setBusy(false)
    if (result.ok) onSwitched(result.value)
    else setError(errorMessage(result.error))
  }
  return (
    <div className="scenes">
      <div role="group" aria-label={t('stage.scenes')} className="scene-buttons">
        {scenes.map((s) => (
          <button
            key={s.id}
            type="button"
            className="button scene-button"
            aria-pressed={s.id === scene}
            disabled={busy}
            onClick={() => void switchTo(s.id)}
          >
            {s.name}
          </button>
        ))}
      </div>
      {error && (
        <p className="stage-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** In Stream settings: the saved scenes, and the source above saved as a new one. */
export function SceneFields(props: { draft: StageSettings; onChange(next: StageSettings): void }) {
  const { draft, onChange } = props
  const [name, setName] = useState('')
  const add = () => {
    const trimmed = name.trim()
    if (!trimmed) return
    const id = `scene-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`
    onChange({
      ...draft,
      scenes: [...draft.scenes, { id, name: trimmed.slice(0, 40), source: draft.source }],
      scene: id,
    })
    setName('')
  }
  return (
    <fieldset className="overlays scenes-editor">
      <legend>{t('stage.scenes.saved')}</legend>
      <p className="field-note">{t('stage.scenes.note')}</p>
      {draft.scenes.length === 0 && <p className="field-note">{t('stage.scenes.none')}</p>}
      <ul className="scene-list">
        {draft.scenes.map((scene) => (
          <li key={scene.id} className="overlay-row">
            <span>{scene.name}</span>
            <span className="field-note">{t(`stage.source.${scene.source.kind}`)}</span>
            <button
              type="button"
              className="button button-small"
              aria-label={t('stage.scene.remove', { name: scene.name })}
              onClick={() =>
                onChange({
                  ...draft,
                  scenes: draft.scenes.filter((s) => s.id !== scene.id),
                  scene: draft.scene === scene.id ? null : draft.scene,
                })
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {draft.scenes.length < 8 && (
        <div className="overlay-row">
          <label>
            {t('stage.scene.name')}
            <input value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
          </label>
          <button
            type="button"
            className="button button-small"
            disabled={!name.trim()}
            onClick={add}
          >
            {t('stage.scene.add')}
          </button>
        </div>
      )}
    </fieldset>
  )
}
