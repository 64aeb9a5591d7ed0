import type { SingleSource, StreamSource } from '../../../src-shared/contract/stream'
import { t } from '../../shared/i18n'
import { LocalOnlyBadge } from '../local-only'

type SourceKind = StreamSource['kind']
type SingleKind = SingleSource['kind']
const singleKinds: SingleKind[] = ['test-pattern', 'screen', 'camera', 'image', 'file']
export const sourceKinds: SourceKind[] = [...singleKinds, 'pip']
const corners = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const

function singleSource(kind: SingleKind): SingleSource {
  switch (kind) {
    case 'test-pattern':
      return { kind, clock: true }
    case 'screen':
      return { kind, withAudio: false }
    case 'camera':
      return { kind, video: '/dev/video0' }
    case 'image':
    case 'file':
      return { kind, path: '' }
  }
}

/** A fresh source of `kind`; picture in picture starts as the camera over the screen. */
export function sourceOfKind(kind: SourceKind): StreamSource {
  return kind === 'pip'
    ? {
        kind,
        main: singleSource('screen'),
        inset: singleSource('camera'),
        corner: 'bottom-right',
        size: 0.3,
      }
    : singleSource(kind)
}

interface Props {
  source: StreamSource
  onChange(next: StreamSource): void
  /** File paths are this computer's: read-only for a moderator over the LAN. */
  locked: boolean
}

/** The program's source: one, or one with another in a corner. */
export function SourceFields({ source, onChange, locked }: Props) {
  return (
    <>
      <label>
        {t('stage.source')}
        <select
          value={source.kind}
          onChange={(e) => onChange(sourceOfKind(e.target.value as SourceKind))}
        >
          {sourceKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`stage.source.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      {source.kind === 'pip' ? (
        <fieldset className="overlays pip">
          <legend>{t('stage.source.pip')}</legend>
          <SingleFields
            label={t('stage.pip.main')}
            source={source.main}
            onChange={(main) => onChange({ ...source, main })}
            locked={locked}
          />
          <SingleFields
            label={t('stage.pip.inset')}
            source={source.inset}
            onChange={(inset) => onChange({ ...source, inset })}
            locked={locked}
          />
          <div className="overlay-row">
            <label>
              {t('stage.pip.corner')}
              <select
                value={source.corner}
                onChange={(e) =>
                  onChange({ ...source, corner: e.target.value as (typeof corners)[number] })
                }
              >
                {corners.map((corner) => (
                  <option key={corner} value={corner}>
                    {t(`stage.position.${corner}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('stage.pip.size')}
              <input
                type="number"
                min={15}
                max={50}
                step={5}
                value={Math.round(source.size * 100)}
                onChange={(e) => {
                  const percent = Number(e.target.value)
                  if (Number.isFinite(percent))
                    onChange({ ...source, size: Math.min(0.5, Math.max(0.15, percent / 100)) })
                }}
              />
            </label>
          </div>
        </fieldset>
      ) : (
        <DeviceFields source={source} onChange={onChange} locked={locked} />
      )}
    </>
  )
}

/** One picture of a picture in picture: its kind, and what that kind needs. */
function SingleFields(props: {
  label: string
  source: SingleSource
  onChange(next: SingleSource): void
  locked: boolean
}) {
  const { label, source, onChange, locked } = props
  return (
    <>
      <label>
        {label}
        <select
          value={source.kind}
          onChange={(e) => onChange(singleSource(e.target.value as SingleKind))}
        >
          {singleKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`stage.source.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <DeviceFields source={source} onChange={onChange} locked={locked} />
    </>
  )
}

/** The camera and microphone, the screen, or the file a single source reads. */
function DeviceFields<S extends SingleSource>(props: {
  source: S
  onChange(next: SingleSource): void
  locked: boolean
}) {
  const { source, onChange, locked } = props
  switch (source.kind) {
    case 'camera':
      return (
        <>
          <label>
            {t('stage.device')}
            <input
              list="stage-cameras"
              value={source.video}
              onChange={(e) => onChange({ ...source, video: e.target.value })}
            />
          </label>
          <label>
            {t('stage.microphone')}
            <input
              list="stage-microphones"
              value={source.audio ?? ''}
              onChange={(e) => onChange({ ...source, audio: e.target.value.trim() || undefined })}
            />
          </label>
        </>
      )
    case 'screen':
      return (
        <label>
          {t('stage.screen')}
          <input
            list="stage-screens"
            value={source.display ?? ''}
            onChange={(e) => onChange({ ...source, display: e.target.value.trim() || undefined })}
          />
        </label>
      )
    case 'image':
    case 'file':
      return (
        <label>
          {t('stage.path')}
          <LocalOnlyBadge locked={locked} />
          <input
            value={source.path}
            disabled={locked}
            onChange={(e) => onChange({ ...source, path: e.target.value })}
          />
        </label>
      )
    case 'test-pattern':
      return null
  }
}
