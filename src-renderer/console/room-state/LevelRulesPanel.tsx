import { useEffect, useId, useState } from 'react'
import { checkLevelRules, type LevelRules } from '../../../src-shared/protocol/levels'
import type { Api } from '../../shared/api'
import { errorMessage } from '../../shared/error-message'
import { t, type MessageKey } from '../../shared/i18n'
import { levelRulesError } from '../../shared/level-rules-text'

/**
 * The level rules editor (issue 12 §3): the weights, daily caps, membership bonus and
 * thresholds the room's levels follow, shown to the anchor as the business host applies them,
 * checked as they are typed (the same check the host makes: one field named at a time), and
 * saved on the host, which applies them at once.
 */

const kinds = ['message', 'onlineMinute', 'like', 'gift'] as const
type Kind = (typeof kinds)[number]
const kindNames: Record<Kind, MessageKey> = {
  message: 'levelRules.kind.message',
  onlineMinute: 'levelRules.kind.onlineMinute',
  like: 'levelRules.kind.like',
  gift: 'levelRules.kind.gift',
}

interface Draft {
  weights: Record<Kind, string>
  dailyCaps: Record<Kind, string>
  memberBonus: string
  thresholds: string
}

const draftOf = (rules: LevelRules): Draft => ({
  weights: Object.fromEntries(kinds.map((k) => [k, String(rules.weights[k])])) as Draft['weights'],
  dailyCaps: Object.fromEntries(
    kinds.map((k) => [k, String(rules.dailyCaps[k])]),
  ) as Draft['dailyCaps'],
  memberBonus: String(rules.memberBonus),
  thresholds: rules.thresholds.join(', '),
})

/** A typed number: empty or not a number reads as NaN, which the check names. */
const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text))

const rulesOf = (draft: Draft): LevelRules => ({
  weights: Object.fromEntries(
    kinds.map((k) => [k, numberOf(draft.weights[k])]),
  ) as LevelRules['weights'],
  dailyCaps: Object.fromEntries(
    kinds.map((k) => [k, numberOf(draft.dailyCaps[k])]),
  ) as LevelRules['dailyCaps'],
  memberBonus: numberOf(draft.memberBonus),
  thresholds: draft.thresholds.trim() === '' ? [] : draft.thresholds.split(',').map(numberOf),
})

export function LevelRulesPanel({ api }: { api: Api }) {
  const id = useId()
  const [draft, setDraft] = useState<Draft | null>(null)
  const [status, setStatus] = useState('')
  const [loadError, setLoadError] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let gone = false
    void api.call('levels:get-rules', {}).then((result) => {
      if (gone) return
      if (result.ok) setDraft(draftOf(result.value))
      else setLoadError(t('levelRules.loadFailed', { reason: errorMessage(result.error) }))
    })
    return () => {
      gone = true
    }
  }, [api])

  const checked = draft ? checkLevelRules(rulesOf(draft)) : null
  const problem = checked && !checked.ok ? checked : null
  /** The field the check names, with its part: `thresholds.3` marks the thresholds box. */
  const invalid = (field: string) =>
    problem !== null && (problem.field === field || problem.field.startsWith(`${field}.`))

  const save = async () => {
    if (!checked?.ok) return
    setBusy(true)
    setStatus(t('levelRules.saving'))
    const result = await api.call('levels:save-rules', checked.rules)
    setBusy(false)
    if (result.ok) {
      setDraft(draftOf(result.value))
      setStatus(t('levelRules.saved'))
    } else {
      setStatus(t('levelRules.failed', { reason: errorMessage(result.error) }))
    }
  }

  const change = (next: Draft) => {
    setDraft(next)
    setStatus('')
  }

  return (
    <section className="panel panel-level-rules" aria-labelledby={`${id}-title`}>
      <h2 className="panel-title" id={`${id}-title`}>
        {t('levelRules.title')}
      </h2>
      {loadError && (
        <p className="panel-error" role="alert">
          {loadError}
        </p>
      )}
      {draft && (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            void save()
          }}
        >
          <p className="panel-note">{t('levelRules.intro')}</p>
          <table className="level-rules-table">
            <thead>
              <tr>
                <th scope="col">{t('levelRules.kindHead')}</th>
                <th scope="col">{t('levelRules.weightHead')}</th>
                <th scope="col">{t('levelRules.capHead')}</th>
              </tr>
            </thead>
            <tbody>
              {kinds.map((kind) => (
                <tr key={kind}>
                  <th scope="row">{t(kindNames[kind])}</th>
                  <td>
                    <input
                      type="number"
                      step="any"
                      min={0}
                      aria-label={t('levelRules.weight', { kind: t(kindNames[kind]) })}
                      aria-invalid={invalid(`weights.${kind}`)}
                      value={draft.weights[kind]}
                      onChange={(event) =>
                        change({
                          ...draft,
                          weights: { ...draft.weights, [kind]: event.target.value },
                        })
                      }
                    />
                  </td>
                  <td>
                    <input
                      type="number"
                      step="any"
                      min={0}
                      aria-label={t('levelRules.cap', { kind: t(kindNames[kind]) })}
                      aria-invalid={invalid(`dailyCaps.${kind}`)}
                      value={draft.dailyCaps[kind]}
                      onChange={(event) =>
                        change({
                          ...draft,
                          dailyCaps: { ...draft.dailyCaps, [kind]: event.target.value },
                        })
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="room-state-form">
            <label>
              {t('levelRules.memberBonus')}
              <input
                type="number"
                step="any"
                min={0}
                aria-invalid={invalid('memberBonus')}
                value={draft.memberBonus}
                onChange={(event) => change({ ...draft, memberBonus: event.target.value })}
              />
            </label>
            <label>
              {t('levelRules.thresholds')}
              <input
                type="text"
                inputMode="decimal"
                aria-describedby={`${id}-thresholds-help`}
                aria-invalid={invalid('thresholds')}
                value={draft.thresholds}
                onChange={(event) => change({ ...draft, thresholds: event.target.value })}
              />
            </label>
          </div>
          <p className="panel-note" id={`${id}-thresholds-help`}>
            {t('levelRules.thresholdsHelp')}
          </p>
          {problem && (
            <p className="level-rules-error" role="alert">
              {levelRulesError(problem.field, problem.reason)}
            </p>
          )}
          <div className="room-state-buttons">
            <button
              type="submit"
              className="button button-primary button-small"
              disabled={busy || problem !== null}
            >
              {t('levelRules.save')}
            </button>
            <span aria-live="polite">{status}</span>
          </div>
        </form>
      )}
    </section>
  )
}
