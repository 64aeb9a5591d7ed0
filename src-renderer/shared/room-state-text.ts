import type { RoomState } from '../../src-shared/protocol/room-state'
import { t } from './i18n'
import { formatClock, formatUntil } from './time'

/**
 * The room state in words, the same on the console and the viewer page (issue 12 §1): the
 * English words start with Scheduled, Live, Paused, Ended or Replay, which is what screen readers
 * and tests look for in the status named "Room state".
 */

/** A length as 1:02:05 or 12:05 (hours only when there are any). */
export function formatLength(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const two = (n: number) => String(n).padStart(2, '0')
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`
}

export function roomStateText(state: RoomState | null, now: number): string {
  if (!state) return t('roomState.none')
  switch (state.state) {
    case 'scheduled': {
      const time = formatUntil(state.scheduledAt ?? state.since, now)
      return state.title
        ? t('roomState.scheduledTitled', { time, title: state.title })
        : t('roomState.scheduled', { time })
    }
    case 'live':
      return state.startedAt
        ? t('roomState.liveSince', { time: formatClock(state.startedAt) })
        : t('roomState.live')
    case 'paused':
      return t('roomState.paused')
    case 'ended':
      return state.startedAt && state.endedAt
        ? t('roomState.ended', { length: formatLength(state.endedAt - state.startedAt) })
        : t('roomState.endedNoLength')
    case 'replay':
      return t('roomState.replay')
  }
}
