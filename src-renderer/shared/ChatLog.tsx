import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import { pruneSideTable } from './bounded'
import { lineNick, lineText, recentRate, type ChatLineData } from './chat-line'
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
  /**
   * The console's keyboard moderation and pause (issue 13 §7, issue 15 §4): the log is one Tab
   * stop whose lines Up/Down/Home/End select (Enter opens the line's menu, Escape leaves), and it
   * stops scrolling while the pointer is over it, Ctrl+Alt is held or a line is selected.
   */
  moderation?: {
    /** Any other key on the selected line; true when it was used. */
    onLineKey(line: ChatLineData, event: KeyboardEvent, element: HTMLElement): boolean
  }
}

/** Pixels from the bottom that still count as "reading the newest line". */
const BOTTOM_SLACK = 24

/** Heights of lines gone from the chat the virtualizer may hold before they are dropped. */
const SIZE_CACHE_SLACK = 2_000

/**
 * Lines a second past which the log stops being a live region: a screen reader cannot read 1,000
 * lines a second (issue 15 §4), so it hears how fast the chat goes instead, every BUSY_NOTE_MS.
 */
const BUSY_RATE = 5
const BUSY_NOTE_MS = 15_000

/**
 * The chat as a `log`: newest at the bottom, virtualized (only visible lines are in the DOM), and
 * following new lines only while the reader is at the bottom. Text is rendered as text.
 */
export function ChatLog({
  lines: allLines,
  mutes,
  renderActions,
  showDelivery = false,
  moderation,
}: ChatLogProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const following = useRef(true)
  const [atBottom, setAtBottom] = useState(true)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const pause = usePause(moderation !== undefined, selectedId !== null)
  const paused = pause.paused
  // Paused, the log shows the lines it had when the pause began (less any deleted since): new
  // ones wait, so nothing moves under the reader — not even when the oldest leave the 500 kept.
  const [frozen, setFrozen] = useState<readonly ChatLineData[] | null>(null)
  if (paused && frozen === null) setFrozen(allLines)
  if (!paused && frozen !== null) setFrozen(null)
  const lines = useMemo(() => (frozen ? heldLines(frozen, allLines) : allLines), [frozen, allLines])
  const lastId = lines.at(-1)?.id
  const [seenId, setSeenId] = useState(lastId)
  const selection = useLineSelection(lines, selectedId, setSelectedId)
  const selectedIndex = selection.index
  const newestId = allLines.at(-1)?.id
  const previousNewestId = useRef(newestId)
  const [newWhilePaused, setNewWhilePaused] = useState(0)

  const rate = recentRate(allLines)
  const busy = rate > BUSY_RATE
  const busyNote = useBusyNote(busy, rate)

  // eslint-disable-next-line react-hooks/incompatible-library -- read during render by design; nothing here is memoized
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 28,
    overscan: 12,
    getItemKey: (index) => lines[index]?.id ?? index,
    // The selected line stays in the DOM (it has focus) however far it is scrolled away.
    rangeExtractor: useCallback(
      (range: Range) => {
        const indexes = defaultRangeExtractor(range)
        if (selectedIndex === -1 || indexes.includes(selectedIndex)) return indexes
        return [...indexes, selectedIndex].sort((a, b) => a - b)
      },
      [selectedIndex],
    ),
  })

  // The virtualizer keeps each measured line's height by its id and never forgets one: drop those
  // of lines the chat no longer holds, or five minutes at 1,000 a second keep 300,000 of them.
  useEffect(() => {
    pruneSideTable(virtualizer.itemSizeCache, lines, SIZE_CACHE_SLACK)
  }, [virtualizer, lines])

  // While following, stay pinned to the bottom through new lines and through lines being measured
  // (their real height arrives a frame after they render).
  const totalSize = virtualizer.getTotalSize()
  useLayoutEffect(() => {
    const element = scroller.current
    if (element && following.current && !paused) element.scrollTop = element.scrollHeight
  }, [totalSize, lastId, paused])

  // While paused, count what arrived (the newest lines it would have shown).
  useEffect(() => {
    const before = previousNewestId.current
    previousNewestId.current = newestId
    if (!paused) return setNewWhilePaused(0)
    if (before === newestId) return
    const at = allLines.findIndex((line) => line.id === before)
    setNewWhilePaused((count) => count + (at === -1 ? allLines.length : allLines.length - 1 - at))
  }, [allLines, newestId, paused])

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
    pause.resume()
    if (selectedIndex !== -1) {
      selection.select(null)
      scroller.current?.focus()
    }
    const element = scroller.current
    if (element) element.scrollTop = element.scrollHeight
  }

  // A click elsewhere on the page (not in the line's menu or a dialog it opened) leaves the lines.
  const frame = useRef<HTMLDivElement>(null)
  const hasSelection = selectedIndex !== -1
  const { select } = selection
  useEffect(() => {
    if (!hasSelection) return
    const onPointerDown = (event: PointerEvent) => {
      const node = event.target as HTMLElement
      if (frame.current?.contains(node) || node.closest?.('[role="menu"], dialog')) return
      select(null)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [hasSelection, select])

  /** Selects the line at `index` (clamped) and gives it focus, scrolled into view. */
  const selectAt = (index: number) => {
    const line = lines[Math.max(0, Math.min(lines.length - 1, index))]
    if (!line) return
    selection.select(line.id, true)
    virtualizer.scrollToIndex(lines.indexOf(line), { align: 'auto' })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!moderation) return
    const target = event.target as HTMLElement
    const lineElement = target.closest<HTMLElement>('.chat-line')
    const onLine = selectedIndex !== -1 && lineElement?.id === lineDomId(lines[selectedIndex]?.id)
    const moves: Record<string, () => number> = {
      ArrowUp: () => (selectedIndex === -1 ? lines.length - 1 : selectedIndex - 1),
      ArrowDown: () => (selectedIndex === -1 ? lines.length - 1 : selectedIndex + 1),
      Home: () => 0,
      End: () => lines.length - 1,
    }
    const plain = !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey
    const move = plain ? moves[event.key] : undefined
    if (move && (onLine || target === scroller.current)) {
      event.preventDefault()
      return selectAt(move())
    }
    if (!onLine || !lineElement) return
    const line = lines[selectedIndex]
    if (!line) return
    if (plain && event.key === 'Escape') {
      event.preventDefault()
      selection.select(null)
      scroller.current?.focus()
      return
    }
    // Enter on the line opens its menu; on a button in it, the button does its own thing.
    if (plain && event.key === 'Enter' && target === lineElement) {
      event.preventDefault()
      lineElement.querySelector<HTMLElement>('[aria-haspopup="menu"]')?.click()
      return
    }
    if (moderation.onLineKey(line, event, lineElement)) event.preventDefault()
  }

  return (
    <div
      ref={frame}
      className="chat-log-frame"
      onPointerEnter={moderation ? pause.pointerEntered : undefined}
      onPointerLeave={moderation ? pause.pointerLeft : undefined}
    >
      <div
        ref={scroller}
        className="chat-log"
        role="log"
        aria-label={t('chat')}
        aria-live={busy ? 'off' : undefined}
        tabIndex={selectedIndex === -1 ? 0 : -1}
        onScroll={onScroll}
        onKeyDown={moderation ? onKeyDown : undefined}
        onBlur={
          moderation
            ? (event) => {
                // Focus went elsewhere on the page (not to the line's menu or a dialog it opened).
                const next = event.relatedTarget as HTMLElement | null
                if (!next || scroller.current?.contains(next)) return
                if (next.closest('[role="menu"], dialog')) return
                selection.select(null)
              }
            : undefined
        }
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
                ref={selection.lineRef(line.id, virtualizer.measureElement)}
                id={moderation ? lineDomId(line.id) : undefined}
                data-index={item.index}
                className={
                  (line.self ? 'chat-line chat-line-self' : 'chat-line') +
                  (item.index === selectedIndex ? ' chat-line-selected' : '')
                }
                tabIndex={moderation ? (item.index === selectedIndex ? 0 : -1) : undefined}
                aria-current={item.index === selectedIndex ? 'true' : undefined}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <ChatLineContent
                  line={line}
                  muteUntil={muteUntil}
                  showDelivery={showDelivery}
                  renderActions={renderActions}
                />
              </div>
            )
          })}
        </div>
      </div>
      {moderation && (
        <p className="sr-only" aria-live="polite">
          {busyNote}
        </p>
      )}
      {paused ? (
        <div className="chat-paused">
          {/* A live region, not role=status: the panel's own status line is that one. */}
          <span aria-live={busy ? 'off' : 'polite'}>
            {t('chat.paused', { count: newWhilePaused })}
          </span>
          <button type="button" className="button button-small" onClick={jumpToNewest}>
            {t('chat.jumpNewest')} <span aria-hidden="true">↓</span>
          </button>
        </div>
      ) : (
        !atBottom &&
        lastId !== seenId && (
          <button type="button" className="button jump-newest" onClick={jumpToNewest}>
            {t('newMessages')} <span aria-hidden="true">↓</span>
          </button>
        )
      )}
    </div>
  )
}

interface ChatLineContentProps {
  line: ChatLineData
  muteUntil: number | undefined
  showDelivery: boolean
  renderActions: ((line: ChatLineData) => ReactNode) | undefined
}

/**
 * What a line shows, drawn once per line: at 1,000 lines a second (issue 15 §4) every row moves
 * each frame, but only its position changes, which the row around this sets.
 */
const ChatLineContent = memo(function ChatLineContent({
  line,
  muteUntil,
  showDelivery,
  renderActions,
}: ChatLineContentProps) {
  return (
    <>
      <time className="chat-time" dateTime={new Date(line.time).toISOString()}>
        {formatClock(line.time)}
      </time>
      {/* The name, its badges and the words flow as one paragraph, wrapping under the name
          (YouTube's and Twitch's chat): a long line takes the fewest rows. */}
      <span className="chat-body">
        {/* Each piece of someone's text is isolated: a right-to-left override in a
                nick or a line cannot turn the rest of the line around. */}
        <bdi className="chat-nick" title={line.from}>
          {lineNick(line)}
        </bdi>
        {/* Level 1 is everyone's start: only a level earned is worth the room. */}
        {line.level !== undefined && line.level > 1 && (
          <span className="badge badge-level">{t('level.badge', { level: line.level })}</span>
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
        <bdi className={line.moderation ? 'chat-text chat-system' : 'chat-text'}>
          {lineText(line)}
        </bdi>
      </span>
      {renderActions && <span className="chat-actions">{renderActions(line)}</span>}
    </>
  )
})

/**
 * The lines a paused log holds: those it had, less the ones deleted since. A line that left
 * because the chat keeps only its newest 500 stays (it was only aged out, the reader is on it).
 */
function heldLines(
  frozen: readonly ChatLineData[],
  now: readonly ChatLineData[],
): readonly ChatLineData[] {
  const present = new Set(now.map((line) => line.id))
  const oldestKept = now[0] ? frozen.findIndex((line) => line.id === now[0]?.id) : -1
  const kept = frozen.filter(
    (line, i) => present.has(line.id) || (oldestKept !== -1 && i < oldestKept),
  )
  return kept.length === frozen.length ? frozen : kept
}

/** A line's element id (a message id may hold characters an id should not). */
function lineDomId(id: string | undefined): string {
  return `chat-line-${encodeURIComponent(id ?? '')}`
}

/**
 * The line selected from the keyboard. A selected line that leaves the chat (deleted, or aged
 * out) hands the selection to the line now in its place, so a moderator goes on from there.
 */
function useLineSelection(
  lines: readonly ChatLineData[],
  selectedId: string | null,
  setSelectedId: (id: string | null) => void,
) {
  const lastIndex = useRef(-1)
  const focusNext = useRef(false)
  const elements = useRef(new Map<string, HTMLElement>())
  const found = selectedId === null ? -1 : lines.findIndex((line) => line.id === selectedId)

  useLayoutEffect(() => {
    if (selectedId === null || found !== -1) {
      lastIndex.current = found
      return
    }
    // Gone: the line now at its place (or the newest), with focus if focus was on it.
    const next = lines[Math.min(lastIndex.current, lines.length - 1)]
    focusNext.current = document.activeElement === document.body || focusNext.current
    setSelectedId(next?.id ?? null)
  }, [selectedId, found, lines, setSelectedId])

  useEffect(() => {
    if (!focusNext.current || selectedId === null) return
    const element = elements.current.get(selectedId)
    if (element) {
      focusNext.current = false
      element.focus({ preventScroll: true })
    }
  })

  const select = useCallback(
    (id: string | null, focus = false) => {
      focusNext.current = focus && id !== null
      setSelectedId(id)
    },
    [setSelectedId],
  )

  // One ref callback per line for as long as it is mounted: a new one each render would have React
  // detach and re-attach every row, and the virtualizer measure each again, every batch.
  const refs = useRef(new Map<string, (node: HTMLElement | null) => void>())
  const lineRef = useCallback((id: string, measure: (node: HTMLElement | null) => void) => {
    let ref = refs.current.get(id)
    if (!ref) {
      ref = (node: HTMLElement | null) => {
        measure(node)
        if (node) elements.current.set(id, node)
        else {
          elements.current.delete(id)
          refs.current.delete(id)
        }
      }
      refs.current.set(id, ref)
    }
    return ref
  }, [])

  return { index: found, select, lineRef }
}

/**
 * While the chat is busy, how fast it goes in words, said again at most every BUSY_NOTE_MS (what
 * the live region reads instead of every line); empty while it is not.
 */
function useBusyNote(busy: boolean, rate: number): string {
  const [note, setNote] = useState('')
  const latest = useRef(rate)
  useEffect(() => {
    latest.current = rate
  }, [rate])
  useEffect(() => {
    const say = () => setNote(busy ? t('chat.busy', { count: latest.current }) : '')
    say()
    if (!busy) return
    const timer = setInterval(say, BUSY_NOTE_MS)
    return () => clearInterval(timer)
  }, [busy])
  return note
}

/**
 * YouTube's pause (issue 15 §4): while the pointer is over the chat, Ctrl+Alt is held, or a line
 * is selected, new lines do not move what is being read. "Jump to newest" resumes until the
 * pointer has left.
 */
function usePause(enabled: boolean, selected: boolean) {
  const [hovered, setHovered] = useState(false)
  const [hoverIgnored, setHoverIgnored] = useState(false)
  const [ctrlAlt, setCtrlAlt] = useState(false)

  useEffect(() => {
    if (!enabled) return
    const onKey = (event: globalThis.KeyboardEvent) => setCtrlAlt(event.ctrlKey && event.altKey)
    const onBlur = () => setCtrlAlt(false)
    window.addEventListener('keydown', onKey)
    window.addEventListener('keyup', onKey)
    window.addEventListener('blur', onBlur)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener('keyup', onKey)
      window.removeEventListener('blur', onBlur)
    }
  }, [enabled])

  return {
    paused: enabled && ((hovered && !hoverIgnored) || ctrlAlt || selected),
    pointerEntered: () => setHovered(true),
    pointerLeft: () => {
      setHovered(false)
      setHoverIgnored(false)
    },
    resume: () => setHoverIgnored(true),
  }
}

const typeKeys: Record<string, MessageKey> = {
  TIMCustomElem: 'chat.type.custom',
  TIMFaceElem: 'chat.type.face',
  TIMImageElem: 'chat.type.image',
  TIMSoundElem: 'chat.type.sound',
  TIMLocationElem: 'chat.type.location',
  LiveDeskModeration: 'chat.type.moderation',
}

/** A message element type in words; unknown types show as Tencent names them. */
function typeLabel(type: string): string {
  const key = typeKeys[type]
  return key ? t(key) : type
}
