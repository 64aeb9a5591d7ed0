import { parseNotice } from '../../src-shared/protocol/notice'

/**
 * A room notice as a viewer sees it (src-shared/protocol/notice.ts): its text as text, an image
 * only over https from an allowed host, a link only over https — whatever the stored value says.
 */
export function NoticeView({ stored }: { stored: string }) {
  const notice = parseNotice(stored)
  return (
    <div className="notice-view">
      {notice.text && <p className="notice-text">{notice.text}</p>}
      {notice.image && (
        <img className="notice-image" src={notice.image} alt="" referrerPolicy="no-referrer" />
      )}
      {notice.link && (
        <a className="notice-link" href={notice.link} target="_blank" rel="noopener noreferrer">
          {notice.link}
        </a>
      )}
    </div>
  )
}
