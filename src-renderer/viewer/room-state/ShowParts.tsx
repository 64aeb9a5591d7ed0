import { useState } from 'react'
import type { LotteryView } from '../../../src-shared/protocol/lottery'
import type { RoomState } from '../../../src-shared/protocol/room-state'
import { t } from '../../shared/i18n'
import { roomStateText } from '../../shared/room-state-text'
import { useNow } from '../../shared/use-now'
import { formatClock } from '../../shared/time'
import './show-parts.css'

/**
 * What the viewer page shows of the room's state (issue 12 §1): the status named "Room state",
 * the be-right-back card that stands in for a frozen frame while paused, and the replay.
 */

/** The status line in the header; its text starts with Scheduled, Live, Paused, Ended or Replay. */
export function RoomStateStatus({ state }: { state: RoomState | null }) {
  // A scheduled time reads as a clock today and as a date beyond: refreshed once a minute.
  const now = useNow(60_000)
  return (
    <p
      className={`room-state-badge room-state-${state?.state ?? 'none'}`}
      role="status"
      aria-label={t('roomState.title')}
    >
      {roomStateText(state, now)}
    </p>
  )
}

/** Instead of the player while the room is paused. */
export function BeRightBack() {
  return (
    <div className="brb-card">
      <p className="brb-title">{t('viewer.brb')}</p>
      <p className="muted-text">{t('viewer.brbNote')}</p>
    </div>
  )
}

/**
 * The show's recording after it ended: a button first (nothing loads until asked), then a plain
 * video element. The URL came from the business host and is http(s) or a path of this server
 * (room-state-machine.ts checks it); a video element runs no script from it.
 */
export function Replay({ url }: { url: string }) {
  const [playing, setPlaying] = useState(false)
  if (!playing) {
    return (
      <div className="brb-card">
        <button type="button" className="button button-primary" onClick={() => setPlaying(true)}>
          {t('viewer.watchReplay')}
        </button>
      </div>
    )
  }
  return (
    <video
      className="replay-video"
      src={url}
      controls
      autoPlay
      aria-label={t('viewer.watchReplay')}
    />
  )
}

/** The room's lottery: how to enter while it is open, its winners once drawn (names as text). */
export function LotteryCard({ lottery }: { lottery: LotteryView }) {
  if (lottery.phase === 'drawn') {
    return (
      <section className="lottery-card" aria-labelledby="lottery-title">
        <h2 id="lottery-title">{t('lottery.viewerDrawn')}</h2>
        <ul aria-label={t('lottery.winners')}>
          {lottery.winners.map((winner) => (
            <li key={winner.userId}>{winner.nick}</li>
          ))}
        </ul>
      </section>
    )
  }
  return (
    <section className="lottery-card" aria-label={t('lottery.title')}>
      <p>
        {lottery.phase === 'paused' || lottery.closesAt === null
          ? t('lottery.viewerPaused')
          : t('lottery.viewerOpen', {
              keyword: lottery.keyword,
              time: formatClock(lottery.closesAt),
            })}
      </p>
    </section>
  )
}
