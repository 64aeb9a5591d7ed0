import { useState } from 'react'
import type { GiftFeedEntry, TopGifter } from '../../../src-shared/protocol/gift-feed'
import type { Api } from '../../shared/api'
import { errorMessage } from '../../shared/error-message'
import { getLocale, t } from '../../shared/i18n'
import { formatClock } from '../../shared/time'
import { GiftSettingsForm } from './GiftSettingsForm'
import { useGifts } from './use-gifts'
import './gifts.css'

function nameOf(entry: GiftFeedEntry): string {
  const locale = getLocale()
  return locale === 'ko' || locale === 'zh-CN' ? entry.names[locale] : entry.names.en
}

/**
 * The console's gift feed (region "Gifts"): one entry per combo, updated in place while it runs;
 * this show's totals; the likes; a "Thanked" mark every console of the room shares; and the top
 * gifters of this show and of today.
 */
export function GiftsPanel({ api }: { api: Api }) {
  const { gifts, markThanked } = useGifts(api)
  const [error, setError] = useState<string | null>(null)
  const [board, setBoard] = useState<'show' | 'today'>('show')
  const feed = gifts?.feed ?? null

  const thank = async (comboId: string) => {
    const failed = await markThanked(comboId)
    setError(failed ? errorMessage(failed) : null)
  }

  return (
    <section className="panel panel-gifts" aria-label={t('gifts.panel')}>
      <div className="panel-head">
        <h2 className="panel-title">{t('gifts.panel')}</h2>
        {feed && feed.waiting > 0 && (
          <span className="gifts-waiting">{t('gifts.waiting', { count: feed.waiting })}</span>
        )}
      </div>
      {gifts && !gifts.available && <p className="panel-note">{t('gifts.unavailable')}</p>}
      {feed && (
        <div className="gifts-summary">
          <p>
            {t('gifts.totals', {
              coins: feed.totals.amount,
              gifts: feed.totals.gifts,
              senders: feed.totals.senders,
            })}
          </p>
          <p>
            <span aria-hidden="true">♥ {t('gifts.likes')}</span>{' '}
            <strong aria-label={t('gifts.likes')}>{feed.likes.total}</strong>{' '}
            <span className="gifts-dim">
              {t('gifts.likeRate', { count: feed.likes.lastMinute })}
            </span>
          </p>
          {feed.shed > 0 && <p className="gifts-dim">{t('gifts.shed', { count: feed.shed })}</p>}
        </div>
      )}
      {error && (
        <p className="panel-error" role="alert">
          {error}
        </p>
      )}
      <ol className="gifts-feed">
        {feed?.entries.length === 0 && <li className="panel-note">{t('gifts.empty')}</li>}
        {feed?.entries.map((entry) => {
          const gift = nameOf(entry)
          const classes = ['gift-entry', entry.final ? 'gift-entry-done' : 'gift-entry-running']
          if (entry.large) classes.push('gift-entry-large')
          return (
            <li key={entry.comboId} className={classes.join(' ')}>
              <span className="gift-entry-text">
                {t('gifts.sent', { nick: entry.nick, gift, count: entry.count })}
              </span>
              <span className="gift-entry-value">{t('gifts.value', { coins: entry.amount })}</span>
              {/* A running combo says so; an ended one when it ended, as the chat's lines do. */}
              {entry.final ? (
                <time className="gift-entry-state" dateTime={new Date(entry.lastAt).toISOString()}>
                  {formatClock(entry.lastAt)}
                </time>
              ) : (
                <span className="gift-entry-state">{t('gifts.inProgress')}</span>
              )}
              <button
                type="button"
                className="button button-small"
                aria-pressed={entry.thankedAt !== null}
                title={t('gifts.markThanked', { nick: entry.nick, gift })}
                onClick={() => void thank(entry.comboId)}
              >
                {entry.thankedAt !== null ? '✓ ' : ''}
                {t('gifts.thanked')}
              </button>
            </li>
          )
        })}
      </ol>
      <section className="gifts-top" aria-label={t('gifts.topGifters')}>
        <div className="gifts-top-head">
          <h3>{t('gifts.topGifters')}</h3>
          <button
            type="button"
            className="button button-small"
            aria-pressed={board === 'show'}
            onClick={() => setBoard('show')}
          >
            {t('gifts.thisShow')}
          </button>
          <button
            type="button"
            className="button button-small"
            aria-pressed={board === 'today'}
            onClick={() => setBoard('today')}
          >
            {t('gifts.today')}
          </button>
        </div>
        <ol className="gifts-top-list">
          {(feed?.top[board] ?? []).map((gifter: TopGifter) => (
            <li key={gifter.userId}>
              <span className="gifts-top-nick">{gifter.nick}</span>
              <span>{t('gifts.value', { coins: gifter.amount })}</span>
            </li>
          ))}
        </ol>
      </section>
      {gifts?.available && <GiftSettingsForm api={api} />}
    </section>
  )
}
