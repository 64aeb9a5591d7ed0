import type { StreamStatus } from '../../src-shared/contract'
import type { DesktopSettings, NoticeKind } from './desktop-settings'

/**
 * OS notifications (issue 16 §3) as data: which events deserve one, each switchable in the
 * settings. Words are i18n keys with parameters; the shell translates and shows them.
 */
export interface Notice {
  kind: NoticeKind
  title:
    'noticePushDroppedTitle' | 'noticeReconnectedTitle' | 'noticeLargeGiftTitle' | 'noticeHeldTitle'
  body: 'noticePushDroppedBody' | 'noticeReconnectedBody' | 'noticeLargeGiftBody' | 'noticeHeldBody'
  params: Record<string, string | number>
}

/**
 * The push dropped (started → reconnecting) or came back (reconnecting → started). A health tick
 * in the same state says nothing new.
 */
export function streamNotice(previous: StreamStatus | null, next: StreamStatus): Notice | null {
  const was = previous?.state
  if (was === 'started' && next.state === 'reconnecting') {
    return {
      kind: 'pushDropped',
      title: 'noticePushDroppedTitle',
      body: 'noticePushDroppedBody',
      params: { attempt: next.attempt },
    }
  }
  if (was === 'reconnecting' && next.state === 'started') {
    return {
      kind: 'reconnected',
      title: 'noticeReconnectedTitle',
      body: 'noticeReconnectedBody',
      params: { reconnects: next.reconnects },
    }
  }
  return null
}

/** A gift worth `value` from `nick`: a notice when it reaches the "large" threshold. */
export function giftNotice(
  gift: { nick: string; name: string; value: number },
  settings: DesktopSettings['notifications'],
): Notice | null {
  if (gift.value < settings.largeGiftValue) return null
  return {
    kind: 'largeGift',
    title: 'noticeLargeGiftTitle',
    body: 'noticeLargeGiftBody',
    params: { nick: gift.nick, gift: gift.name, value: gift.value },
  }
}

/** A message the filters held for review (the review queue's). */
export function heldNotice(held: { nick: string }): Notice {
  return { kind: 'heldMessage', title: 'noticeHeldTitle', body: 'noticeHeldBody', params: held }
}

/** Whether the anchor wants this kind of notice. */
export function wanted(notice: Notice | null, settings: DesktopSettings['notifications']): boolean {
  return notice !== null && settings[notice.kind]
}
