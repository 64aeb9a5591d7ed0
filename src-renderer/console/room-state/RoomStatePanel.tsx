import { useEffect, useState } from 'react'
import type { NoticeFollow } from '../../../src-shared/contract/notice-follow'
import type { RoomState, RoomStateAction } from '../../../src-shared/protocol/room-state'
import type { Api } from '../../shared/api'
import { errorMessage } from '../../shared/error-message'
import { getLocale, t } from '../../shared/i18n'
import { formatLength, roomStateText } from '../../shared/room-state-text'
import { useNow } from '../../shared/use-now'

/** `<input type="datetime-local">`'s value for a Unix ms, in local time. */
function localInput(ms: number): string {
  const date = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000)
  return date.toISOString().slice(0, 16)
}

/**
 * The room state and its controls (issue 12 §1): main's mirror of the business host's state, and
 * the buttons that ask the business host to change it. Only the actions that apply now are
 * enabled; the business host decides all the same (a second console may have acted first).
 * "Publish replay" publishes the room server's own recording of the show; another address (a CDN,
 * a VOD host) is the alternative. The be-right-back notice while paused is main's setting.
 */
export function RoomStatePanel({ api, state }: { api: Api; state: RoomState | null }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [when, setWhen] = useState(() => localInput(Date.now() + 3_600_000))
  const [title, setTitle] = useState('')
  const [replayUrl, setReplayUrl] = useState('')
  const counting = state?.state === 'paused' && state.endsAt !== null
  const now = useNow(1000, counting)
  const current = state?.state ?? 'none'

  const act = async (action: RoomStateAction) => {
    setBusy(true)
    const result = await api.call('room-state:act', action)
    setBusy(false)
    setError(result.ok ? '' : t('roomState.failed', { reason: errorMessage(result.error) }))
  }
  const can = (...from: (RoomState['state'] | 'none')[]) => !busy && from.includes(current)

  return (
    <section className="panel panel-room-state" aria-labelledby="room-state-title">
      <h2 className="panel-title" id="room-state-title">
        {t('roomState.title')}
      </h2>
      <p className={`room-state room-state-${current}`}>{roomStateText(state, now)}</p>
      {state?.cause && state.state === 'paused' && (
        <p className="panel-note">
          {state.cause.by === 'stream'
            ? t('roomState.cause.stream', { code: state.cause.errcode })
            : t('roomState.cause.console')}
        </p>
      )}
      {counting && state.endsAt !== null && (
        <p className="room-state-countdown" aria-live="polite">
          {t('roomState.countdown', { time: formatLength(state.endsAt - now) })}
        </p>
      )}
      {error && (
        <p className="panel-error" role="alert">
          {error}
        </p>
      )}
      <div className="room-state-buttons">
        <button
          type="button"
          className="button"
          disabled={!can('live')}
          onClick={() => void act({ action: 'pause' })}
        >
          {t('roomState.pause')}
        </button>
        <button
          type="button"
          className="button"
          disabled={!can('paused')}
          onClick={() => void act({ action: 'resume' })}
        >
          {t('roomState.resume')}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={!can('scheduled', 'live', 'paused')}
          onClick={() => void act({ action: 'end' })}
        >
          {t('roomState.end')}
        </button>
      </div>
      <form
        className="room-state-form"
        onSubmit={(event) => {
          event.preventDefault()
          void act({ action: 'schedule', scheduledAt: new Date(when).getTime(), title })
        }}
      >
        <label>
          {t('roomState.when')}
          <input
            type="datetime-local"
            value={when}
            onChange={(event) => setWhen(event.target.value)}
            required
          />
        </label>
        <label>
          {t('roomState.showTitle')}
          <input value={title} onChange={(event) => setTitle(event.target.value)} />
        </label>
        <button
          type="submit"
          className="button"
          disabled={!can('none', 'scheduled', 'ended', 'replay')}
        >
          {t('roomState.schedule')}
        </button>
      </form>
      <div className="room-state-form room-state-replay">
        <p className="panel-note">{t('roomState.replayFromServer')}</p>
        <button
          type="button"
          className="button"
          disabled={!can('ended', 'replay')}
          onClick={() => void act({ action: 'publish-replay' })}
        >
          {t('roomState.publishReplay')}
        </button>
      </div>
      <details className="room-state-other">
        <summary>{t('roomState.otherAddress')}</summary>
        <form
          className="room-state-form"
          onSubmit={(event) => {
            event.preventDefault()
            void act({ action: 'publish-replay', replayUrl: replayUrl.trim() })
          }}
        >
          <label>
            {t('roomState.replayUrl')}
            <input
              value={replayUrl}
              placeholder="https://…"
              onChange={(event) => setReplayUrl(event.target.value)}
              required
            />
          </label>
          <button type="submit" className="button" disabled={!can('ended', 'replay')}>
            {t('roomState.publishUrl')}
          </button>
        </form>
      </details>
      <NoticeFollowSetting api={api} />
    </section>
  )
}

/** The be-right-back notice while paused: on by default, kept by main. */
function NoticeFollowSetting({ api }: { api: Api }) {
  const [follow, setFollow] = useState<NoticeFollow | null>(null)
  const [text, setText] = useState('')
  const [note, setNote] = useState('')
  useEffect(() => {
    let live = true
    void api.call('notice:get-follow', {}).then((result) => {
      if (!live || !result.ok) return
      setFollow(result.value)
      setText(result.value.text)
    })
    return () => {
      live = false
    }
  }, [api])
  if (!follow) return null

  const save = async (next: NoticeFollow) => {
    // The console's language goes with it: the built-in text is worded in it.
    const result = await api.call('notice:save-follow', { ...next, locale: getLocale() })
    if (result.ok) {
      setFollow(result.value)
      setNote(t('notice.followSaved'))
    } else {
      setNote(t('notice.followFailed', { reason: errorMessage(result.error) }))
    }
  }

  return (
    <div className="room-state-form room-state-follow">
      <label className="room-state-check">
        <input
          type="checkbox"
          checked={follow.enabled}
          onChange={(event) => void save({ ...follow, enabled: event.target.checked, text })}
        />
        {t('notice.followState')}
      </label>
      <label>
        {t('notice.brbText')}
        <input
          value={text}
          placeholder={t('notice.brb')}
          disabled={!follow.enabled}
          onChange={(event) => setText(event.target.value)}
          onBlur={() => {
            if (text !== follow.text) void save({ ...follow, text })
          }}
        />
      </label>
      <p className="panel-note" role="status">
        {note}
      </p>
    </div>
  )
}
