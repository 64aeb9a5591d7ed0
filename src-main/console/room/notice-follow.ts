import { z } from 'zod'
import { defaultNoticeFollow, NoticeFollow } from '../../../src-shared/contract/notice-follow'
import { translate } from '../../../src-shared/i18n'
import type { RoomState } from '../../../src-shared/protocol/room-state'
import type { SettingsStore } from '../store/settings'

/**
 * Notices that follow the room state (issue 12 §2): when the room pauses, the group's Notification
 * becomes a be-right-back text; on resume — or on the end, so a show never ends on "be right
 * back" — the notice it replaced comes back. Both changes go out through the notice's own REST
 * path (modify_group_base_info), and the history records them as the room state's.
 *
 * The replaced notice is written to console.db before the swap, so a console restarted during the
 * pause still restores it. A notice someone changed during the pause is theirs: it is not
 * overwritten by the old one.
 */

export interface NoticeFollowRoom {
  readonly roomId: string
  notice(): { notification: string; introduction: string }
  /** Publishes the notice as the room state's change. */
  publish(notification: string, introduction: string): Promise<void>
}

const FOLLOW_KEY = 'noticeFollow'
const SAVED_KEY = 'noticeFollowSaved'

const SavedNotice = z.object({
  roomId: z.string(),
  /** The notice the swap replaced. */
  notification: z.string(),
  /** The be-right-back text that was put up. */
  brb: z.string(),
})
type SavedNotice = z.infer<typeof SavedNotice>

export class NoticeFollower {
  /** One change at a time, in the order the states came. */
  private chain: Promise<void> = Promise.resolve()

  constructor(
    private readonly options: {
      settings: SettingsStore
      room: () => NoticeFollowRoom
      log: (line: string) => void
    },
  ) {}

  get(): NoticeFollow {
    return this.options.settings.get(FOLLOW_KEY, NoticeFollow, defaultNoticeFollow)
  }

  save(next: NoticeFollow): NoticeFollow {
    this.options.settings.put(FOLLOW_KEY, next)
    return this.get()
  }

  /** The be-right-back notice as it would go out now. */
  brbText(): string {
    const follow = this.get()
    return follow.text.trim() || translate(follow.locale, 'notice.brb')
  }

  /** A state the console holds now (from the room, or at the session's start). */
  roomStateChanged(state: RoomState): void {
    this.chain = this.chain
      .then(() => this.follow(state))
      .catch((error: unknown) => {
        this.options.log(
          `console: the room-state notice was not changed: ${(error as Error).message}`,
        )
      })
  }

  /** Until the changes asked for so far went out (tests). */
  settled(): Promise<void> {
    return this.chain
  }

  private async follow(state: RoomState): Promise<void> {
    const room = this.options.room()
    const saved = this.saved()
    const current = room.notice()
    if (state.state === 'paused') {
      if (saved?.roomId === room.roomId || !this.get().enabled) return
      const brb = this.brbText()
      if (current.notification === brb) return
      this.keep({ roomId: room.roomId, notification: current.notification, brb })
      await room.publish(brb, current.introduction)
      return
    }
    if (!saved) return
    this.keep(null)
    // Another room's, or changed by someone during the pause: nothing of ours to take down.
    if (saved.roomId !== room.roomId || current.notification !== saved.brb) return
    await room.publish(saved.notification, current.introduction)
  }

  private saved(): SavedNotice | null {
    return this.options.settings.get(SAVED_KEY, SavedNotice.nullable(), null)
  }

  private keep(saved: SavedNotice | null): void {
    this.options.settings.put(SAVED_KEY, saved)
  }
}
