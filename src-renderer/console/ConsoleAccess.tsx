import { useRef, useState } from 'react'
import type { AccessSnapshot, PortChange } from '../../src-shared/contract'
import type { Api } from '../shared/api'
import { errorMessage } from '../shared/error-message'
import { t, type MessageKey } from '../shared/i18n'
import { useSnapshot } from '../shared/use-snapshot'
import { ConfirmDialog } from './ConfirmDialog'

const portWords: Record<PortChange['service'], MessageKey> = {
  console: 'access.portChanged.console',
  room: 'access.portChanged.room',
  ingest: 'access.portChanged.ingest',
}

/**
 * How the console is reached (issue 9 §5, §6): saved ports that were taken at this start, whether
 * LAN traffic is encrypted, and — on this computer only — the console link for moderators with
 * "Reset access link".
 */
export function ConsoleAccessSection({ api }: { api: Api }) {
  const { value: access, setValue } = useSnapshot(api, 'app:get-access')
  if (!access) return null
  return (
    <>
      {access.portChanges.map((change) => (
        <p key={change.service} className="banner banner-warning" role="alert">
          {t(portWords[change.service], { saved: change.saved, chosen: change.chosen })}
        </p>
      ))}
      {access.lan && !access.encrypted && (
        <p className="banner banner-warning" role="note">
          {t('access.lanUnencrypted')}
        </p>
      )}
      {access.thisMachine && <AccessLinkDetails api={api} access={access} onChange={setValue} />}
    </>
  )
}

function AccessLinkDetails(props: {
  api: Api
  access: AccessSnapshot
  onChange(access: AccessSnapshot): void
}) {
  const { api, access, onChange } = props
  const [confirming, setConfirming] = useState(false)
  const [message, setMessage] = useState('')
  const input = useRef<HTMLInputElement>(null)

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url)
      setMessage(t('access.copied'))
    } catch {
      input.current?.select()
      setMessage(document.execCommand('copy') ? t('access.copied') : t('viewerLinkCopyFailed'))
    }
  }

  const reset = async () => {
    setConfirming(false)
    const result = await api.call('app:reset-access-link', {})
    if (!result.ok) return setMessage(errorMessage(result.error))
    onChange(result.value)
    setMessage(t('access.resetDone'))
    // A browser on this computer opened the old link: its cookie is no key now, the new link is.
    if (!window.livedesk && result.value.consoleUrl) location.replace(result.value.consoleUrl)
  }

  return (
    <section className="room-connection console-access" aria-label={t('access.title')}>
      <details className="stage-settings">
        <summary>{t('access.title')}</summary>
        {access.consoleUrl ? (
          <>
            <label>
              {t('access.link')}
              <input
                ref={input}
                className="viewer-link-url"
                value={access.consoleUrl}
                readOnly
                onFocus={(event) => event.currentTarget.select()}
              />
            </label>
            {access.lanConsoleUrls.map((url) => (
              <p key={url}>{t('access.lanLink', { url })}</p>
            ))}
            <div className="access-actions">
              <button
                type="button"
                className="button"
                onClick={() => void copy(access.consoleUrl ?? '')}
              >
                {t('access.copy')}
              </button>
              <button
                type="button"
                className="button button-danger"
                onClick={() => setConfirming(true)}
              >
                {t('access.reset')}
              </button>
            </div>
            {access.lan && access.encrypted && <p className="hint">{t('access.lanEncrypted')}</p>}
          </>
        ) : (
          <p className="hint">{t('access.desktopOnly')}</p>
        )}
        <p className="stage-settings-message" role="status">
          {message}
        </p>
      </details>
      {confirming && (
        <ConfirmDialog
          title={t('access.reset')}
          description={t('access.resetConfirm')}
          confirmLabel={t('access.reset')}
          onConfirm={() => void reset()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  )
}
