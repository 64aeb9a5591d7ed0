import { useCallback, useEffect, useState } from 'react'
import {
  AuditAction,
  auditCsv,
  auditJson,
  PERMANENT_SECONDS,
  type AuditEntry,
  type AuditQuery,
} from '../../../src-shared/contract'
import type { Api } from '../../shared/contract-client'
import { download } from '../../shared/download'
import { errorMessage } from '../../shared/error-message'
import { t } from '../../shared/i18n'
import { formatDateTime } from '../../shared/time'

/** Whether the entry's mute or ban still holds, so "Unmute"/"Unban" would change something. */
function undoable(entry: AuditEntry, now: number): boolean {
  if (entry.undo !== 'unmute' && entry.undo !== 'unban') return false
  return entry.durationSeconds >= PERMANENT_SECONDS || entry.expiresAt > now
}

/**
 * The moderation audit log (issue 13 §5): every action with who took it, filtered by actor,
 * target and action, exportable as CSV and JSON, with unmute/unban on the entries still in force.
 * Read from main on open, on every change and on every filter edit; the business host keeps it.
 */
export function AuditLogPanel({ api }: { api: Api }) {
  const [query, setQuery] = useState<AuditQuery>({})
  const [entries, setEntries] = useState<AuditEntry[]>([])
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  /** When the entries were read: what "still in force" is judged against. */
  const [now, setNow] = useState(0)

  const reload = useCallback(async () => {
    const result = await api.call('audit:get-entries', query)
    if (result.ok) {
      setEntries(result.value.entries)
      setNow(Date.now())
      setError(null)
    } else setError(errorMessage(result.error))
  }, [api, query])

  useEffect(() => {
    const offLink = api.onLink((link) => {
      if (link === 'open') void reload()
    })
    const offChanged = api.on('audit:changed', () => void reload())
    const offFilters = api.on('filters:changed', () => void reload())
    const offReview = api.on('review:changed', () => void reload())
    return () => {
      offLink()
      offChanged()
      offFilters()
      offReview()
    }
  }, [api, reload])

  const undo = async (entry: AuditEntry) => {
    const result =
      entry.undo === 'unmute'
        ? await api.call('moderation:unmute', { userId: entry.target })
        : await api.call('moderation:ban', { userId: entry.target, seconds: 0 })
    if (!result.ok) return setError(errorMessage(result.error))
    setStatus(
      t(entry.undo === 'unmute' ? 'unmutedResult' : 'unbannedResult', { nick: entry.target }),
    )
  }

  const set = (field: keyof AuditQuery, value: string) =>
    setQuery((current) => {
      const next = { ...current }
      if (value) (next as Record<string, string>)[field] = value
      else delete next[field]
      return next
    })

  const stamp = () => new Date().toISOString().replace(/[:.]/g, '-')
  return (
    <section className="panel panel-audit" aria-label={t('audit.title')}>
      <div className="panel-head">
        <h2 className="panel-title">
          {t('audit.title')} <span className="panel-count">{entries.length}</span>
        </h2>
        <button
          type="button"
          className="button button-small"
          onClick={() => download(`livedesk-audit-${stamp()}.csv`, 'text/csv', auditCsv(entries))}
        >
          {t('audit.exportCsv')}
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            download(`livedesk-audit-${stamp()}.json`, 'application/json', auditJson(entries))
          }
        >
          {t('audit.exportJson')}
        </button>
      </div>
      <div className="filters-form">
        <label className="field">
          {t('audit.actor')}
          <input value={query.actor ?? ''} onChange={(e) => set('actor', e.target.value.trim())} />
        </label>
        <label className="field">
          {t('audit.target')}
          <input
            value={query.target ?? ''}
            onChange={(e) => set('target', e.target.value.trim())}
          />
        </label>
        <label className="field">
          {t('audit.action')}
          <select value={query.action ?? ''} onChange={(e) => set('action', e.target.value)}>
            <option value="">{t('audit.anyAction')}</option>
            {AuditAction.options.map((action) => (
              <option key={action} value={action}>
                {t(`audit.action.${action}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p className="panel-error" role="alert">
          {error}
        </p>
      )}
      <p className="sr-only" aria-live="polite">
        {status}
      </p>
      {entries.length === 0 ? (
        <p className="placeholder">{t('audit.empty')}</p>
      ) : (
        <ul className="review-list">
          {entries.map((entry) => (
            <li key={entry.id} className="review-row">
              <div className="review-line">
                <time className="chat-time" dateTime={new Date(entry.lastAt).toISOString()}>
                  {formatDateTime(entry.lastAt)}
                </time>
                <bdi className="member-nick">{entry.actor}</bdi>
                <span className="badge filter-kind">{t(`audit.action.${entry.action}`)}</span>
                {entry.target && <bdi className="member-id">{entry.target}</bdi>}
                {entry.count > 1 && (
                  <span className="badge">{t('audit.count', { count: entry.count })}</span>
                )}
                {entry.durationSeconds > 0 && (
                  <span className="filter-hits">
                    {entry.durationSeconds >= PERMANENT_SECONDS
                      ? t('audit.permanent')
                      : t('audit.until', { time: formatDateTime(entry.expiresAt) })}
                  </span>
                )}
                {undoable(entry, now) && (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => void undo(entry)}
                  >
                    {t(entry.undo === 'unmute' ? 'audit.unmute' : 'audit.unban', {
                      target: entry.target,
                    })}
                  </button>
                )}
              </div>
              {(entry.reason || entry.message) && (
                <bdi className="review-text">
                  {[entry.reason, entry.message].filter(Boolean).join(' — ')}
                </bdi>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
