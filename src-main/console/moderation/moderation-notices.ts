import {
  BusinessId,
  moderationVersion,
  type ModerationNotice,
} from '../../../src-shared/protocol/business-messages'
import type { AuditReport } from '../../../src-shared/contract'
import { ModerationNotice as NoticeSchema } from '../../../src-shared/protocol/business-messages'
import type { ImRestClient } from '../../common/im-rest-client'
import { sendBusinessMessage } from '../../common/business-message-send'
import type { Caller } from '../contract/dispatch'

/**
 * Tells the room who took a moderation action (issue 13 §4: "every action is attributed to the
 * moderator who took it, everywhere it is shown").
 *
 * The console acts through the owner's room session or as the App admin, so the room's own tips
 * name them; Tencent's `forbid_send_msg`, `ban_group_member`, `unban_group_member` and
 * `group_msg_recall` have no operator field to carry the moderator (reference §3.2), and a REST
 * `From_Account` would make the notice a message of the moderator's identity that receivers could
 * not tell from a forged one. So LiveDesk attributes it in its own layer: one custom message from
 * the App admin (REST `send_group_msg`, High so frequency control sheds it last), which viewers'
 * pages and every console show as a system line (wire-to-chat.ts), and nobody else's is believed.
 * A Tencent room whose console has no secret key has no App admin REST here: no notice is sent,
 * and the audit log is where the action stays attributed.
 */
export class ModerationNotices {
  constructor(
    private readonly rest: ImRestClient | null,
    private readonly groupId: string,
    private readonly log: (line: string) => void,
  ) {}

  /**
   * Tells the room of `entry`, done for `caller` (the owner's own consoles when it names no
   * moderator); `known`: the owner's identity and the target's nick as the console knows it. A failure is logged: the action
   * itself was done and audited.
   */
  async announce(
    entry: AuditReport,
    caller: Caller,
    known: { ownerId: string; targetNick: string },
  ): Promise<void> {
    const action = NoticeSchema.shape.action.safeParse(entry.action)
    if (!this.rest || !action.success) return
    const target = entry.target ?? ''
    const notice: ModerationNotice = {
      action: action.data,
      operatorId: caller.moderator?.userId ?? known.ownerId,
      operatorName: caller.moderator?.name ?? '',
      operatorRole: caller.moderator?.role ?? 'owner',
      targetId: target,
      targetNick: (known.targetNick || target).slice(0, 128),
      seconds: entry.durationSeconds ?? 0,
    }
    try {
      await sendBusinessMessage(
        this.rest,
        this.groupId,
        { businessID: BusinessId.moderation, version: moderationVersion, ...notice },
        'High',
      )
    } catch (error) {
      const words = error instanceof Error ? error.message : String(error)
      this.log(`moderation: telling the room of ${notice.action} failed (${words})`)
    }
  }
}
