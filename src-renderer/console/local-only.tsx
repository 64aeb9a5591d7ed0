import { t } from '../shared/i18n'

/**
 * Marks a field only this machine may change (src-shared/contract/local-only.ts) while the console
 * is open from elsewhere: the field is disabled and says why; main refuses it anyway.
 */
export function LocalOnlyBadge({ locked }: { locked: boolean }) {
  return locked ? <span className="badge local-only">{t('localOnly.badge')}</span> : null
}

/** The one sentence that explains the badges, once per form. */
export function LocalOnlyNote({ locked }: { locked: boolean }) {
  return locked ? (
    <p className="hint" role="note">
      {t('localOnly.note')}
    </p>
  ) : null
}
