import { useCallback, useState } from 'react'
import type { Api } from '../shared/api'
import { ChatLog, type ChatLineData } from '../shared/ChatLog'
import { Composer } from '../shared/Composer'
import { errorMessage } from '../shared/error-message'
import { t } from '../shared/i18n'
import { formatClock } from '../shared/time'
import { ModerationMenu, type MenuTarget } from './ModerationMenu'
import type { RoomState } from './room-state'

interface ChatPanelProps {
  api: Api
  room: RoomState
}

/** Chat moderation: the log, per-line moderation, and the anchor's own composer. */
export function ChatPanel({ api, room }: ChatPanelProps) {
  const [menu, setMenu] = useState<MenuTarget | null>(null)
  const [status, setStatus] = useState('')

  const closeMenu = useCallback(
    (restoreFocus: boolean) => {
      if (restoreFocus && menu?.trigger.isConnected) menu.trigger.focus()
      setMenu(null)
    },
    [menu],
  )

  const mute = async (target: MenuTarget, seconds: number) => {
    setMenu(null)
    if (target.trigger.isConnected) target.trigger.focus()
    setStatus(t('moderating', { nick: target.nick }))
    const result = await api.call('moderation:mute', { userId: target.userId, seconds })
    if (!result.ok) {
      setStatus(t('moderationFailed', { nick: target.nick, reason: errorMessage(result.error) }))
    } else if (result.value.muteUntil > Date.now()) {
      setStatus(t('mutedResult', { nick: target.nick, time: formatClock(result.value.muteUntil) }))
    } else {
      setStatus(t('unmutedResult', { nick: target.nick }))
    }
  }

  const send = async (text: string) => {
    const result = await api.call('room:send-message', { text })
    return result.ok ? null : errorMessage(result.error)
  }

  const renderActions = (line: ChatLineData) => {
    if (line.self || line.from === room.selfUserId) return null
    const nick = line.nick || line.from
    const open = menu?.userId === line.from && menu.trigger.dataset.line === line.id
    return (
      <button
        type="button"
        className="icon-button"
        data-line={line.id}
        aria-label={t('moderate', { nick })}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={(event) => {
          const trigger = event.currentTarget
          setMenu(
            open ? null : { userId: line.from, nick, trigger, muted: room.mutes.has(line.from) },
          )
        }}
      >
        <span aria-hidden="true">⋯</span>
      </button>
    )
  }

  return (
    <section className="panel panel-chat" aria-labelledby="chat-panel-title">
      <h2 className="panel-title" id="chat-panel-title">
        {t('chatPanel')}
      </h2>
      <ChatLog lines={room.messages} mutes={room.mutes} renderActions={renderActions} />
      <p className="status-line" role="status">
        {status}
      </p>
      <Composer onSend={send} />
      {menu && (
        <ModerationMenu
          target={menu}
          onChoose={(seconds) => void mute(menu, seconds)}
          onClose={closeMenu}
        />
      )}
    </section>
  )
}
