import type { ConnectionState } from '../../src-shared/contract'
import { t } from '../shared/i18n'
import { ViewerLink } from './ViewerLink'

interface HeaderProps {
  name: string
  roomId: string
  connection: ConnectionState
  onlineCount: number
  viewerUrl: string
}

export function Header({ name, roomId, connection, onlineCount, viewerUrl }: HeaderProps) {
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
      {viewerUrl && <ViewerLink url={viewerUrl} />}
    </header>
  )
}
