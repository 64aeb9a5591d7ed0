import { t } from '../shared/i18n'
import type { MenuTarget } from './ModerationMenu'

/** The "Moderate <nick>" button of a chat line or a member row; both open the same menu. */
export function ModerateButton(props: {
  userId: string
  nick: string
  menuKey: string
  /** The chat line's sequence, when it is a chat line's button ("Delete message"). */
  sequence?: number
  openKey: string | null
  onModerate(target: MenuTarget): void
  /** -1 where the row is reached from the keyboard another way (the chat's selected line). */
  tabIndex?: number
}) {
  const { userId, nick, menuKey, sequence, openKey, onModerate, tabIndex } = props
  return (
    <button
      type="button"
      tabIndex={tabIndex}
      className="icon-button"
      aria-label={t('moderate', { nick })}
      aria-haspopup="menu"
      aria-expanded={openKey === menuKey}
      onClick={(event) =>
        onModerate({ userId, nick, trigger: event.currentTarget, key: menuKey, sequence })
      }
    >
      <span aria-hidden="true">⋯</span>
    </button>
  )
}
