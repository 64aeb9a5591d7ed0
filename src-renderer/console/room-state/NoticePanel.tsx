import { useId, useState } from 'react'
import type { RoomNotice } from '../../../src-shared/contract'
import {
  checkNotice,
  encodeNotice,
  INTRODUCTION_MAX_BYTES,
  type Notice,
  NOTICE_IMAGE_HOSTS,
  NOTIFICATION_MAX_BYTES,
  parseNotice,
} from '../../../src-shared/protocol/notice'
import type { Api } from '../../shared/api'
import { errorMessage } from '../../shared/error-message'
import { t } from '../../shared/i18n'
import { NoticeView } from '../../shared/NoticeView'
import { formatClock } from '../../shared/time'

interface Draft {
  notice: Notice
  introduction: string
}

const fromRoom = (notice: RoomNotice): Draft => ({
  notice: parseNotice(notice.notification),
  introduction: notice.introduction,
})

/** "123 / 300 bytes", past the limit too ("301 / 300 bytes"), with the field marked invalid. */
function Counter({ id, bytes, max }: { id: string; bytes: number; max: number }) {
  return (
    <span id={id} className={bytes > max ? 'notice-counter notice-over' : 'notice-counter'}>
      {t('notice.bytes', { n: bytes, max })}
    </span>
  )
}

/**
 * The notice editor (issue 12 §2): Tencent's Notification (≤ 300 bytes, with an optional image
 * and link it stores as a rich notice) and Introduction (≤ 240 bytes), with live UTF-8 byte
 * counts, a preview as viewers will see it, and who changed what when. The room's notice is
 * main's; the editor holds a draft only while the anchor types.
 */
export function NoticePanel({ api, notice }: { api: Api; notice: RoomNotice }) {
  const [draft, setDraft] = useState<Draft | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null)
  const id = useId()
  const shown = draft ?? fromRoom(notice)
  const check = checkNotice(shown.notice, shown.introduction)
  const edit = (change: Partial<Notice> | { introduction: string }) => {
    setMessage(null)
    setDraft(
      'introduction' in change
        ? { ...shown, introduction: change.introduction }
        : { ...shown, notice: { ...shown.notice, ...change } },
    )
  }
  const publish = async () => {
    setBusy(true)
    const result = await api.call('room:set-notice', {
      notification: encodeNotice(shown.notice),
      introduction: shown.introduction,
    })
    setBusy(false)
    if (result.ok) {
      setDraft(null)
      setMessage({ error: false, text: t('notice.published') })
    } else {
      setMessage({ error: true, text: t('notice.failed', { reason: errorMessage(result.error) }) })
    }
  }
  const notificationOver = check.notificationBytes > NOTIFICATION_MAX_BYTES
  const introductionOver = check.introductionBytes > INTRODUCTION_MAX_BYTES

  return (
    <section className="panel panel-notice" aria-labelledby={`${id}-title`}>
      <h2 className="panel-title" id={`${id}-title`}>
        {t('notice.title')}
      </h2>
      <form
        className="notice-form"
        onSubmit={(event) => {
          event.preventDefault()
          if (check.ok) void publish()
        }}
      >
        <div className="notice-field">
          <span className="notice-label">
            <label htmlFor={`${id}-notification`}>{t('notice.notification')}</label>
            <Counter id={`${id}-n`} bytes={check.notificationBytes} max={NOTIFICATION_MAX_BYTES} />
          </span>
          <textarea
            id={`${id}-notification`}
            rows={3}
            value={shown.notice.text}
            aria-invalid={notificationOver}
            aria-describedby={`${id}-n`}
            onChange={(event) => edit({ text: event.target.value })}
          />
        </div>
        {notificationOver && (
          <p className="panel-error">
            {t('notice.overLimit', {
              max: NOTIFICATION_MAX_BYTES,
              over: check.notificationBytes - NOTIFICATION_MAX_BYTES,
            })}
          </p>
        )}
        <div className="notice-row">
          <label className="notice-field">
            <span className="notice-label">{t('notice.imageUrl')}</span>
            <input
              value={shown.notice.image ?? ''}
              placeholder="https://….myqcloud.com/…"
              aria-invalid={!check.imageOk}
              onChange={(event) => edit({ image: event.target.value })}
            />
          </label>
          <label className="notice-field">
            <span className="notice-label">{t('notice.linkUrl')}</span>
            <input
              value={shown.notice.link ?? ''}
              placeholder="https://…"
              aria-invalid={!check.linkOk}
              onChange={(event) => edit({ link: event.target.value })}
            />
          </label>
        </div>
        {!check.imageOk && (
          <p className="panel-error">
            {t('notice.badImage', { hosts: NOTICE_IMAGE_HOSTS.join(', ') })}
          </p>
        )}
        {!check.linkOk && <p className="panel-error">{t('notice.badLink')}</p>}
        <div className="notice-field">
          <span className="notice-label">
            <label htmlFor={`${id}-introduction`}>{t('notice.introduction')}</label>
            <Counter id={`${id}-i`} bytes={check.introductionBytes} max={INTRODUCTION_MAX_BYTES} />
          </span>
          <textarea
            id={`${id}-introduction`}
            rows={2}
            value={shown.introduction}
            aria-invalid={introductionOver}
            aria-describedby={`${id}-i`}
            onChange={(event) => edit({ introduction: event.target.value })}
          />
        </div>
        {introductionOver && (
          <p className="panel-error">
            {t('notice.overLimit', {
              max: INTRODUCTION_MAX_BYTES,
              over: check.introductionBytes - INTRODUCTION_MAX_BYTES,
            })}
          </p>
        )}
        <div className="notice-actions">
          <button type="submit" className="button button-primary" disabled={busy || !check.ok}>
            {t('notice.publish')}
          </button>
          {message && (
            <span role={message.error ? 'alert' : 'status'} className="notice-result">
              {message.text}
            </span>
          )}
        </div>
      </form>
      <div className="notice-preview" aria-label={t('notice.preview')} role="group">
        <span className="notice-label">{t('notice.preview')}</span>
        <NoticeView stored={encodeNotice(shown.notice)} />
      </div>
      <div className="notice-history">
        <span className="notice-label">{t('notice.history')}</span>
        {notice.history.length === 0 ? (
          <p className="panel-note">{t('notice.historyEmpty')}</p>
        ) : (
          <ul aria-label={t('notice.history')}>
            {[...notice.history].reverse().map((change, index) => (
              <li key={`${change.at}-${index}`}>
                {t('notice.historyLine', {
                  time: formatClock(change.at),
                  who:
                    change.by === 'room-state'
                      ? t('notice.actor.roomState')
                      : change.operatorId || '—',
                  what: change.fields.map((field) => t(`notice.field.${field}`)).join(', '),
                })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  )
}
