import { useRef, useState } from 'react'
import { t } from '../shared/i18n'

/** The link viewers open, with a copy button that also works outside a secure context. */
export function ViewerLink({ url }: { url: string }) {
  const input = useRef<HTMLInputElement>(null)
  const [feedback, setFeedback] = useState('')

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url)
      setFeedback(t('viewerLinkCopied'))
    } catch {
      // navigator.clipboard needs a secure context; a LAN http:// console is not one.
      input.current?.select()
      const copied = document.execCommand('copy')
      setFeedback(copied ? t('viewerLinkCopied') : t('viewerLinkCopyFailed'))
    }
  }

  return (
    <div className="viewer-link">
      <input
        ref={input}
        className="viewer-link-url"
        aria-label={t('viewerLink')}
        value={url}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
      />
      <button type="button" className="button" onClick={() => void copy()}>
        {t('copyViewerLink')}
      </button>
      <span className="viewer-link-feedback" aria-live="polite">
        {feedback}
      </span>
    </div>
  )
}
