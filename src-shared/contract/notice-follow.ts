import { z } from 'zod'
import { NOTIFICATION_MAX_BYTES, utf8Bytes } from '../protocol/notice'

/**
 * Notices that follow the room state (issue 12 §2): while the room is paused the group's
 * Notification is a be-right-back text, and the notice it replaced comes back on resume or end.
 * Kept by main (console.db); the renderer only shows and changes it.
 */
export const NoticeFollow = z
  .object({
    enabled: z.boolean(),
    /** The be-right-back notice; empty: the built-in one in `locale`. */
    text: z.string().refine((text) => utf8Bytes(text) <= NOTIFICATION_MAX_BYTES, {
      message: `At most ${NOTIFICATION_MAX_BYTES} bytes`,
    }),
    /** The console's language: the built-in text is worded in it. */
    locale: z.enum(['en', 'ko', 'zh-CN']),
  })
  .strict()
export type NoticeFollow = z.infer<typeof NoticeFollow>

export const defaultNoticeFollow: NoticeFollow = { enabled: true, text: '', locale: 'en' }

/** Who made a notice change when it was not a person: the room state's automatic swap. */
export const NOTICE_BY_ROOM_STATE = 'room-state'
