import { t } from '../shared/i18n'
import { ModalDialog } from './ModalDialog'

interface ConfirmDialogProps {
  title: string
  description: string
  confirmLabel: string
  onConfirm(): void
  onCancel(): void
}

/** Asks before a destructive action. Cancel has focus, so Enter or Escape by reflex is safe. */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <ModalDialog role="alertdialog" title={title} description={description} onCancel={onCancel}>
      <div className="dialog-actions">
        <button type="button" className="button" autoFocus onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  )
}
