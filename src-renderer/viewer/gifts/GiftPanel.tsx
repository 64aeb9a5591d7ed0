import { giftName } from '../../../src-shared/protocol/gift-catalogue'
import { getLocale, t } from '../../shared/i18n'
import type { GiftLine, Gifts } from './use-gifts'
import './gifts.css'

/** The viewer's gift panel (region "Gifts"): a button per gift, the count, the balance, Like. */
export function GiftPanel({ gifts }: { gifts: Gifts }) {
  const { catalogue } = gifts
  return (
    <section className="card gift-panel" aria-label={t('gifts.panel')}>
      <div className="gift-panel-head">
        <h2>{t('gifts.panel')}</h2>
        <p className="gift-balance">
          <span aria-hidden="true">{t('gifts.balance')}</span>{' '}
          <strong aria-label={t('gifts.balance')}>{gifts.balance ?? ''}</strong>{' '}
          <span aria-hidden="true">{t('gifts.coins')}</span>
        </p>
        <label className="gift-count">
          <span>{t('gifts.count')}</span>
          <select
            aria-label={t('gifts.count')}
            value={gifts.count}
            onChange={(event) => gifts.setCount(Number(event.target.value))}
          >
            {(catalogue?.presets ?? [1]).map((preset) => (
              <option key={preset} value={preset}>
                {preset}
              </option>
            ))}
          </select>
        </label>
      </div>
      {gifts.failed && <p className="error-text">{t('gifts.loadFailed')}</p>}
      <ul className="gift-grid">
        {catalogue?.gifts.map((gift) => {
          const name = giftName(gift, getLocale())
          return (
            <li key={gift.id}>
              <button
                type="button"
                className="gift-button"
                aria-label={t('gifts.send', { name })}
                onClick={() => gifts.send(gift.id)}
              >
                <img src={gift.imageUrl} alt="" width={32} height={32} />
                <span className="gift-name">{name}</span>
                <span className="gift-price">{t('gifts.price', { price: gift.price })}</span>
              </button>
            </li>
          )
        })}
      </ul>
      {gifts.error && (
        <p className="error-text" role="alert">
          {gifts.error}
        </p>
      )}
      <div className="like-row">
        <button type="button" className="button like-button" onClick={gifts.like}>
          <span aria-hidden="true">♥</span> {t('gifts.like')}
        </button>
        <p className="like-total">
          <span aria-hidden="true">{t('gifts.likes')}</span>{' '}
          <strong aria-label={t('gifts.likes')}>{gifts.likes}</strong>
        </p>
        <div className="hearts" aria-hidden="true">
          {gifts.hearts.map((id) => (
            <span key={id} className="heart" style={{ left: `${(id * 37) % 80}%` }}>
              ♥
            </span>
          ))}
        </div>
      </div>
    </section>
  )
}

function lineText(line: GiftLine): string {
  return line.self
    ? t('gifts.youSent', { gift: line.giftName, count: line.count })
    : t('gifts.sent', { nick: line.nick, gift: line.giftName, count: line.count })
}

/** Gifts sliding in above the chat, and a large gift's full-screen moment. */
export function GiftStrip({ gifts }: { gifts: Gifts }) {
  return (
    <>
      <div className="gift-strip">
        <ul className="gift-strip-lines" aria-live="polite">
          {gifts.lines.map((line) => (
            <li key={line.comboId} className={line.self ? 'gift-line gift-line-self' : 'gift-line'}>
              {line.gift && <img src={line.gift.imageUrl} alt="" width={24} height={24} />}
              <span>{lineText(line)}</span>
            </li>
          ))}
        </ul>
      </div>
      {gifts.spotlight && (
        <div className="gift-spotlight" aria-hidden="true">
          {gifts.spotlight.gift && (
            <img src={gifts.spotlight.gift.imageUrl} alt="" width={220} height={220} />
          )}
          <p>{lineText(gifts.spotlight)}</p>
        </div>
      )}
    </>
  )
}
