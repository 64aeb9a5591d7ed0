import { useState, type FormEvent } from 'react'
import { ErrorCode, Limits } from '../../src-shared/protocol/codes'
import { utf8Bytes } from '../../src-shared/protocol/frames'
import { errorMessage } from './error-message'
import { t } from './i18n'

interface ComposerProps {
  /** Resolves to an error to show, or null when the message went out. */
  onSend(text: string): Promise<string | null>
  /** Shown instead of errors while sending is impossible (e.g. "Muted until 12:00:00"). */
  blockedReason?: string | null
}

/** Message box + Send. Enter sends; the text stays until the room accepts it. */
export function Composer({ onSend, blockedReason = null }: ComposerProps) {
  const [text, setText] = useState('')
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const blocked = blockedReason !== null
  const empty = text.trim().length === 0

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (empty || sending || blocked) return
    if (utf8Bytes(text) > Limits.maxTextBytes) {
      setError(errorMessage({ code: ErrorCode.messageTooLong, message: 'Message too long' }))
      return
    }
    setSending(true)
    setError(null)
    const failure = await onSend(text)
    setSending(false)
    if (failure === null) setText('')
    else setError(failure)
  }

  return (
    <form className="composer" onSubmit={(event) => void submit(event)}>
      <div className="composer-row">
        <input
          className="composer-input"
          aria-label={t('message')}
          placeholder={t('messagePlaceholder')}
          value={text}
          disabled={blocked}
          autoComplete="off"
          onChange={(event) => {
            setText(event.target.value)
            if (error) setError(null)
          }}
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={empty || sending || blocked}
        >
          {t('send')}
        </button>
      </div>
      {blocked ? (
        <p className="composer-note composer-blocked">{blockedReason}</p>
      ) : (
        error && (
          <p className="composer-note composer-error" role="alert">
            {error}
          </p>
        )
      )}
    </form>
  )
}
