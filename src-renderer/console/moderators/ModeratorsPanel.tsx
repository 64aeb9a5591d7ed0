import { useEffect, useRef, useState, type FormEvent } from 'react'
import {
  desktopInviteLink,
  MAX_INVITE_HOURS,
  type ModeratorEntry,
  type ModeratorInviteResult,
  type ModeratorRole,
} from '../../../src-shared/contract'
import type { Api } from '../../shared/api'
import { errorMessage } from '../../shared/error-message'
import { t, type MessageKey } from '../../shared/i18n'
import { formatDateTime } from '../../shared/time'
import { useSnapshot } from '../../shared/use-snapshot'
import { ModalDialog } from '../ModalDialog'

const roles: readonly ModeratorRole[] = ['moderator', 'admin']
/** The expiries offered, in hours (the contract allows up to MAX_INVITE_HOURS). */
const expiries = [1, 8, 24, MAX_INVITE_HOURS] as const
const expiryWords: Record<(typeof expiries)[number], MessageKey> = {
  1: 'moderators.expiry.1h',
  8: 'moderators.expiry.8h',
  24: 'moderators.expiry.1d',
  [MAX_INVITE_HOURS]: 'moderators.expiry.7d',
}

const roleWord = (role: ModeratorRole) =>
  role === 'admin' ? t('moderators.role.admin') : t('moderators.role.moderator')

/**
 * The owner's moderators (issue 13 §4): each invite with its role, expiry and whether its console
 * is online, "Revoke" to end it at once, and "Invite moderator" for a new link. Main owns the
 * list; this mirrors `moderators:changed`.
 */
export function ModeratorsPanel({ api }: { api: Api }) {
  const { value, setValue, error: loadError } = useSnapshot(api, 'moderators:get-snapshot')
  const [inviting, setInviting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  const inviteButton = useRef<HTMLButtonElement>(null)

  useEffect(() => api.on('moderators:changed', setValue), [api, setValue])

  const revoke = async (entry: ModeratorEntry) => {
    const result = await api.call('moderators:revoke', { id: entry.id })
    if (!result.ok) return setError(errorMessage(result.error))
    setError(null)
    setValue(result.value)
    setStatus(t('moderators.revoked', { name: entry.name }))
  }

  const closeDialog = (result: ModeratorInviteResult | null) => {
    setInviting(false)
    if (result) setValue(result.snapshot)
    inviteButton.current?.focus()
  }

  const list = value?.moderators ?? []
  return (
    <section className="panel panel-moderators" aria-label={t('moderators.title')}>
      <div className="panel-head">
        <h2 className="panel-title">
          {t('moderators.title')} <span className="panel-count">{list.length}</span>
        </h2>
        <button
          ref={inviteButton}
          type="button"
          className="button button-small"
          onClick={() => setInviting(true)}
        >
          {t('moderators.invite')}
        </button>
      </div>
      {(error ?? loadError) && (
        <p className="panel-error" role="alert">
          {error ?? (loadError ? errorMessage(loadError) : '')}
        </p>
      )}
      <p className="sr-only" aria-live="polite">
        {status}
      </p>
      {list.length === 0 ? (
        <p className="placeholder">{t('moderators.empty')}</p>
      ) : (
        <ul className="moderator-list" aria-label={t('moderators.list')}>
          {list.map((entry) => (
            <li key={entry.id} className="moderator-row" aria-label={entry.name}>
              <bdi className="moderator-name">{entry.name}</bdi>
              <span className={`badge moderator-role-${entry.role}`}>{roleWord(entry.role)}</span>
              <span className={entry.online ? 'badge moderator-online' : 'badge'}>
                {entry.online ? t('moderators.online') : t('moderators.offline')}
              </span>
              <span className="moderator-expiry">
                {entry.expired
                  ? t('moderators.expired')
                  : t('moderators.expires', { time: formatDateTime(entry.expiresAt) })}
              </span>
              <button
                type="button"
                className="button button-small button-danger"
                onClick={() => void revoke(entry)}
              >
                {t('moderators.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {inviting && <InviteDialog api={api} onClose={closeDialog} />}
    </section>
  )
}

/** Name, role and expiry → "Create link" → the link, shown this once. */
function InviteDialog(props: { api: Api; onClose(result: ModeratorInviteResult | null): void }) {
  const { api, onClose } = props
  const [name, setName] = useState('')
  const [role, setRole] = useState<ModeratorRole>('moderator')
  const [hours, setHours] = useState<(typeof expiries)[number]>(8)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [made, setMade] = useState<ModeratorInviteResult | null>(null)
  const [copied, setCopied] = useState('')
  const linkInput = useRef<HTMLInputElement>(null)

  const create = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    const result = await api.call('moderators:invite', { name, role, expiresInHours: hours })
    setBusy(false)
    if (!result.ok) return setError(errorMessage(result.error))
    setError(null)
    setMade(result.value)
  }

  const copy = async (link: string) => {
    try {
      await navigator.clipboard.writeText(link)
      setCopied(t('moderators.copied'))
    } catch {
      linkInput.current?.select()
      setCopied(document.execCommand('copy') ? t('moderators.copied') : t('viewerLinkCopyFailed'))
    }
  }

  return (
    <ModalDialog
      role="dialog"
      title={t('moderators.invite')}
      description={t('moderators.inviteHint')}
      onCancel={() => onClose(made)}
    >
      <form className="moderator-invite" onSubmit={(event) => void create(event)}>
        <label className="field">
          {t('moderators.name')}
          <input
            value={name}
            maxLength={32}
            required
            autoFocus
            disabled={made !== null}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label className="field">
          {t('moderators.role')}
          <select
            value={role}
            disabled={made !== null}
            onChange={(event) => setRole(event.target.value as ModeratorRole)}
          >
            {roles.map((value) => (
              <option key={value} value={value}>
                {roleWord(value)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('moderators.expiry')}
          <select
            value={hours}
            disabled={made !== null}
            onChange={(event) => setHours(Number(event.target.value) as (typeof expiries)[number])}
          >
            {expiries.map((value) => (
              <option key={value} value={value}>
                {t(expiryWords[value])}
              </option>
            ))}
          </select>
        </label>
        {role === 'admin' && !made && <p className="hint">{t('moderators.adminHint')}</p>}
        {error && (
          <p className="panel-error" role="alert">
            {error}
          </p>
        )}
        {made ? (
          <>
            <label className="field">
              {t('moderators.link')}
              <input
                ref={linkInput}
                className="viewer-link-url"
                value={made.link}
                readOnly
                onFocus={(event) => event.currentTarget.select()}
              />
            </label>
            {made.lanLinks.map((link) => (
              <p key={link} className="hint">
                {t('access.lanLink', { url: link })}
              </p>
            ))}
            <p className="hint">
              {t('moderators.desktopLink')} <code>{desktopInviteLink(made.link)}</code>
            </p>
            <p className="hint">{t('moderators.shownOnce')}</p>
            <p className="sr-only" aria-live="polite">
              {copied}
            </p>
            <div className="dialog-actions">
              <button type="button" className="button" onClick={() => void copy(made.link)}>
                {t('moderators.copy')}
              </button>
              <button type="button" className="button button-primary" onClick={() => onClose(made)}>
                {t('moderators.done')}
              </button>
            </div>
          </>
        ) : (
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => onClose(null)}>
              {t('cancel')}
            </button>
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('moderators.create')}
            </button>
          </div>
        )}
      </form>
    </ModalDialog>
  )
}
