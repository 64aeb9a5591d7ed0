import type { ConsoleIdentity } from '../../../src-shared/contract'
import type { Api } from '../../shared/api'
import { t } from '../../shared/i18n'
import { useSnapshot } from '../../shared/use-snapshot'

/**
 * Who this console is (issue 13 §4): the owner's, or an invite's. Null until main answers, so
 * nothing of the owner's is drawn for a moderator while it loads (main refuses it regardless).
 */
export function useIdentity(api: Api): ConsoleIdentity | null {
  return useSnapshot(api, 'app:get-identity').value
}

/** A moderator's console says whose it is and what it may do. */
export function ModeratorBanner({ identity }: { identity: ConsoleIdentity | null }) {
  if (!identity || identity.role === 'owner') return null
  return (
    <p className="banner banner-info" role="note">
      {identity.role === 'admin'
        ? t('moderators.signedInAdmin', { name: identity.name })
        : t('moderators.signedInModerator', { name: identity.name })}
    </p>
  )
}
