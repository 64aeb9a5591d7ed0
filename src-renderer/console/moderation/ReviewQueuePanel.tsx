import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { ReviewDecision, ReviewItem, ReviewOutcome } from '../../../src-shared/contract'
import type { Api } from '../../shared/contract-client'
import { errorMessage } from '../../shared/error-message'
import { t } from '../../shared/i18n'
import { formatClock } from '../../shared/time'
import { useNow } from '../../shared/use-now'
import { useReview } from './use-review'
import { hotkeyOf } from '../hotkeys/hotkey-store'

/** Tencent's before-send budget (reference §5.1): what a held message's sender did not wait for. */
const CALLBACK_BUDGET_S = 2

/**
 * The review queue (issue 13 §2): messages a filter held, shared by every moderator's console.
 * Claim an item (others then see who holds it), approve it (delivered late as its sender's) or
 * deny it. Another moderator who got there first is named — an outcome, not an error. Messages
 * are rendered as text.
 */
export function ReviewQueuePanel({ api }: { api: Api }) {
  const { snapshot, receivedAt, setSnapshot, loadError } = useReview(api)
  const [status, setStatus] = useState('')
  const [error, setError] = useState<string | null>(null)
  const items = snapshot?.items ?? []
  // The list is one Tab stop: the selected item (J/K or arrows move), its buttons after it.
  const [selected, setSelected] = useState<{ id: number; index: number } | null>(null)
  const itemElements = useRef(new Map<number, HTMLLIElement>())
  const foundIndex = selected ? items.findIndex((item) => item.id === selected.id) : -1
  // A decided item leaves: the one now in its place is selected.
  const currentIndex =
    foundIndex !== -1 ? foundIndex : Math.max(0, Math.min(selected?.index ?? 0, items.length - 1))
  const current = items[currentIndex]
  // …and has focus, if focus went with the item that left.
  useEffect(() => {
    if (selected && current && document.activeElement === document.body) {
      itemElements.current.get(current.id)?.focus()
    }
  }, [selected, current])

  const now = useNow(1000, items.length > 0)

  // The host's clock, run on by this page's: a wait does not depend on the two clocks agreeing.
  const hostNow = snapshot ? snapshot.now + Math.max(0, now - receivedAt) : 0
  const oldest = items[0]
  const oldestWait = oldest ? Math.max(0, Math.round((hostNow - oldest.heldAt) / 1000)) : 0

  const told = (outcome: ReviewOutcome, done: string) => {
    setSnapshot(outcome.snapshot)
    setError(null)
    if (outcome.result === 'done') setStatus(done)
    else if (outcome.result === 'claimed') setStatus(t('review.claimedByOther', { by: outcome.by }))
    else setStatus(t('review.alreadyHandled', { by: outcome.by || t('review.expiredBy') }))
  }

  const claim = async (item: ReviewItem) => {
    const result = await api.call('review:claim', { id: item.id })
    if (!result.ok) return setError(errorMessage(result.error))
    told(result.value, t('review.claimedResult', { from: item.from }))
  }

  const decide = async (item: ReviewItem, decision: ReviewDecision) => {
    const result = await api.call('review:decide', { id: item.id, decision })
    if (!result.ok) return setError(errorMessage(result.error))
    told(
      result.value,
      t(decision === 'approve' ? 'review.approvedResult' : 'review.deniedResult', {
        from: item.from,
      }),
    )
  }

  const focusAt = (index: number) => {
    const item = items[Math.max(0, Math.min(items.length - 1, index))]
    if (!item) return
    setSelected({ id: item.id, index: items.indexOf(item) })
    itemElements.current.get(item.id)?.focus()
  }

  /** J/K (and the arrows) move; A, D, C approve, deny, claim the selected item (issue 13 §7). */
  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (!current) return
    const plain = !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey
    const action =
      plain && event.key === 'ArrowDown'
        ? 'review.next'
        : plain && event.key === 'ArrowUp'
          ? 'review.previous'
          : hotkeyOf(event, 'review')
    const run: Partial<Record<NonNullable<typeof action>, () => void>> = {
      'review.next': () => focusAt(currentIndex + 1),
      'review.previous': () => focusAt(currentIndex - 1),
      'review.approve': () => void decide(current, 'approve'),
      'review.deny': () => void decide(current, 'deny'),
      'review.claim': () => void claim(current),
    }
    const handler = action ? run[action] : undefined
    if (!handler) return
    event.preventDefault()
    handler()
  }

  return (
    <section className="panel panel-review" aria-label={t('review.title')}>
      <div className="panel-head">
        <h2 className="panel-title">
          {t('review.title')} <span className="panel-count">{items.length}</span>
        </h2>
        {oldest && (
          <span
            className={
              oldestWait > CALLBACK_BUDGET_S ? 'review-wait review-wait-late' : 'review-wait'
            }
          >
            {t('review.oldestWait', { seconds: oldestWait, budget: CALLBACK_BUDGET_S })}
          </span>
        )}
      </div>
      {(error ?? loadError) && (
        <p className="panel-error" role="alert">
          {error ?? (loadError ? errorMessage(loadError) : '')}
        </p>
      )}
      <p className="status-line" aria-live="polite">
        {status}
      </p>
      {items.length === 0 ? (
        <p className="placeholder">{t('review.empty')}</p>
      ) : (
        <ul className="review-list" onKeyDown={onListKey}>
          {items.map((item) => (
            <li
              key={item.id}
              ref={(node) => {
                if (node) itemElements.current.set(item.id, node)
                else itemElements.current.delete(item.id)
              }}
              className={item === current ? 'review-row review-row-selected' : 'review-row'}
              tabIndex={item === current ? 0 : -1}
              aria-current={item === current && selected !== null ? 'true' : undefined}
              onFocus={(event) => {
                if (event.target === event.currentTarget) {
                  setSelected({ id: item.id, index: items.indexOf(item) })
                }
              }}
            >
              <div className="review-line">
                <bdi className="member-nick">{item.from}</bdi>
                <time className="chat-time" dateTime={new Date(item.heldAt).toISOString()}>
                  {formatClock(item.heldAt)}
                </time>
                {item.rulePattern && (
                  <span className="badge filter-kind">
                    {t('review.rule', { rule: item.rulePattern })}
                  </span>
                )}
                {item.claimedBy && (
                  <span className="badge badge-claimed">
                    {t('review.claimedBy', { by: item.claimedBy })}
                  </span>
                )}
              </div>
              <bdi className="review-text">{item.text}</bdi>
              <div className="review-actions">
                <button
                  type="button"
                  className="button button-small"
                  tabIndex={item === current ? 0 : -1}
                  onClick={() => void claim(item)}
                >
                  {t('review.claim')}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  tabIndex={item === current ? 0 : -1}
                  onClick={() => void decide(item, 'approve')}
                >
                  {t('review.approve')}
                </button>
                <button
                  type="button"
                  className="button button-small button-danger"
                  tabIndex={item === current ? 0 : -1}
                  onClick={() => void decide(item, 'deny')}
                >
                  {t('review.deny')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
