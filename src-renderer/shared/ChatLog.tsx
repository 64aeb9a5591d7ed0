import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import type { ChatLineData } from './chat-line'
import { t, type MessageKey } from './i18n'
import { formatClock } from './time'

export type { ChatLineData } from './chat-line'

interface ChatLogProps {
  lines: readonly ChatLineData[]
  /** userId → muteUntil of members muted now. */
  mutes?: ReadonlyMap<string, number>
  /** Per-line controls (the console's moderation button). */
  renderActions?: (line: ChatLineData) => ReactNode
  /**
   * Marks a line's priority and element type when they are not the usual (the console, where a
   * moderator reads the room's load); the host's own High lines are the usual too.
   */
  showDelivery?: boolean
}

/** Pixels from the bottom that still count as "reading the newest line". */
const BOTTOM_SLACK = 24

/**
 * The chat as a `log`: newest at the bottom, virtualized (only visible lines are in the DOM), and
 * following new lines only while the reader is at the bottom. Text is rendered as text.
 */
export function ChatLog({ lines, mutes, renderActions, showDelivery = false }: ChatLogProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const following = useRef(true)
  const [atBottom, setAtBottom] = useState(true)
  const lastId = lines.at(-1)?.id
  const [seenId, setSeenId] = useState(lastId)

  // eslint-disable-next-line react-hooks/incompatible-library -- read during render by design; nothing here is memoized
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 28,
    overscan: 12,
    getItemKey: (index) => lines[index]?.id ?? index,
  })

  // While following, stay pinned to the bottom through new lines and through lines being measured
  // (their real height arrives a frame after they render).
  const totalSize = virtualizer.getTotalSize()
  useLayoutEffect(() => {
    const element = scroller.current
    if (element && following.current) element.scrollTop = element.scrollHeight
  }, [totalSize, lastId])

  // …and when the log itself gets shorter (a composer note appears, the window shrinks).
  useEffect(() => {
    const element = scroller.current
    if (!element) return
    const observer = new ResizeObserver(() => {
      if (following.current) element.scrollTop = element.scrollHeight
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const onScroll = () => {
    const element = scroller.current
    if (!element) return
    const bottom = element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK
    following.current = bottom
    setAtBottom(bottom)
    if (bottom) setSeenId(lastId)
  }

  const jumpToNewest = () => {
    following.current = true
    setAtBottom(true)
    setSeenId(lastId)
    const element = scroller.current
    if (element) element.scrollTop = element.scrollHeight
  }

  return (
    <div className="chat-log-frame">
      <div
        ref={scroller}
        className="chat-log"
        role="log"
        aria-label={t('chat')}
        tabIndex={0}
        onScroll={onScroll}
      >
        {lines.length === 0 && <p className="chat-empty">{t('chatEmpty')}</p>}
        <div className="chat-log-inner" style={{ height: totalSize }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index]
            if (!line) return null
            const muteUntil = mutes?.get(line.from)
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className={line.self ? 'chat-line chat-line-self' : 'chat-line'}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <time className="chat-time" dateTime={new Date(line.time).toISOString()}>
                  {formatClock(line.time)}
                </time>
                {/* Each piece of someone's text is isolated: a right-to-left override in a
                    nick or a line cannot turn the rest of the line around. */}
                <bdi className="chat-nick" title={line.from}>
                  {line.nick || line.from}
                </bdi>
                {/* Level 1 is everyone's start: only a level earned is worth the room. */}
                {line.level !== undefined && line.level > 1 && (
                  <span className="badge badge-level">
                    {t('level.badge', { level: line.level })}
                  </span>
                )}
                {line.self && <span className="badge badge-self">{t('you')}</span>}
                {showDelivery && line.priority && line.priority !== 'Normal' && !line.self && (
                  <span className={`badge badge-priority-${line.priority.toLowerCase()}`}>
                    {t('chat.priority', { priority: line.priority })}
                  </span>
                )}
                {showDelivery && line.type && line.type !== 'TIMTextElem' && (
                  <span className="badge badge-type">{typeLabel(line.type)}</span>
                )}
                {muteUntil !== undefined && (
                  <span
                    className="badge badge-muted"
                    title={t('mutedBadgeTitle', { time: formatClock(muteUntil) })}
                  >
                    {t('mutedBadge')}
                  </span>
                )}
                <bdi className="chat-text">{line.text}</bdi>
                {renderActions && <span className="chat-actions">{renderActions(line)}</span>}
              </div>
            )
          })}
        </div>
      </div>
      {!atBottom && lastId !== seenId && (
        <button type="button" className="button jump-newest" onClick={jumpToNewest}>
          {t('newMessages')} <span aria-hidden="true">↓</span>
        </button>
      )}
    </div>
  )
}

const typeKeys: Record<string, MessageKey> = {
  TIMCustomElem: 'chat.type.custom',
  TIMFaceElem: 'chat.type.face',
  TIMImageElem: 'chat.type.image',
  TIMSoundElem: 'chat.type.sound',
  TIMLocationElem: 'chat.type.location',
}

/** A message element type in words; unknown types show as Tencent names them. */
function typeLabel(type: string): string {
  const key = typeKeys[type]
  return key ? t(key) : type
}
