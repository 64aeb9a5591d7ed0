import { autoUpdate, flip, hide, offset, shift, size, useFloating } from '@floating-ui/react-dom'
import { useEffect, useRef, type KeyboardEvent } from 'react'
import { PERMANENT_SECONDS } from '../../src-shared/contract'
import { t, type MessageKey } from '../shared/i18n'

export interface MenuTarget {
  userId: string
  nick: string
  /** The button that opened the menu; focus returns there on close. */
  trigger: HTMLElement
  /** Which button opened it (a chat line's or a member row's), for its aria-expanded. */
  key: string
  /** The chat line it was opened from (its sequence), which "Delete message" recalls. */
  sequence?: number
}

/** What a moderator can do to one member. */
export type ModerationChoice =
  | { kind: 'mute'; seconds: number }
  | { kind: 'mute-custom' }
  | { kind: 'unmute' }
  | { kind: 'kick' }
  | { kind: 'ban'; seconds: number; deleteRecent?: boolean }
  | { kind: 'unban' }
  | { kind: 'delete-message'; sequence: number }
  | { kind: 'set-member'; member: boolean }

/** Mute durations offered, in seconds (Tencent's ShutUpTime). */
export const MUTE_CHOICES = [
  { seconds: 60, label: 'mute60' },
  { seconds: 600, label: 'mute600' },
  { seconds: 3600, label: 'mute3600' },
] as const

/** Ban durations offered, in seconds (Tencent's ban Duration; its maximum reads as permanent). */
export const BAN_CHOICES = [
  { seconds: 3600, label: 'ban3600' },
  { seconds: 86_400, label: 'ban86400' },
  { seconds: PERMANENT_SECONDS, label: 'banPermanent' },
] as const

interface ModerationMenuProps {
  target: MenuTarget
  muted: boolean
  banned: boolean
  /** Whether the member has the membership flag; undefined when main does not know. */
  member: boolean | undefined
  onChoose(choice: ModerationChoice): void
  onClose(restoreFocus: boolean): void
}

interface Item {
  key: string
  label: MessageKey
  choice: ModerationChoice
  danger?: boolean
}

/** Pixels the menu keeps from the window's edges. */
const EDGE = 8

/**
 * A `menu` next to the moderate button: arrow keys move, Enter/Space choose, Escape and Tab close.
 * It lives outside the virtualized list so a scroll or a new line cannot unmount it.
 *
 * Floating UI places it (issue 15): below the button, above it when there is no room below,
 * shifted inside the window, no taller than the room it has, and moved with the button while the
 * chat scrolls; hidden while the button is scrolled out of its log.
 */
export function ModerationMenu(props: ModerationMenuProps) {
  const { target, muted, banned, member, onChoose, onClose } = props
  const menu = useRef<HTMLDivElement>(null)
  const { refs, floatingStyles, middlewareData } = useFloating({
    elements: { reference: target.trigger },
    placement: 'bottom-end',
    strategy: 'fixed',
    whileElementsMounted: autoUpdate,
    middleware: [
      offset(4),
      flip({ padding: EDGE }),
      shift({ padding: EDGE, crossAxis: true }),
      size({
        padding: EDGE,
        apply({ availableHeight, elements }) {
          elements.floating.style.maxHeight = `${Math.max(0, availableHeight)}px`
        },
      }),
      hide({ strategy: 'referenceHidden' }),
    ],
  })
  const setMenu = (node: HTMLDivElement | null) => {
    menu.current = node
    refs.setFloating(node)
  }
  // The line it belongs to left the log's view, or the DOM (the log is virtualized).
  const detached = middlewareData.hide?.referenceHidden === true || !target.trigger.isConnected

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true })
    const onPointerDown = (event: PointerEvent) => {
      const node = event.target as Node
      if (!menu.current?.contains(node) && !target.trigger.contains(node)) onClose(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [target, onClose])

  const items: Item[] = [
    ...(target.sequence !== undefined
      ? [
          {
            key: 'delete-message',
            label: 'deleteMessage',
            choice: { kind: 'delete-message', sequence: target.sequence },
          } as const,
        ]
      : []),
    ...MUTE_CHOICES.map((c) => ({
      key: `mute-${c.seconds}`,
      label: c.label,
      choice: { kind: 'mute', seconds: c.seconds } as const,
    })),
    { key: 'mute-custom', label: 'muteCustom', choice: { kind: 'mute-custom' } },
    ...(muted ? [{ key: 'unmute', label: 'unmute', choice: { kind: 'unmute' } } as const] : []),
    // The membership flag of the level rules (issue 12 §3); the host refuses it to moderators.
    // The one that changes it, or both while the flag is not known yet.
    ...(member !== true
      ? [
          {
            key: 'make-member',
            label: 'makeMember',
            choice: { kind: 'set-member', member: true },
          } as const,
        ]
      : []),
    ...(member !== false
      ? [
          {
            key: 'remove-member',
            label: 'removeMembership',
            choice: { kind: 'set-member', member: false },
          } as const,
        ]
      : []),
    { key: 'kick', label: 'kick', choice: { kind: 'kick' }, danger: true },
    ...BAN_CHOICES.map((c) => ({
      key: `ban-${c.seconds}`,
      label: c.label,
      choice: { kind: 'ban', seconds: c.seconds } as const,
      danger: true,
    })),
    ...(banned ? [{ key: 'unban', label: 'unban', choice: { kind: 'unban' } } as const] : []),
  ]

  const onKeyDown = (event: KeyboardEvent) => {
    const nodes = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const index = nodes.indexOf(document.activeElement as HTMLElement)
    const focusAt = (i: number) => nodes[(i + nodes.length) % nodes.length]?.focus()
    switch (event.key) {
      case 'Escape':
        event.preventDefault()
        onClose(true)
        break
      case 'Tab':
        onClose(false)
        break
      case 'ArrowDown':
        event.preventDefault()
        focusAt(index + 1)
        break
      case 'ArrowUp':
        event.preventDefault()
        focusAt(index - 1)
        break
      case 'Home':
        event.preventDefault()
        focusAt(0)
        break
      case 'End':
        event.preventDefault()
        focusAt(nodes.length - 1)
        break
    }
  }

  return (
    <div
      ref={setMenu}
      className="menu"
      role="menu"
      aria-label={t('moderationMenu', { nick: target.nick })}
      style={{ ...floatingStyles, visibility: detached ? 'hidden' : undefined }}
      onKeyDown={onKeyDown}
    >
      {items.map((item, i) => (
        <button
          key={item.key}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={item.danger ? 'menu-item menu-item-danger' : 'menu-item'}
          data-group-start={i > 0 && item.danger && !items[i - 1]?.danger ? '' : undefined}
          onClick={() => onChoose(item.choice)}
        >
          {t(item.label)}
        </button>
      ))}
    </div>
  )
}
