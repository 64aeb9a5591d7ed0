import { useCallback, type KeyboardEvent } from 'react'
import type { Api } from '../shared/api'
import { ChatLog, type ChatLineData } from '../shared/ChatLog'
import { Composer } from '../shared/Composer'
import { errorMessage } from '../shared/error-message'
import { t } from '../shared/i18n'
import { ModerateButton } from './ModerateButton'
import type { MenuTarget, ModerationChoice } from './ModerationMenu'
import { hotkeyOf } from './hotkeys/hotkey-store'
import type { RoomState } from './room-state'

interface ChatPanelProps {
  api: Api
  room: RoomState
  /** The console's one status line: moderation results and errors, in words. */
  status: string
  /** Key of the moderate button whose menu is open. */
  openKey: string | null
  onModerate(target: MenuTarget): void
  /** A moderation choice for a line without its menu (its hotkeys). */
  onAct?(target: MenuTarget, choice: ModerationChoice): void
  /**
   * The composer: the owner's own voice in the room. A moderator's console has none (issue 13
   * §4: it would speak as the owner).
   */
  canSend?: boolean
}

/** What a chat line's keys do (issue 13 §7): a short mute, a ban that asks first, delete. */
const LINE_MUTE_SECONDS = 600
const LINE_BAN_SECONDS = 3600

/** Chat moderation: the log, per-line moderation, the anchor's own composer, the status line. */
export function ChatPanel(props: ChatPanelProps) {
  const { api, room, status, openKey, onModerate, onAct, canSend = true } = props
  const send = async (text: string) => {
    const result = await api.call('room:send-message', { text })
    return result.ok ? null : errorMessage(result.error)
  }

  // The same function until the open menu changes, so the log need not draw its lines again for
  // every batch of new ones (issue 15 §4).
  const selfUserId = room.selfUserId
  const renderActions = useCallback(
    (line: ChatLineData) => {
      if (line.self || line.from === selfUserId) return null
      const nick = line.nick || line.from
      return (
        <ModerateButton
          userId={line.from}
          nick={nick}
          menuKey={`line:${line.id}`}
          sequence={line.sequence}
          openKey={openKey}
          onModerate={onModerate}
          tabIndex={-1}
        />
      )
    },
    [selfUserId, openKey, onModerate],
  )

  /** M, B, Delete (as bound) on the selected line; the show's keys go on to the page. */
  const onLineKey = (line: ChatLineData, event: KeyboardEvent, element: HTMLElement) => {
    if (!onAct || line.self || line.from === room.selfUserId) return false
    const action = hotkeyOf(event, 'chat')
    const trigger = element.querySelector<HTMLElement>('[aria-haspopup="menu"]') ?? element
    const target: MenuTarget = {
      userId: line.from,
      nick: line.nick || line.from,
      trigger,
      key: `line:${line.id}`,
      sequence: line.sequence,
    }
    let choice: ModerationChoice
    if (action === 'chat.mute') choice = { kind: 'mute', seconds: LINE_MUTE_SECONDS }
    else if (action === 'chat.ban') choice = { kind: 'ban', seconds: LINE_BAN_SECONDS }
    else if (action === 'chat.delete' && line.sequence !== undefined)
      choice = { kind: 'delete-message', sequence: line.sequence }
    else return false
    onAct(target, choice)
    return true
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
        moderation={{ onLineKey }}
      />
      <p className="status-line" role="status">
        {status}
      </p>
      {canSend && <Composer onSend={send} />}
    </section>
  )
}
