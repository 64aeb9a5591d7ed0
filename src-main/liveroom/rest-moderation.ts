import { z } from 'zod'
import { ErrorCode, Limits } from '../../src-shared/protocol/codes'
import { GroupId, UserId, utf8Bytes } from '../../src-shared/protocol/frames'
import type { RecallOutcome } from './moderation'
import {
  type CommandHandler,
  groupNotFound,
  parseBody,
  type RestDeps,
  RestError,
  restActor,
  settle,
  toSeconds,
} from './rest-common'

/**
 * The moderation commands of service `group_open_http_svc` (reference §3.2): AVChatRoom bans and
 * message recall. Bodies and field names are Tencent's; each change is the operation the client
 * protocol uses too (moderation.ts), asked for by the App admin.
 */

function requireGroup(deps: RestDeps, groupId: string): void {
  if (!deps.store.groups.get(groupId)) throw groupNotFound(groupId)
}

const bytes = (max: number, field: string) =>
  z.string().refine((value) => utf8Bytes(value) <= max, {
    message: `${field} is over ${max} UTF-8 bytes`,
  })

/** Members per ban/unban request (reference §3.2). */
const maxBanMembers = 20
/** Bans listed per get_group_ban_member page (reference §3.2). */
const maxBanPage = 100
/** Messages per group_msg_recall request (reference §3.2). */
const maxRecall = 10

const BanGroupMember = z.object({
  GroupId,
  Members_Account: z.array(UserId).min(1).max(maxBanMembers),
  // uint32 seconds; 0 would be no ban at all (unban_group_member lifts one).
  Duration: z.number().int().min(1).max(Limits.maxMuteSeconds),
  Description: bytes(Limits.maxReasonBytes, 'Description').optional(),
})

const banGroupMember: CommandHandler = (deps, call, raw) => {
  const body = parseBody(BanGroupMember, raw)
  settle<{ bannedUntil: number }>((reply) =>
    deps.engine.moderation.ban(
      restActor(call),
      {
        groupId: body.GroupId,
        userIds: [...new Set(body.Members_Account)],
        seconds: body.Duration,
        reason: body.Description ?? '',
      },
      reply,
    ),
  )
  return {}
}

const UnbanGroupMember = z.object({
  GroupId,
  Members_Account: z.array(UserId).min(1).max(maxBanMembers),
})

const unbanGroupMember: CommandHandler = (deps, call, raw) => {
  const body = parseBody(UnbanGroupMember, raw)
  settle<Record<string, never>>((reply) =>
    deps.engine.moderation.unban(
      restActor(call),
      { groupId: body.GroupId, userIds: [...new Set(body.Members_Account)] },
      reply,
    ),
  )
  return {}
}

const GetGroupBanMember = z.object({
  GroupId,
  Limit: z.number().int().min(1).max(maxBanPage).optional(),
  Offset: z.number().int().nonnegative().optional(),
})

const getGroupBanMember: CommandHandler = (deps, _call, raw) => {
  const body = parseBody(GetGroupBanMember, raw)
  requireGroup(deps, body.GroupId)
  const limit = body.Limit ?? maxBanPage
  const offset = body.Offset ?? 0
  // One more than the page, to learn whether another page follows.
  const bans = deps.store.bans.active(body.GroupId, deps.now(), limit + 1, offset)
  const page = bans.slice(0, limit)
  return {
    BannedAccountList: page.map((ban) => ({
      Member_Account: ban.userId,
      BannedUntil: toSeconds(ban.bannedUntil),
    })),
    NextOffset: bans.length > limit ? offset + limit : 0,
  }
}

const GroupMsgRecall = z.object({
  GroupId,
  MsgSeqList: z
    .array(z.object({ MsgSeq: z.number().int().positive() }))
    .min(1)
    .max(maxRecall),
  Reason: bytes(Limits.maxReasonBytes, 'Reason').optional(),
  TopicId: z.string().optional(),
})

/**
 * Tencent's older docs say an AVChatRoom cannot recall; current ones say it can (Web SDK ≥ 3.1.2),
 * and this server does. A sequence that names no stored message gets RetCode 10030.
 */
const groupMsgRecall: CommandHandler = (deps, call, raw) => {
  const body = parseBody(GroupMsgRecall, raw)
  if (body.TopicId !== undefined) {
    throw new RestError(ErrorCode.invalidParameter, 'An AVChatRoom has no topics; omit TopicId')
  }
  const outcomes = settle<RecallOutcome[]>((reply) =>
    deps.engine.moderation.recall(
      restActor(call),
      {
        groupId: body.GroupId,
        sequences: body.MsgSeqList.map((item) => item.MsgSeq),
        reason: body.Reason ?? '',
      },
      reply,
    ),
  )
  return {
    RecallRetList: outcomes.map((outcome) => ({
      MsgSeq: outcome.sequence,
      RetCode: outcome.code,
    })),
  }
}

export const moderationCommands: Record<string, CommandHandler> = {
  ban_group_member: banGroupMember,
  unban_group_member: unbanGroupMember,
  get_group_ban_member: getGroupBanMember,
  group_msg_recall: groupMsgRecall,
}
