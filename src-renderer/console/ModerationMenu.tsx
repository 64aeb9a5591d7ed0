import { useEffect, useRef, type KeyboardEvent } from 'react'
import { t } from '../shared/i18n'

export interface MenuTarget {
  userId: string
  nick: string
  /** The button that opened the menu; focus returns there on close. */
  trigger: HTMLElement
  muted: boolean
}

/** Mute durations offered, in seconds (Tencent's ShutUpTime). */
export const MUTE_CHOICES = [
  { seconds: 60, label: 'mute60' },
  { seconds: 600, label: 'mute600' },
  { seconds: 3600, label: 'mute3600' },
] as const

interface ModerationMenuProps {
  target: MenuTarget
  onChoose(seconds: number): void
  onClose(restoreFocus: boolean): void
}

/**
 * A `menu` next to the moderate button: arrow keys move, Enter/Space choose, Escape and Tab close.
 * It lives outside the virtualized list so a scroll or a new line cannot unmount it.
 */
export function ModerationMenu({ target, onChoose, onClose }: ModerationMenuProps) {
  const menu = useRef<HTMLDivElement>(null)
  const rect = target.trigger.getBoundingClientRect()

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    const onPointerDown = (event: PointerEvent) => {
      const node = event.target as Node
      if (!menu.current?.contains(node) && !target.trigger.contains(node)) onClose(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [target, onClose])

  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const index = items.indexOf(document.activeElement as HTMLElement)
    const focusAt = (i: number) => items[(i + items.length) % items.length]?.focus()
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
        focusAt(items.length - 1)
        break
    }
  }

  // Open below the button unless that would run off the window.
  const below = rect.bottom + 180 < window.innerHeight
  const style = {
    top: below ? rect.bottom + 4 : undefined,
    bottom: below ? undefined : window.innerHeight - rect.top + 4,
    right: Math.max(8, window.innerWidth - rect.right),
  }

  return (
    <div
      ref={menu}
      className="menu"
      role="menu"
      aria-label={t('moderationMenu', { nick: target.nick })}
      style={style}
      onKeyDown={onKeyDown}
    >
      {MUTE_CHOICES.map((choice) => (
        <button
          key={choice.seconds}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="menu-item"
          onClick={() => onChoose(choice.seconds)}
        >
          {t(choice.label)}
        </button>
      ))}
      {target.muted && (
        <button
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="menu-item"
          onClick={() => onChoose(0)}
        >
          {t('unmute')}
        </button>
      )}
    </div>
  )
}
