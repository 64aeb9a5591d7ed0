import type { ConnectionState, OnlineStats } from '../../src-shared/contract'
import { t } from '../shared/i18n'
import { reachableUrl } from '../shared/reachable-url'
import { ViewerLink } from './ViewerLink'
import { ShortcutsButton } from './hotkeys/CheatSheet'

interface HeaderProps {
  name: string
  roomId: string
  connection: ConnectionState
  online: OnlineStats
  /**
   * The online count and peak, for a console without the director strip (a moderator's): the
   * strip says them for the owner, and the header would only repeat it.
   */
  showOnline: boolean
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
  showOnline,
  viewerUrl,
  muteAll,
  muteAllEnabled,
  muteAllNote,
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
      {showOnline && (
        // One pill, as the strip says it: the count, then its peak.
        <p className="online" role="group" aria-label={t('online')}>
          <span className="online-label" aria-hidden="true">
            {t('online')}
          </span>
          <strong className="online-count">{online.count}</strong>
          <span className="online-peak">{t('onlinePeak', { count: online.peak })}</span>
        </p>
      )}
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
        // A mark, not a sentence, in the header's one row: the words are the switch's description
        // for a screen reader and the mark's tooltip for the pointer.
        <span className="switch-note" title={muteAllNote}>
          <span aria-hidden="true">ⓘ</span>
          <span id="mute-all-note" className="sr-only">
            {muteAllNote}
          </span>
        </span>
      )}
      {viewerUrl && <ViewerLink url={reachableUrl(viewerUrl, location.hostname)} />}
      <ShortcutsButton />
    </header>
  )
}
