import { z } from 'zod'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import type { ImRestClient } from '../../common/im-rest-client'
import { RoomError } from '../../common/room-error'
import type { MemberList, MissingMemberPart } from './room-backend'

const GROUP_SVC = 'group_open_http_svc'
const AVCHATROOM_SVC = 'group_open_avchatroom_http_svc'
/**
 * How long a kick keeps the member out at most: a kick on an AVChatRoom is a ban (reference §12),
 * lifted at once where the console can (REST), else left to end by itself (the SDK's
 * deleteGroupMember, which needs a duration). A minute: enough for a cool-off, short enough that
 * "kick" still means "may come back".
 */
export const KICK_BAN_SECONDS = 60
/** get_members pages read per refresh: enough for the console's list without flooding the API. */
const MAX_MEMBER_PAGES = 20

// The REST answers' fields read here (reference §1, §3.2, §12; docs/rest-api.md).
const MembersPage = z.object({
  MemberList: z.array(z.object({ Member_Account: z.string(), JoinTime: z.number() })).default([]),
  NextTimestamp: z.number().default(0),
})
const MutedAccounts = z.object({
  MutedAccountList: z
    .array(z.object({ Member_Account: z.string(), MutedUntil: z.number() }))
    .default([]),
})
const OnlineMemberNum = z.object({ OnlineMemberNum: z.number().int() })
const AdminList = z.object({
  Admin_List: z.array(z.object({ Admin_Account: z.string() })).default([]),
})

/**
 * What an AVChatRoom's owner cannot do from a client and the App admin does over the IM REST API
 * (reference §3.2, §12): kick (as a short ban), ban, mute-all and the online member list with live
 * mutes. The same calls serve the embedded room and Tencent Cloud.
 */
export class RoomAdminRest {
  constructor(
    private readonly rest: ImRestClient,
    private readonly groupId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Out now, may come back: a ban of KICK_BAN_SECONDS, lifted at once. Tencent refuses
   * delete_group_member for an AVChatRoom (reference §12), and so does the embedded room. When
   * the lifting fails the member is out all the same and the short ban ends by itself, so the
   * kick still succeeds.
   */
  async kick(userId: string, reason = ''): Promise<void> {
    await this.ban(userId, KICK_BAN_SECONDS, reason)
    await this.ban(userId, 0).catch(() => {})
  }

  /** Seconds 0 lifts the ban. Resolves with the ban's end (Unix ms; 0 when lifted). */
  async ban(userId: string, seconds: number, reason = ''): Promise<number> {
    if (seconds === 0) {
      await this.rest.call(GROUP_SVC, 'unban_group_member', {
        GroupId: this.groupId,
        Members_Account: [userId],
      })
      return 0
    }
    const startedAt = this.now()
    await this.rest.call(GROUP_SVC, 'ban_group_member', {
      GroupId: this.groupId,
      Members_Account: [userId],
      Duration: seconds,
      Description: reason,
    })
    return startedAt + seconds * 1000
  }

  /**
   * group_msg_recall of one message (reference §3.2). Its RetCode is per message: 10030 (no such
   * message, or already recalled) is not an error to the one who asked — the line is gone.
   */
  async recall(sequence: number, reason = ''): Promise<void> {
    const answer = await this.rest.call(GROUP_SVC, 'group_msg_recall', {
      GroupId: this.groupId,
      MsgSeqList: [{ MsgSeq: sequence }],
      Reason: reason,
    })
    const result = (answer.RecallRetList as { RetCode?: number }[] | undefined)?.[0]
    const code = result?.RetCode ?? 0
    if (code !== 0 && code !== ErrorCode.messageNotFound) {
      throw new RoomError(code, `The room would not recall message ${sequence}`)
    }
  }

  async setMuteAll(on: boolean): Promise<void> {
    await this.rest.call(GROUP_SVC, 'modify_group_base_info', {
      GroupId: this.groupId,
      MuteAllMember: on ? 'On' : 'Off',
    })
  }

  /** Tencent's Notification and Introduction (modify_group_base_info; members get tip 6). */
  async setNotice(notification: string, introduction: string): Promise<void> {
    await this.rest.call(GROUP_SVC, 'modify_group_base_info', {
      GroupId: this.groupId,
      Notification: notification,
      Introduction: introduction,
    })
  }

  /** The room's online count (`get_online_member_num`, reference §1). */
  async onlineCount(): Promise<number> {
    const answer = await this.rest.call(GROUP_SVC, 'get_online_member_num', {
      GroupId: this.groupId,
    })
    return OnlineMemberNum.parse(answer).OnlineMemberNum
  }

  /**
   * Everyone online now, with their role (the owner is `ownerId`) and live mute. Each of the three
   * reads may fail on its own — `get_members` and `get_admin_list` need a Premium edition with the
   * online-member list switched on (reference §12) — and the list still loads: what could not be
   * read is in `missing` (then its members are `[]`, roles other than the owner's `Member`, mutes
   * 0 — not to be taken as facts). Rejects only when all three fail.
   */
  async members(ownerId: string): Promise<MemberList> {
    const [online, muted, admins] = await Promise.allSettled([
      this.onlineMembers(),
      this.rest.call(GROUP_SVC, 'get_group_muted_account', { GroupId: this.groupId }),
      this.rest.call(AVCHATROOM_SVC, 'get_admin_list', { GroupId: this.groupId }),
    ])
    if (
      online.status === 'rejected' &&
      muted.status === 'rejected' &&
      admins.status === 'rejected'
    ) {
      throw online.reason
    }
    const missing: MissingMemberPart[] = []
    const read = <T>(
      part: MissingMemberPart['part'],
      result: PromiseSettledResult<T>,
    ): T | null => {
      if (result.status === 'fulfilled') return result.value
      missing.push({ part, ...failureOf(result.reason) })
      return null
    }
    const members = read('members', online) ?? []
    const mutesAnswer = read('mutes', muted)
    const adminsAnswer = read('admins', admins)
    const muteUntil = new Map(
      (mutesAnswer ? MutedAccounts.parse(mutesAnswer).MutedAccountList : []).map((m) => [
        m.Member_Account,
        m.MutedUntil * 1000,
      ]),
    )
    const adminIds = new Set(
      (adminsAnswer ? AdminList.parse(adminsAnswer).Admin_List : []).map((a) => a.Admin_Account),
    )
    return {
      members: members.map(({ userId, joinTime }) => ({
        userId,
        joinTime,
        role:
          userId === ownerId
            ? ('Owner' as const)
            : adminIds.has(userId)
              ? ('Admin' as const)
              : ('Member' as const),
        muteUntil: muteUntil.get(userId) ?? 0,
      })),
      missing,
    }
  }

  /**
   * get_members pages: `Timestamp` 0 first, then the previous answer's NextTimestamp, until it is
   * 0 (reference §12: `Mark` is a filter, not a cursor). A member on two pages (left and came
   * back meanwhile) is listed once, with the later join.
   */
  private async onlineMembers(): Promise<{ userId: string; joinTime: number }[]> {
    const members = new Map<string, { userId: string; joinTime: number }>()
    let timestamp = 0
    for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
      const answer = MembersPage.parse(
        await this.rest.call(AVCHATROOM_SVC, 'get_members', {
          GroupId: this.groupId,
          Timestamp: timestamp,
        }),
      )
      for (const m of answer.MemberList) {
        members.delete(m.Member_Account)
        members.set(m.Member_Account, { userId: m.Member_Account, joinTime: m.JoinTime * 1000 })
      }
      if (!answer.NextTimestamp || answer.NextTimestamp === timestamp) break
      timestamp = answer.NextTimestamp
    }
    return [...members.values()]
  }
}

/** A failed read's code and words (a RoomError's; anything else as an internal error). */
function failureOf(err: unknown): { code: number; message: string } {
  if (err instanceof RoomError) return { code: err.code, message: err.message }
  return { code: ErrorCode.internal, message: err instanceof Error ? err.message : String(err) }
}
