import { useEffect, useId, useRef, type ReactNode } from 'react'

interface ModalDialogProps {
  /** `alertdialog` for confirmations of destructive actions. */
  role: 'dialog' | 'alertdialog'
  title: string
  /** Sentence that says what will happen; becomes the dialog's description. */
  description?: string
  onCancel(): void
  children: ReactNode
}

/**
 * A modal `<dialog>` (showModal: focus stays inside, the page behind is inert). Escape cancels.
 * The dialog's first autofocus control gets focus; the caller puts focus back where it belongs.
 */
export function ModalDialog({ role, title, description, onCancel, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const descriptionId = useId()

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => element?.close()
  }, [])

  return (
    <dialog
      ref={dialog}
      className="dialog"
      role={role}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        // Escape: we unmount the dialog ourselves so state and DOM never disagree.
        event.preventDefault()
        onCancel()
      }}
    >
      <h2 className="dialog-title" id={titleId}>
        {title}
      </h2>
      {description && (
        <p className="dialog-text" id={descriptionId}>
          {description}
        </p>
      )}
      {children}
    </dialog>
  )
}
