import type { ConnectionState, OnlineStats } from '../../src-shared/contract'
import { t } from '../shared/i18n'
import { reachableUrl } from '../shared/reachable-url'
import { useNow } from '../shared/use-now'
import { onlinePoints } from './online-chart'
import { ViewerLink } from './ViewerLink'
import { ShortcutsButton } from './hotkeys/CheatSheet'

interface HeaderProps {
  name: string
  roomId: string
  connection: ConnectionState
  online: OnlineStats
  viewerUrl: string
  muteAll: boolean
  /** False until the room is loaded, and while a change is on its way. */
  muteAllEnabled: boolean
  /** Why this console may not use Mute all, shown beside the switch. */
  muteAllNote?: string
  onMuteAllChange(on: boolean): void
}

export function Header({
  name,
  roomId,
  connection,
  online,
  viewerUrl,
  muteAll,
  muteAllEnabled,
  muteAllNote,
  onMuteAllChange,
}: HeaderProps) {
  // The chart's time axis moves on without events.
  const now = useNow(30_000)
  return (
    <header className="topbar">
      <span className="brand">{t('appName')}</span>
      <div className="room-title">
        <h1>{name || t('loading')}</h1>
        {roomId && <span className="room-id">{t('roomId', { id: roomId })}</span>}
      </div>
      <p className={`connection connection-${connection}`} aria-live="polite">
        <span className="dot" aria-hidden="true" />
        {t(`connection.${connection}`)}
      </p>
      <p className="online" role="group" aria-label={t('online')}>
        <span className="online-label" aria-hidden="true">
          {t('online')}
        </span>
        <strong className="online-count">{online.count}</strong>
      </p>
      <p className="online-trend">
        <span className="online-peak">{t('onlinePeak', { count: online.peak })}</span>
        {online.history.length > 0 && (
          <svg
            className="online-chart"
            role="img"
            aria-label={t('onlineChart', { count: online.peak })}
            viewBox="0 0 120 24"
            width="120"
            height="24"
          >
            <polyline points={onlinePoints(online.history, now, 120, 24)} />
          </svg>
        )}
      </p>
      <button
        type="button"
        role="switch"
        aria-checked={muteAll}
        className="switch"
        disabled={!muteAllEnabled}
        title={muteAllNote}
        aria-describedby={muteAllNote ? 'mute-all-note' : undefined}
        onClick={() => onMuteAllChange(!muteAll)}
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        {t('muteAll')}
      </button>
      {muteAllNote && (
        <span id="mute-all-note" className="switch-note">
          {muteAllNote}
        </span>
      )}
      {viewerUrl && <ViewerLink url={reachableUrl(viewerUrl, location.hostname)} />}
      <ShortcutsButton />
    </header>
  )
}
