import { useEffect, useId, useState, type FormEvent } from 'react'
import {
  DEFAULT_TENCENT_REST_BASE_URL,
  RoomConnectionSettings as SettingsSchema,
  TENCENT_REST_BASE_URLS,
  type RoomConnectionSettings,
  type RoomConnectionSnapshot,
} from '../../src-shared/contract/room-connection'
import type { Api } from '../shared/api'
import { errorMessage } from '../shared/error-message'
import { useSnapshot } from '../shared/use-snapshot'
import { t, type MessageKey } from '../shared/i18n'
import { LocalOnlyBadge, LocalOnlyNote } from './local-only'
import { RoomSettingsForm } from './RoomSettingsForm'

type Backend = RoomConnectionSettings['backend']
/** The Tencent fields as typed (text), read into the settings on save. */
interface TencentDraft {
  sdkAppId: string
  groupId: string
  userId: string
  adminUserId: string
  restBaseUrl: string
  userSigUrl: string
}
type Field = keyof TencentDraft
/** Where the console sends the App admin's UserSig and gets its login: this computer only. */
const localOnly: ReadonlySet<Field> = new Set<Field>(['restBaseUrl', 'userSigUrl'])
type FieldErrors = Partial<Record<Field, string>>

const fields: { field: Field; label: MessageKey; optional?: boolean }[] = [
  { field: 'sdkAppId', label: 'roomConnection.sdkAppId' },
  { field: 'groupId', label: 'roomConnection.groupId' },
  { field: 'userId', label: 'roomConnection.userId' },
  { field: 'adminUserId', label: 'roomConnection.adminUserId' },
  { field: 'restBaseUrl', label: 'roomConnection.restBaseUrl' },
  { field: 'userSigUrl', label: 'roomConnection.userSigUrl', optional: true },
]

function draftOf(settings: RoomConnectionSettings): TencentDraft {
  const saved = settings.backend === 'tencent' ? settings.tencent : null
  return {
    sdkAppId: saved ? String(saved.sdkAppId) : '',
    groupId: saved?.groupId ?? '',
    userId: saved?.userId ?? '',
    adminUserId: saved?.adminUserId ?? 'administrator',
    restBaseUrl: saved?.restBaseUrl ?? DEFAULT_TENCENT_REST_BASE_URL,
    userSigUrl: saved?.userSigUrl ?? '',
  }
}

/** The draft as settings, or the message of each field the contract's schema refuses. */
function readDraft(
  backend: Backend,
  draft: TencentDraft,
  customRestBaseUrl: boolean,
): { ok: true; settings: RoomConnectionSettings } | { ok: false; errors: FieldErrors } {
  if (backend === 'embedded') return { ok: true, settings: { backend } }
  const sdkAppId = /^\d+$/.test(draft.sdkAppId.trim()) ? Number(draft.sdkAppId) : Number.NaN
  const parsed = SettingsSchema.safeParse({
    backend,
    tencent: {
      sdkAppId,
      groupId: draft.groupId,
      userId: draft.userId,
      adminUserId: draft.adminUserId,
      restBaseUrl: draft.restBaseUrl,
      customRestBaseUrl,
      ...(draft.userSigUrl.trim() ? { userSigUrl: draft.userSigUrl } : {}),
    },
  })
  if (parsed.success) return { ok: true, settings: parsed.data }
  const errors: FieldErrors = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[1] as Field | undefined
    if (field && !errors[field]) errors[field] = t(`roomConnection.error.${field}`)
  }
  return { ok: false, errors }
}

/**
 * Which room the console runs: the embedded room, or a Tencent Cloud IM AVChatRoom. Saved to
 * main (the secret key to its SecretStore, write-only); it takes effect at the next start. A
 * join under way or one that failed is shown above the settings, open, with "Retry".
 */
export function RoomConnectionSection({ api }: { api: Api }) {
  const {
    value: snapshot,
    setValue: setSnapshot,
    error,
    reload,
  } = useSnapshot(api, 'room:get-connection')
  const { value: access } = useSnapshot(api, 'app:get-access')
  const [message, setMessage] = useState('')
  const shown = message || (error ? errorMessage(error) : '')
  const joining = snapshot?.joining ?? false

  // A join that ends behind the open console replaces the room: read the connection again then.
  useEffect(() => api.on('room:snapshot-replaced', () => void reload()), [api, reload])

  const retry = async () => {
    setMessage('')
    const result = await api.call('room:retry-connection', {})
    if (result.ok) setSnapshot(result.value)
    else setMessage(errorMessage(result.error))
  }

  return (
    <section className="room-connection" aria-label={t('roomConnection.title')}>
      {joining && (
        <p className="banner" role="status">
          {t('roomConnection.joining')}
        </p>
      )}
      {snapshot?.startError && !joining && (
        <div className="banner banner-error" role="alert">
          <p>{t('roomConnection.startError', { reason: errorMessage(snapshot.startError) })}</p>
          <button type="button" className="button" onClick={() => void retry()}>
            {t('roomConnection.retry')}
          </button>
        </div>
      )}
      <details className="stage-settings">
        <summary>{t('roomConnection.title')}</summary>
        {snapshot && (
          <ConnectionDraft
            key={JSON.stringify(snapshot.settings)}
            api={api}
            snapshot={snapshot}
            locked={access ? !access.thisMachine : true}
            onSaved={setSnapshot}
            onMessage={setMessage}
          />
        )}
        <p className="stage-settings-message" role="status">
          {shown}
        </p>
        <RoomSettingsForm api={api} locked={access ? !access.thisMachine : true} />
      </details>
    </section>
  )
}

function ConnectionDraft(props: {
  api: Api
  snapshot: RoomConnectionSnapshot
  /** Opened from elsewhere than this computer: the local-only fields are locked. */
  locked: boolean
  onSaved(snapshot: RoomConnectionSnapshot): void
  onMessage(text: string): void
}) {
  const { api, snapshot, locked, onSaved, onMessage } = props
  const [backend, setBackend] = useState<Backend>(snapshot.settings.backend)
  const [draft, setDraft] = useState<TencentDraft>(() => draftOf(snapshot.settings))
  const [custom, setCustom] = useState(
    snapshot.settings.backend === 'tencent' && snapshot.settings.tencent.customRestBaseUrl,
  )
  const [secretKey, setSecretKey] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const idPrefix = useId()

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const read = readDraft(backend, draft, custom)
    if (!read.ok) {
      setErrors(read.errors)
      onMessage(t('roomConnection.fixErrors'))
      return
    }
    setErrors({})
    const saved = await api.call('room:save-connection', read.settings)
    if (!saved.ok) return onMessage(errorMessage(saved.error))
    let next = saved.value
    if (secretKey) {
      const keyed = await api.call('room:set-secret-key', { value: secretKey })
      if (!keyed.ok) return onMessage(errorMessage(keyed.error))
      next = keyed.value
      setSecretKey('')
    }
    onSaved(next)
    onMessage(next.restartRequired ? t('roomConnection.savedRestart') : t('roomConnection.saved'))
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <p>
        {t('roomConnection.active', {
          backend: t(`roomConnection.backend.${snapshot.active}`),
        })}
      </p>
      {snapshot.restartRequired && <p className="warning">{t('roomConnection.restart')}</p>}
      <label>
        {t('roomConnection.backend')}
        <select value={backend} onChange={(e) => setBackend(e.target.value as Backend)}>
          <option value="embedded">{t('roomConnection.backend.embedded')}</option>
          <option value="tencent">{t('roomConnection.backend.tencent')}</option>
        </select>
      </label>
      {backend === 'tencent' && (
        <>
          <LocalOnlyNote locked={locked} />
          {fields.map(({ field, label, optional }) => {
            const errorId = `${idPrefix}-${field}-error`
            const fieldLocked = locked && localOnly.has(field)
            return (
              <div className="number-field" key={field}>
                <label>
                  {t(label)}
                  <LocalOnlyBadge locked={fieldLocked} />
                  <input
                    value={draft[field]}
                    disabled={fieldLocked}
                    autoComplete="off"
                    inputMode={field === 'sdkAppId' ? 'numeric' : undefined}
                    list={field === 'restBaseUrl' ? `${idPrefix}-rest-domains` : undefined}
                    placeholder={optional ? t('roomConnection.optional') : undefined}
                    aria-invalid={errors[field] !== undefined}
                    aria-describedby={errors[field] ? errorId : undefined}
                    onChange={(e) => {
                      setDraft({ ...draft, [field]: e.target.value })
                      setErrors({ ...errors, [field]: undefined })
                    }}
                  />
                </label>
                {errors[field] && (
                  <p className="field-error" id={errorId}>
                    {errors[field]}
                  </p>
                )}
              </div>
            )
          })}
          <datalist id={`${idPrefix}-rest-domains`}>
            {TENCENT_REST_BASE_URLS.map((url) => (
              <option key={url} value={url} />
            ))}
          </datalist>
          <label className="check">
            <input
              type="checkbox"
              checked={custom}
              disabled={locked}
              onChange={(e) => {
                setCustom(e.target.checked)
                setErrors({ ...errors, restBaseUrl: undefined })
              }}
            />
            {t('roomConnection.customRestBaseUrl')}
            <LocalOnlyBadge locked={locked} />
          </label>
          {custom && (
            <p className="warning" role="note">
              {t('roomConnection.customRestWarning')}
            </p>
          )}
          <label>
            {t('roomConnection.secretKey')}
            <input
              type="password"
              autoComplete="off"
              value={secretKey}
              placeholder={snapshot.secretKeySet ? t('roomConnection.secretKeySet') : ''}
              onChange={(e) => setSecretKey(e.target.value)}
            />
          </label>
          <p className="hint">{t('roomConnection.secretKeyUse')}</p>
          {!draft.userSigUrl.trim() && (
            <p className="warning" role="note">
              {t('roomConnection.devWarning')}
            </p>
          )}
          {snapshot.secretStorage === 'file' && (
            <p className="warning">{t('stage.secretFileWarning')}</p>
          )}
        </>
      )}
      <button type="submit" className="button">
        {t('roomConnection.save')}
      </button>
    </form>
  )
}
