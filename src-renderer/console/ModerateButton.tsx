import { t } from '../shared/i18n'
import type { MenuTarget } from './ModerationMenu'

/** The "Moderate <nick>" button of a chat line or a member row; both open the same menu. */
export function ModerateButton(props: {
  userId: string
  nick: string
  menuKey: string
  openKey: string | null
  onModerate(target: MenuTarget): void
}) {
  const { userId, nick, menuKey, openKey, onModerate } = props
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={t('moderate', { nick })}
      aria-haspopup="menu"
      aria-expanded={openKey === menuKey}
      onClick={(event) => onModerate({ userId, nick, trigger: event.currentTarget, key: menuKey })}
    >
      <span aria-hidden="true">⋯</span>
    </button>
  )
}
