import type { Api } from '../shared/api'
import { ChatLog, type ChatLineData } from '../shared/ChatLog'
import { Composer } from '../shared/Composer'
import { errorMessage } from '../shared/error-message'
import { t } from '../shared/i18n'
import { ModerateButton } from './ModerateButton'
import type { MenuTarget } from './ModerationMenu'
import type { RoomState } from './room-state'

interface ChatPanelProps {
  api: Api
  room: RoomState
  /** The console's one status line: moderation results and errors, in words. */
  status: string
  /** Key of the moderate button whose menu is open. */
  openKey: string | null
  onModerate(target: MenuTarget): void
  /**
   * The composer: the owner's own voice in the room. A moderator's console has none (issue 13
   * §4: it would speak as the owner).
   */
  canSend?: boolean
}

/** Chat moderation: the log, per-line moderation, the anchor's own composer, the status line. */
export function ChatPanel(props: ChatPanelProps) {
  const { api, room, status, openKey, onModerate, canSend = true } = props
  const send = async (text: string) => {
    const result = await api.call('room:send-message', { text })
    return result.ok ? null : errorMessage(result.error)
  }

  const renderActions = (line: ChatLineData) => {
    if (line.self || line.from === room.selfUserId) return null
    const nick = line.nick || line.from
    return (
      <ModerateButton
        userId={line.from}
        nick={nick}
        menuKey={`line:${line.id}`}
        sequence={line.sequence}
        openKey={openKey}
        onModerate={onModerate}
      />
    )
  }

  return (
    <section className="panel panel-chat" aria-labelledby="chat-panel-title">
      <h2 className="panel-title" id="chat-panel-title">
        {t('chatPanel')}
      </h2>
      <ChatLog
        lines={room.messages}
        mutes={room.mutes}
        renderActions={renderActions}
        showDelivery
      />
      <p className="status-line" role="status">
        {status}
      </p>
      {canSend && <Composer onSend={send} />}
    </section>
  )
}
