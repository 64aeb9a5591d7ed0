import { useEffect, useState, type ReactNode } from 'react'
import type { StreamStatus } from '../../../src-shared/contract'
import type { Api } from '../../shared/api'
import { t } from '../../shared/i18n'
import { formatLength } from '../../shared/room-state-text'
import { useNow } from '../../shared/use-now'
import { useSnapshot } from '../../shared/use-snapshot'
import { useGifts } from '../gifts/use-gifts'
import { useReview } from '../moderation/use-review'
import type { RoomState } from '../room-state'
import { encoderHealth, lotteryTimer } from './director-strip'
import './director-strip.css'

/** Seconds of samples whose dropped frames turn the encoder amber. */
const DROPPED_WINDOW = 5

/** The stream's status, mirrored from main: the Stage's snapshot on each (re)connect, then events. */
function useStreamStatus(api: Api): StreamStatus | null {
  const { value, setValue } = useSnapshot(api, 'stage:get-snapshot')
  useEffect(
    () =>
      api.on('stream:status-changed', (status) =>
        setValue((current) => (current ? { ...current, status } : current)),
      ),
    [api, setValue],
  )
  return value?.status ?? null
}

/** Main's second-by-second figures: the chat rate and the frames dropped lately. */
function useTicks(api: Api) {
  const [figures, setFigures] = useState({ chatRate: 0, dropped: [] as number[] })
  useEffect(
    () =>
      api.on('timeline:ticked', (tick) =>
        setFigures((current) => ({
          chatRate: tick.chatRate,
          dropped: [...current.dropped, tick.sample.dropped ?? 0].slice(-DROPPED_WINDOW),
        })),
      ),
    [api],
  )
  return { chatRate: figures.chatRate, recentDropped: figures.dropped.reduce((a, b) => a + b, 0) }
}

function Item({
  label,
  className,
  children,
}: {
  label: string
  className?: string
  children: ReactNode
}) {
  return (
    <div
      className={`strip-item${className ? ` ${className}` : ''}`}
      role="group"
      aria-label={label}
    >
      <span className="strip-label" aria-hidden="true">
        {label}
      </span>
      <span className="strip-value">{children}</span>
    </div>
  )
}

/**
 * The director strip across the top (issue 15 §1): the room state with the pause grace
 * countdown, the encoder at a glance, viewers and peak, the chat rate, messages held for review,
 * gifts not yet thanked and a running lottery's clock — each main's figure, shown as it comes.
 * Each item is a group named by what it shows; the encoder's colour always comes with words.
 */
export function DirectorStrip({ api, room }: { api: Api; room: RoomState }) {
  const status = useStreamStatus(api)
  const { chatRate, recentDropped } = useTicks(api)
  const { snapshot: review } = useReview(api)
  const { gifts } = useGifts(api)
  const state = room.liveState
  const counting = state?.state === 'paused' && state.endsAt !== null
  const lotteryRunning = room.lottery !== null && room.lottery.phase !== 'drawn'
  const now = useNow(1000, counting || lotteryRunning)
  const encoder = encoderHealth(status, recentDropped)
  const health = status?.state === 'stopped' ? null : status?.health
  const lottery = lotteryTimer(room.lottery, now)

  return (
    <section className="director-strip" aria-label={t('strip.title')}>
      <Item
        label={t('strip.roomState')}
        className={`strip-state strip-state-${state?.state ?? 'none'}`}
      >
        <strong>{t(`strip.state.${state?.state ?? 'none'}`)}</strong>
        {counting && state.endsAt !== null && (
          <span className="strip-sub">
            {t('strip.pauseEnds', { time: formatLength(state.endsAt - now) })}
          </span>
        )}
      </Item>
      <Item label={t('strip.encoder')} className={`strip-encoder strip-level-${encoder.level}`}>
        <span className="strip-dot" aria-hidden="true" />
        <strong>{t(encoder.words)}</strong>
        {health && (
          <span className="strip-sub">
            {health.bitrateKbps !== null
              ? t('strip.bitrate', { kbps: Math.round(health.bitrateKbps) })
              : t('strip.noBitrate')}
            {' · '}
            {t('strip.dropped', { count: health.droppedFrames })}
          </span>
        )}
      </Item>
      <Item label={t('strip.viewers')}>
        <strong>{room.online.count}</strong>
        <span className="strip-sub">{t('strip.peak', { count: room.online.peak })}</span>
      </Item>
      <Item label={t('strip.chatRate')}>
        <strong>{t('strip.msgPerSec', { rate: chatRate.toFixed(1) })}</strong>
      </Item>
      <Item
        label={t('strip.held')}
        className={review && review.items.length > 0 ? 'strip-attention' : undefined}
      >
        <strong>{review?.available ? review.items.length : t('strip.unknown')}</strong>
      </Item>
      <Item
        label={t('strip.unthanked')}
        className={(gifts?.feed?.waiting ?? 0) > 0 ? 'strip-attention' : undefined}
      >
        <strong>{gifts?.available && gifts.feed ? gifts.feed.waiting : t('strip.unknown')}</strong>
      </Item>
      <Item
        label={t('strip.lottery')}
        className={lottery.kind === 'open' ? 'strip-attention' : undefined}
      >
        <strong>
          {lottery.kind === 'none' && t('strip.lottery.none')}
          {lottery.kind === 'open' &&
            t('strip.lottery.closesIn', { time: formatLength(lottery.leftMs) })}
          {lottery.kind === 'paused' &&
            t('strip.lottery.paused', { time: formatLength(lottery.leftMs) })}
          {lottery.kind === 'drawing' && t('strip.lottery.drawing')}
        </strong>
      </Item>
    </section>
  )
}
