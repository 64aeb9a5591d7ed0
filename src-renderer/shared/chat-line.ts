import { PERMANENT_SECONDS } from '../../src-shared/contract'
import type { ModerationNotice } from '../../src-shared/protocol/business-messages'
import { t } from './i18n'

/** What a chat line needs to be shown; the contract's ChatMessage is one. */
export interface ChatLineData {
  id: string
  from: string
  nick: string
  /** Unix ms. */
  time: number
  text: string
  self: boolean
  /** Tencent's message priority (High, Normal, Low, Lowest), where known. */
  priority?: string
  /** The element type (TIMTextElem, TIMCustomElem, …), where known. */
  type?: string
  /** The room's MsgSeq, where known: what a recall names. */
  sequence?: number
  /** The sender's level from the message's CloudCustomData (issue 12 §3), where it has one. */
  level?: number
  /** A moderation system line (issue 13 §4): who did what to whom, worded here. */
  moderation?: ModerationNotice
}

/** Who a line is from: a moderation line's actor, the host when it was the owner. */
export function lineNick(line: ChatLineData): string {
  if (line.moderation && !line.moderation.operatorName) return t('role.Owner')
  return line.nick || line.from
}

/** What a line says: its text, or a moderation line's action in this page's language. */
export function lineText(line: ChatLineData): string {
  const notice = line.moderation
  if (!notice) return line.text
  const target = notice.targetNick || notice.targetId
  const timed = notice.action === 'mute' || notice.action === 'ban'
  if (timed && notice.seconds >= PERMANENT_SECONDS) {
    return t(
      notice.action === 'mute' ? 'chat.moderation.mutePermanent' : 'chat.moderation.banPermanent',
      {
        target,
      },
    )
  }
  return t(`chat.moderation.${notice.action}`, { target, span: formatSpan(notice.seconds) })
}

/** A mute's or ban's length in its largest whole unit: 10 min, 2 h, 7 d. */
export function formatSpan(seconds: number): string {
  if (seconds >= 86_400 && seconds % 86_400 === 0)
    return t('span.days', { count: seconds / 86_400 })
  if (seconds >= 3600 && seconds % 3600 === 0) return t('span.hours', { count: seconds / 3600 })
  if (seconds >= 60 && seconds % 60 === 0) return t('span.minutes', { count: seconds / 60 })
  return t('span.seconds', { count: seconds })
}

/**
 * How many of `lines` (oldest first) arrived in the `windowMs` up to the newest: the chat's rate
 * now. Reads back from the newest only as far as the window reaches.
 */
export function recentRate(lines: readonly ChatLineData[], windowMs = 1000): number {
  const newest = lines.at(-1)
  if (!newest) return 0
  let count = 0
  for (let i = lines.length - 1; i >= 0; i--) {
    if ((lines[i] as ChatLineData).time <= newest.time - windowMs) break
    count++
  }
  return count
}
