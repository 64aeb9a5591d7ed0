import type { ConnectionState } from '../../src-shared/contract'
import { t } from '../shared/i18n'
import { reachableUrl } from '../shared/reachable-url'
import { ViewerLink } from './ViewerLink'

interface HeaderProps {
  name: string
  roomId: string
  connection: ConnectionState
  onlineCount: number
  viewerUrl: string
  muteAll: boolean
  /** False until the room is loaded, and while a change is on its way. */
  muteAllEnabled: boolean
  onMuteAllChange(on: boolean): void
}

export function Header({
  name,
  roomId,
  connection,
  onlineCount,
  viewerUrl,
  muteAll,
  muteAllEnabled,
  onMuteAllChange,
}: HeaderProps) {
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
        <strong className="online-count">{onlineCount}</strong>
      </p>
      <button
        type="button"
        role="switch"
        aria-checked={muteAll}
        className="switch"
        disabled={!muteAllEnabled}
        onClick={() => onMuteAllChange(!muteAll)}
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        {t('muteAll')}
      </button>
      {viewerUrl && <ViewerLink url={reachableUrl(viewerUrl, location.hostname)} />}
    </header>
  )
}
