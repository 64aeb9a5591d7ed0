import { t } from '../shared/i18n'
import { ModalDialog } from './ModalDialog'

interface ConfirmDialogProps {
  title: string
  description: string
  confirmLabel: string
  /** A choice that goes with the action (a ban's "also delete their messages"). */
  option?: { label: string; checked: boolean; onChange(checked: boolean): void }
  onConfirm(): void
  onCancel(): void
}

/** Asks before a destructive action. Cancel has focus, so Enter or Escape by reflex is safe. */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  option,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <ModalDialog role="alertdialog" title={title} description={description} onCancel={onCancel}>
      {option && (
        <label className="dialog-option">
          <input
            type="checkbox"
            checked={option.checked}
            onChange={(event) => option.onChange(event.target.checked)}
          />
          {option.label}
        </label>
      )}
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
