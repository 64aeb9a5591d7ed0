import { useId, useState, type FormEvent } from 'react'
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
 * main (the secret key to its SecretStore, write-only); it takes effect at the next start.
 */
export function RoomConnectionSection({ api }: { api: Api }) {
  const { value: snapshot, setValue: setSnapshot, error } = useSnapshot(api, 'room:get-connection')
  const [message, setMessage] = useState('')
  const shown = message || (error ? errorMessage(error) : '')

  return (
    <section className="room-connection" aria-label={t('roomConnection.title')}>
      <details className="stage-settings">
        <summary>{t('roomConnection.title')}</summary>
        {snapshot && (
          <ConnectionDraft
            key={JSON.stringify(snapshot.settings)}
            api={api}
            snapshot={snapshot}
            onSaved={setSnapshot}
            onMessage={setMessage}
          />
        )}
        <p className="stage-settings-message" role="status">
          {shown}
        </p>
      </details>
    </section>
  )
}

function ConnectionDraft(props: {
  api: Api
  snapshot: RoomConnectionSnapshot
  onSaved(snapshot: RoomConnectionSnapshot): void
  onMessage(text: string): void
}) {
  const { api, snapshot, onSaved, onMessage } = props
  const [backend, setBackend] = useState<Backend>(snapshot.settings.backend)
  const [draft, setDraft] = useState<TencentDraft>(() => draftOf(snapshot.settings))
  const [secretKey, setSecretKey] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const idPrefix = useId()

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const read = readDraft(backend, draft)
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
      {snapshot.startError && (
        <p className="field-error" role="alert">
          {t('roomConnection.startError', { reason: errorMessage(snapshot.startError) })}
        </p>
      )}
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
          {fields.map(({ field, label, optional }) => {
            const errorId = `${idPrefix}-${field}-error`
            return (
              <div className="number-field" key={field}>
                <label>
                  {t(label)}
                  <input
                    value={draft[field]}
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
