import { useRef, useState, type FormEvent, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import type {
  DeviceList,
  SecretName,
  StageSettings,
  StageSnapshot,
} from '../../../src-shared/contract/stage'
import type { Api } from '../../shared/api'
import { errorMessage } from '../../shared/error-message'
import { t } from '../../shared/i18n'
import { useSnapshot } from '../../shared/use-snapshot'
import { LocalOnlyBadge, LocalOnlyNote } from '../local-only'
import { DanmakuFields } from './DanmakuFields'
import { ProfileFields } from './ProfileFields'
import { profileTextOf, readProfile, type ProfileErrors } from './profile-form'
import { RecordLimitFields } from './RecordLimitFields'
import { SceneFields } from './Scenes'
import { SourceFields } from './SourceFields'
import { readRecordLimits, recordTextOf, type RecordErrors, type SplitBy } from './record-form'

type TargetKind = StageSettings['target']['kind']

const formats = ['fmp4', 'mkv', 'flv'] as const

interface FormErrors {
  profile: ProfileErrors
  record: RecordErrors
}
const noErrors: FormErrors = { profile: {}, record: {} }

interface StageSettingsFormProps {
  api: Api
  stage: StageSnapshot
  onSaved(snapshot: StageSnapshot): void
  /** Shown first when open: what was set up outside the form (the encoder found, OBS's server). */
  children?: ReactNode
}

/**
 * Source, profile, target (with its key) and recording; saved to main, keys to the SecretStore.
 * The disclosure and the result message outlive a save; the draft does not (see SettingsDraft).
 */
export function StageSettingsForm({ children, ...props }: StageSettingsFormProps) {
  const { api, stage } = props
  const [message, setMessage] = useState('')
  const [devices, setDevices] = useState<DeviceList | null>(null)
  // What runs a program, reads a file here or says where the key goes: this computer only.
  const { value: access } = useSnapshot(api, 'app:get-access')
  const locked = access ? !access.thisMachine : true

  const loadDevices = async () => {
    if (devices) return
    const listed = await api.call('stage:list-devices', {})
    if (listed.ok) setDevices(listed.value)
  }

  return (
    <details className="stage-settings" onToggle={() => void loadDevices()}>
      <summary>{t('stage.settings')}</summary>
      {children}
      {/* Keyed by the saved settings, so a save (here or elsewhere) starts a fresh draft. */}
      <SettingsDraft
        key={JSON.stringify(stage.settings)}
        {...props}
        devices={devices}
        locked={locked}
        onMessage={setMessage}
      />
      <p className="stage-settings-message" role="status">
        {message}
      </p>
    </details>
  )
}

function SettingsDraft(
  props: StageSettingsFormProps & {
    devices: DeviceList | null
    locked: boolean
    onMessage(text: string): void
  },
) {
  const { api, stage, onSaved, devices, locked, onMessage: setMessage } = props
  const [draft, setDraft] = useState<StageSettings>(stage.settings)
  const [key, setKey] = useState('')
  const [playKey, setPlayKey] = useState('')
  // Number fields are edited as text and read into the settings on save (profile-form.ts).
  const [profileText, setProfileText] = useState(() => profileTextOf(stage.settings.profile))
  const [splitBy, setSplitBy] = useState<SplitBy>(stage.settings.record.split.by)
  const [recordText, setRecordText] = useState(() => recordTextOf(stage.settings))
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const formRef = useRef<HTMLFormElement>(null)

  // TRTC relays to a CSS stream: the same push key signs its URL.
  const cssLike = draft.target.kind === 'css' || draft.target.kind === 'trtc'
  const secretName: SecretName | null = cssLike
    ? 'cssPushKey'
    : draft.target.kind === 'rtmp'
      ? 'rtmpStreamKey'
      : null

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const profile = readProfile(draft.profile, profileText)
    const limits = readRecordLimits(splitBy, recordText)
    if (!profile.ok || !limits.ok) {
      flushSync(() => {
        setErrors({
          profile: profile.ok ? {} : profile.errors,
          record: limits.ok ? {} : limits.errors,
        })
        setMessage(t('stage.profile.fixErrors'))
      })
      // Take the person to the first mistake; its message is the field's description.
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    setErrors(noErrors)
    const settings: StageSettings = {
      ...draft,
      profile: profile.profile,
      record: { ...draft.record, split: limits.split },
      minFreeDiskMb: limits.minFreeDiskMb,
    }
    const saved = await api.call('stage:save-settings', settings)
    if (!saved.ok) return setMessage(errorMessage(saved.error))
    let snapshot = saved.value
    if (secretName && key) {
      const secret = await api.call('stage:set-secret', { name: secretName, value: key })
      if (!secret.ok) return setMessage(errorMessage(secret.error))
      snapshot = secret.value
      setKey('')
    }
    if (cssLike && playKey) {
      const secret = await api.call('stage:set-secret', { name: 'cssPlayKey', value: playKey })
      if (!secret.ok) return setMessage(errorMessage(secret.error))
      snapshot = secret.value
      setPlayKey('')
    }
    onSaved(snapshot)
    setMessage(t('stage.saved'))
  }

  const setTarget = (kind: TargetKind) => {
    // Between CSS and TRTC the CSS stream stays: TRTC relays to the same push URL.
    const css =
      draft.target.kind === 'css' || draft.target.kind === 'trtc'
        ? { ...draft.target }
        : { domain: '', app: 'live', stream: '', expiresHours: 24 }
    const target: StageSettings['target'] =
      kind === 'embedded'
        ? { kind }
        : kind === 'css' || kind === 'trtc'
          ? { ...css, kind }
          : { kind, url: 'rtmp://' }
    setDraft({ ...draft, target })
  }

  const target = draft.target
  return (
    <form ref={formRef} onSubmit={(e) => void save(e)}>
      <LocalOnlyNote locked={locked} />
      <SourceFields
        source={draft.source}
        onChange={(source) => setDraft({ ...draft, source, scene: null })}
        locked={locked}
      />
      <SceneFields draft={draft} onChange={setDraft} />
      {devices && (
        <>
          <DeviceOptions id="stage-cameras" devices={devices.cameras} />
          <DeviceOptions id="stage-microphones" devices={devices.microphones} />
          <DeviceOptions id="stage-screens" devices={devices.screens} />
        </>
      )}
      <OverlayFields
        draft={draft}
        onChange={setDraft}
        defaultWatermark={stage.defaultWatermark}
        locked={locked}
      />
      <DanmakuFields draft={draft} onChange={setDraft} />
      <ProfileFields
        profile={draft.profile}
        text={profileText}
        errors={errors.profile}
        encoders={stage.ffmpeg?.encoders ?? ['libx264']}
        onChange={(profile, text) => {
          setDraft({ ...draft, profile })
          setProfileText(text)
          // Another preset shows other fields: earlier messages no longer point anywhere.
          if (profile.preset !== draft.profile.preset) setErrors({ ...errors, profile: {} })
        }}
        onText={(field, value) => {
          setProfileText({ ...profileText, [field]: value })
          setErrors({ ...errors, profile: { ...errors.profile, [field]: undefined } })
        }}
      />
      <label>
        {t('stage.target')}
        <LocalOnlyBadge locked={locked} />
        <select
          value={target.kind}
          disabled={locked}
          onChange={(e) => setTarget(e.target.value as TargetKind)}
        >
          <option value="embedded">{t('stage.target.embedded')}</option>
          <option value="css">{t('stage.target.css')}</option>
          <option value="rtmp">{t('stage.target.rtmp')}</option>
          {(stage.trtc.available || target.kind === 'trtc') && (
            <option value="trtc">{t('stage.target.trtc')}</option>
          )}
        </select>
      </label>
      {!stage.trtc.available && stage.trtc.reason && (
        <p className="stage-trtc-note">
          {t('stage.trtcUnavailable', { reason: errorMessage(stage.trtc.reason) })}
        </p>
      )}
      {target.kind === 'trtc' && <p className="stage-trtc-note">{t('stage.trtcRecording')}</p>}
      {(target.kind === 'css' || target.kind === 'trtc') && (
        <>
          <label>
            {t('stage.pushDomain')}
            <LocalOnlyBadge locked={locked} />
            <input
              value={target.domain}
              disabled={locked}
              onChange={(e) =>
                setDraft({ ...draft, target: { ...target, domain: e.target.value } })
              }
            />
          </label>
          <label>
            {t('stage.appName')}
            <input
              value={target.app}
              onChange={(e) => setDraft({ ...draft, target: { ...target, app: e.target.value } })}
            />
          </label>
          <label>
            {t('stage.streamName')}
            <input
              value={target.stream}
              onChange={(e) =>
                setDraft({ ...draft, target: { ...target, stream: e.target.value } })
              }
            />
          </label>
          <label>
            {t('stage.playDomain')}
            <LocalOnlyBadge locked={locked} />
            <input
              value={target.playDomain ?? ''}
              disabled={locked}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  target: { ...target, playDomain: e.target.value || undefined },
                })
              }
            />
          </label>
          <label>
            {t('stage.playKey')}
            <input
              type="password"
              autoComplete="off"
              value={playKey}
              placeholder={stage.secrets.cssPlayKey ? t('stage.keySet') : ''}
              onChange={(e) => setPlayKey(e.target.value)}
            />
          </label>
        </>
      )}
      {target.kind === 'rtmp' && (
        <label>
          {t('stage.serverUrl')}
          <LocalOnlyBadge locked={locked} />
          <input
            value={target.url}
            disabled={locked}
            onChange={(e) => setDraft({ ...draft, target: { ...target, url: e.target.value } })}
          />
        </label>
      )}
      {secretName && (
        <label>
          {t(secretName === 'cssPushKey' ? 'stage.pushKey' : 'stage.streamKey')}
          <input
            type="password"
            autoComplete="off"
            value={key}
            placeholder={stage.secrets[secretName] ? t('stage.keySet') : ''}
            onChange={(e) => setKey(e.target.value)}
          />
        </label>
      )}
      {secretName && stage.secretStorage === 'file' && (
        <p className="warning">{t('stage.secretFileWarning')}</p>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={draft.record.whileLive}
          onChange={(e) =>
            setDraft({ ...draft, record: { ...draft.record, whileLive: e.target.checked } })
          }
        />
        {t('stage.recordWhileLive')}
      </label>
      <label>
        {t('stage.recordDir')}
        <LocalOnlyBadge locked={locked} />
        <input
          value={draft.record.dir}
          disabled={locked}
          onChange={(e) => setDraft({ ...draft, record: { ...draft.record, dir: e.target.value } })}
        />
      </label>
      <label>
        {t('stage.recordFileName')}
        <input
          value={draft.record.fileName}
          onChange={(e) =>
            setDraft({ ...draft, record: { ...draft.record, fileName: e.target.value } })
          }
        />
      </label>
      <label>
        {t('stage.recordFormat')}
        <select
          value={draft.record.format}
          onChange={(e) =>
            setDraft({
              ...draft,
              record: {
                ...draft.record,
                format: e.target.value as StageSettings['record']['format'],
              },
            })
          }
        >
          {formats.map((f) => (
            <option key={f} value={f}>
              {t(`stage.format.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <RecordLimitFields
        splitBy={splitBy}
        text={recordText}
        errors={errors.record}
        onSplitBy={(by) => {
          setSplitBy(by)
          setErrors({
            ...errors,
            record: { ...errors.record, splitMinutes: undefined, splitMb: undefined },
          })
        }}
        onText={(field, value) => {
          setRecordText({ ...recordText, [field]: value })
          setErrors({ ...errors, record: { ...errors.record, [field]: undefined } })
        }}
      />
      <label>
        {t('stage.ffmpegPath')}
        <LocalOnlyBadge locked={locked} />
        <input
          value={draft.ffmpegPath ?? ''}
          disabled={locked}
          placeholder={stage.ffmpeg?.path ?? ''}
          onChange={(e) => setDraft({ ...draft, ffmpegPath: e.target.value.trim() || undefined })}
        />
      </label>
      <button type="submit" className="button">
        {t('stage.save')}
      </button>
    </form>
  )
}

function DeviceOptions({ id, devices }: { id: string; devices: DeviceList['cameras'] }) {
  return (
    <datalist id={id}>
      {devices.map((d) => (
        <option key={d.id} value={d.id}>
          {d.name}
        </option>
      ))}
    </datalist>
  )
}

type Overlay = StageSettings['overlays'][number]
type Position = Overlay['position']
const positions: Position[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right']

/** Clock, room title and watermark: each on or off, in a corner of the picture. */
function OverlayFields(props: {
  draft: StageSettings
  onChange(next: StageSettings): void
  /** The watermark LiveDesk ships, offered with one click. */
  defaultWatermark: string | null
  /** The watermark reads a file here: this computer only. */
  locked: boolean
}) {
  const { draft, onChange, defaultWatermark, locked } = props
  const find = <K extends Overlay['kind']>(kind: K) =>
    draft.overlays.find((o): o is Extract<Overlay, { kind: K }> => o.kind === kind)
  const put = (kind: Overlay['kind'], next: Overlay | null) => {
    const others = draft.overlays.filter((o) => o.kind !== kind)
    onChange({ ...draft, overlays: next ? [...others, next] : others })
  }
  const clock = find('clock')
  const title = find('room-title')
  const image = find('image')
  const text = find('text')
  const corner = (value: Position, set: (p: Position) => void, label: string) => (
    <select aria-label={label} value={value} onChange={(e) => set(e.target.value as Position)}>
      {positions.map((p) => (
        <option key={p} value={p}>
          {t(`stage.position.${p}`)}
        </option>
      ))}
    </select>
  )
  return (
    <fieldset className="overlays">
      <legend>{t('stage.overlays')}</legend>
      <div className="overlay-row">
        <label className="check">
          <input
            type="checkbox"
            checked={!!clock}
            onChange={(e) =>
              put(
                'clock',
                e.target.checked ? { kind: 'clock', position: 'top-left', size: 32 } : null,
              )
            }
          />
          {t('stage.overlay.clock')}
        </label>
        {clock &&
          corner(
            clock.position,
            (position) => put('clock', { ...clock, position }),
            t('stage.overlay.clockPosition'),
          )}
      </div>
      <div className="overlay-row">
        <label className="check">
          <input
            type="checkbox"
            checked={!!title}
            onChange={(e) =>
              put(
                'room-title',
                e.target.checked ? { kind: 'room-title', position: 'bottom-left', size: 32 } : null,
              )
            }
          />
          {t('stage.overlay.title')}
        </label>
        {title &&
          corner(
            title.position,
            (position) => put('room-title', { ...title, position }),
            t('stage.overlay.titlePosition'),
          )}
      </div>
      <div className="overlay-row">
        <label>
          {t('stage.overlay.text')}
          <input
            value={text?.text ?? ''}
            maxLength={200}
            onChange={(e) => {
              const value = e.target.value
              put(
                'text',
                value.trim()
                  ? { kind: 'text', position: 'bottom-right', size: 32, ...text, text: value }
                  : null,
              )
            }}
          />
        </label>
        {text &&
          corner(
            text.position,
            (position) => put('text', { ...text, position }),
            t('stage.overlay.textPosition'),
          )}
      </div>
      {text && <p className="field-note">{t('stage.overlay.textLive')}</p>}
      <label>
        {t('stage.overlay.image')}
        <LocalOnlyBadge locked={locked} />
        <input
          value={image?.path ?? ''}
          disabled={locked}
          onChange={(e) => {
            const path = e.target.value.trim()
            put(
              'image',
              path ? { kind: 'image', position: 'top-right', opacity: 1, ...image, path } : null,
            )
          }}
        />
      </label>
      {defaultWatermark && image?.path !== defaultWatermark && !locked && (
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            put('image', {
              kind: 'image',
              position: 'top-right',
              opacity: 0.8,
              ...image,
              path: defaultWatermark,
            })
          }
        >
          {t('stage.overlay.useDefault')}
        </button>
      )}
      {image && (
        <div className="overlay-row">
          {corner(
            image.position,
            (position) => put('image', { ...image, position }),
            t('stage.overlay.imagePosition'),
          )}
          <label>
            {t('stage.overlay.opacity')}
            <input
              type="number"
              min={0}
              max={100}
              step={5}
              value={Math.round(image.opacity * 100)}
              onChange={(e) =>
                put('image', {
                  ...image,
                  opacity: Math.min(1, Math.max(0, Number(e.target.value) / 100)),
                })
              }
            />
          </label>
        </div>
      )}
    </fieldset>
  )
}
