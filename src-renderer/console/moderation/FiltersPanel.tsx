import { useId, useState, type FormEvent } from 'react'
import type { FilterAction, FilterKind, FilterRule } from '../../../src-shared/contract'
import type { Api } from '../../shared/contract-client'
import { errorMessage } from '../../shared/error-message'
import { t } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { SafetyControls } from './SafetyControls'
import { useFilters } from './use-filters'

const kinds: readonly FilterKind[] = ['term', 'regex', 'link', 'repeat', 'caps']
const actions: readonly FilterAction[] = ['reject', 'drop', 'hold', 'mask']

/** What the text box asks for, by kind (repeats and shouting need none). */
const patternLabel: Partial<Record<FilterKind, MessageKey>> = {
  term: 'filters.term',
  regex: 'filters.regex',
  link: 'filters.allowedDomains',
}

/**
 * The room's keyword filters (issue 13 §1): add a rule — what it looks for, what happens to a
 * message it matches, and whether it fails closed — and remove one. Rules are main's (kept by the
 * business host); this panel shows main's snapshot. Patterns are rendered as text.
 */
export function FiltersPanel({ api }: { api: Api }) {
  const { snapshot, setSnapshot, loadError } = useFilters(api)
  const [kind, setKind] = useState<FilterKind>('term')
  const [pattern, setPattern] = useState('')
  const [action, setAction] = useState<FilterAction>('reject')
  const [failClosed, setFailClosed] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  const id = useId()
  const needsPattern = patternLabel[kind] !== undefined

  const add = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    const result = await api.call('filters:add-rule', {
      kind,
      pattern: needsPattern ? pattern : '',
      action,
      onTimeout: failClosed ? 'apply' : 'allow',
    })
    setBusy(false)
    if (!result.ok) {
      setError(errorMessage(result.error))
      return
    }
    setError(null)
    setSnapshot(result.value)
    setPattern('')
    setStatus(t('filters.added'))
  }

  const remove = async (rule: FilterRule) => {
    const result = await api.call('filters:remove-rule', { id: rule.id })
    if (!result.ok) setError(errorMessage(result.error))
    else {
      setError(null)
      setSnapshot(result.value)
      setStatus(t('filters.removed'))
    }
  }

  const rules = snapshot?.rules ?? []
  return (
    <section className="panel panel-filters" aria-label={t('filters.title')}>
      <div className="panel-head">
        <h2 className="panel-title">
          {t('filters.title')} <span className="panel-count">{rules.length}</span>
        </h2>
      </div>
      <SafetyControls api={api} />
      <form className="filters-form" onSubmit={(event) => void add(event)}>
        <label className="field">
          {t('filters.kind')}
          <select value={kind} onChange={(event) => setKind(event.target.value as FilterKind)}>
            {kinds.map((value) => (
              <option key={value} value={value}>
                {t(`filters.kind.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {needsPattern && (
          <label className="field filters-pattern">
            {t(patternLabel[kind]!)}
            <input
              value={pattern}
              maxLength={200}
              required={kind !== 'link'}
              aria-describedby={`${id}-hint`}
              onChange={(event) => setPattern(event.target.value)}
            />
          </label>
        )}
        <label className="field">
          {t('filters.action')}
          <select
            value={action}
            onChange={(event) => setAction(event.target.value as FilterAction)}
          >
            {actions.map((value) => (
              <option key={value} value={value}>
                {t(`filters.action.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filters-check">
          <input
            type="checkbox"
            checked={failClosed}
            onChange={(event) => setFailClosed(event.target.checked)}
          />
          {t('filters.failClosed')}
        </label>
        <button type="submit" className="button button-small" disabled={busy}>
          {t('filters.add')}
        </button>
        <p id={`${id}-hint`} className="panel-note filters-hint">
          {t(`filters.hint.${kind}`)}
        </p>
      </form>
      {(error ?? loadError) && (
        <p className="panel-error" role="alert">
          {error ?? (loadError ? errorMessage(loadError) : '')}
        </p>
      )}
      <p className="sr-only" aria-live="polite">
        {status}
      </p>
      {rules.length === 0 ? (
        <p className="placeholder">{t('filters.empty')}</p>
      ) : (
        <ul className="filter-list" aria-label={t('filters.rules')}>
          {rules.map((rule) => (
            <li key={rule.id} className="filter-row">
              <span className="badge filter-kind">{t(`filters.kind.${rule.kind}`)}</span>
              <bdi className="filter-pattern">{rule.pattern}</bdi>
              <span className={`badge filter-action filter-action-${rule.action}`}>
                {t(`filters.action.${rule.action}`)}
              </span>
              {rule.onTimeout === 'apply' && (
                <span className="badge">{t('filters.failsClosed')}</span>
              )}
              <span className="filter-hits">{t('filters.hits', { count: rule.hits })}</span>
              <button
                type="button"
                className="button button-small"
                aria-label={t('filters.remove', {
                  rule: rule.pattern || t(`filters.kind.${rule.kind}`),
                })}
                onClick={() => void remove(rule)}
              >
                {t('filters.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
