import { useId, useState } from 'react'
import {
  LOTTERY_MAX_SECONDS,
  LOTTERY_MAX_WINNERS,
  LOTTERY_MIN_SECONDS,
  lotteryCsv,
  type LotteryResult,
  type LotteryView,
} from '../../../src-shared/protocol/lottery'
import type { Api } from '../../shared/api'
import { download } from '../../shared/download'
import { errorMessage } from '../../shared/error-message'
import { t } from '../../shared/i18n'
import { formatClock } from '../../shared/time'

/**
 * The keyword lottery (issue 12 §4): open one (keyword, winners, duration, minimum watch time),
 * watch the entrant count main keeps, draw now, redraw a winner who did not claim, and export the
 * verifiable result. The business host keeps and draws it; this panel mirrors main's view.
 */
export function LotteryPanel({ api, lottery }: { api: Api; lottery: LotteryView | null }) {
  const id = useId()
  const [keyword, setKeyword] = useState('')
  const [winners, setWinners] = useState(1)
  const [duration, setDuration] = useState(60)
  const [minWatch, setMinWatch] = useState(0)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const running = lottery !== null && lottery.phase !== 'drawn'

  const fail = (failure: Parameters<typeof errorMessage>[0]) =>
    setError(t('lottery.failed', { reason: errorMessage(failure) }))

  const start = async () => {
    setBusy(true)
    const result = await api.call('lottery:open', {
      keyword: keyword.trim(),
      winners,
      durationSeconds: duration,
      minWatchSeconds: minWatch,
    })
    setBusy(false)
    if (result.ok) setError('')
    else fail(result.error)
  }
  const drawNow = async () => {
    setBusy(true)
    const result = await api.call('lottery:draw', {})
    setBusy(false)
    if (!result.ok) fail(result.error)
    else setError('')
  }
  const redraw = async (userId: string) => {
    setBusy(true)
    const result = await api.call('lottery:redraw', { userId })
    setBusy(false)
    if (!result.ok) fail(result.error)
    else setError('')
  }
  const exportAs = async (format: 'json' | 'csv') => {
    const result = await api.call('lottery:export', {})
    if (!result.ok) return fail(result.error)
    const value: LotteryResult = result.value
    const stamp = new Date(value.closedAt).toISOString().replace(/[:.]/g, '-')
    if (format === 'json') {
      download(`lottery-${stamp}.json`, 'application/json', JSON.stringify(value, null, 2))
    } else {
      download(`lottery-${stamp}.csv`, 'text/csv', lotteryCsv(value))
    }
  }

  return (
    <section className="panel panel-lottery" aria-labelledby={`${id}-title`}>
      <h2 className="panel-title" id={`${id}-title`}>
        {t('lottery.title')}
      </h2>
      <form
        className="room-state-form lottery-form"
        onSubmit={(event) => {
          event.preventDefault()
          if (keyword.trim()) void start()
        }}
      >
        <label>
          {t('lottery.keyword')}
          <input value={keyword} maxLength={32} onChange={(e) => setKeyword(e.target.value)} />
        </label>
        <label>
          {t('lottery.winners')}
          <input
            type="number"
            min={1}
            max={LOTTERY_MAX_WINNERS}
            value={winners}
            onChange={(e) => setWinners(Number(e.target.value))}
          />
        </label>
        <label>
          {t('lottery.duration')}
          <input
            type="number"
            min={LOTTERY_MIN_SECONDS}
            max={LOTTERY_MAX_SECONDS}
            value={duration}
            onChange={(e) => setDuration(Number(e.target.value))}
          />
        </label>
        <label>
          {t('lottery.minWatch')}
          <input
            type="number"
            min={0}
            value={minWatch}
            onChange={(e) => setMinWatch(Number(e.target.value))}
          />
        </label>
        <div className="room-state-buttons">
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || running || keyword.trim() === ''}
          >
            {t('lottery.start')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || !running}
            onClick={() => void drawNow()}
          >
            {t('lottery.drawNow')}
          </button>
        </div>
      </form>
      {error && (
        <p className="panel-error" role="alert">
          {error}
        </p>
      )}
      {lottery && (
        <div className="lottery-state">
          <p aria-live="polite">
            {lottery.phase === 'open' && lottery.closesAt !== null
              ? t('lottery.open', { keyword: lottery.keyword, time: formatClock(lottery.closesAt) })
              : lottery.phase === 'paused'
                ? t('lottery.paused', { seconds: Math.ceil(lottery.remainingMs / 1000) })
                : t('lottery.drawn', {
                    time: formatClock(lottery.closedAt ?? lottery.openedAt),
                    count: lottery.entrantCount,
                  })}
          </p>
          <p className="lottery-count">{t('lottery.entrants', { count: lottery.entrantCount })}</p>
          <p className="lottery-hash">{t('lottery.commitment', { hash: lottery.commitment })}</p>
          {lottery.seed && (
            <p className="lottery-hash">{t('lottery.seed', { seed: lottery.seed })}</p>
          )}
          {lottery.phase === 'drawn' && (
            <>
              {lottery.winners.length === 0 ? (
                <p className="panel-note">{t('lottery.noWinners')}</p>
              ) : (
                <ul className="lottery-winners" aria-label={t('lottery.winners')}>
                  {lottery.winners.map((winner) => (
                    <li key={winner.userId}>
                      <span className="lottery-winner">{winner.nick}</span>
                      <button
                        type="button"
                        className="button button-small"
                        disabled={busy}
                        onClick={() => void redraw(winner.userId)}
                      >
                        {t('lottery.redraw', { nick: winner.nick })}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              <div className="room-state-buttons">
                <button type="button" className="button" onClick={() => void exportAs('json')}>
                  {t('lottery.export')}
                </button>
                <button type="button" className="button" onClick={() => void exportAs('csv')}>
                  {t('lottery.exportCsv')}
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  )
}
