import { randomInt } from 'node:crypto'
import { z } from 'zod'
import { ErrorCode, Limits } from '../../src-shared/protocol/codes'
import {
  type AppDefinedField,
  GroupId,
  MsgElem,
  type Priority,
  UserId,
  utf8Bytes,
} from '../../src-shared/protocol/frames'
import { groupDestroyedBody } from './callback-bodies'
import { checkMessage, type SendResult } from './message-pipeline'
import {
  type CommandHandler,
  groupNotFound,
  parseBody,
  type RestDeps,
  RestError,
  type RestFields,
  restActor,
  settle,
  toSeconds,
} from './rest-common'
import type { GroupProfile, GroupProfileChanges } from './store'

/** The REST commands of service `group_open_http_svc` (reference §3.2), AVChatRoom only. */

const bytes = (max: number, field: string) =>
  z.string().refine((value) => utf8Bytes(value) <= max, {
    message: `${field} is over ${max} UTF-8 bytes (one CJK character is 3)`,
  })
const Name = bytes(30, 'Name')
const Introduction = bytes(240, 'Introduction')
const Notification = bytes(300, 'Notification')
const FaceUrl = bytes(100, 'FaceUrl')
const OnOff = z.enum(['On', 'Off'])
const AppDefinedData = z.array(z.object({ Key: z.string().min(1), Value: z.string() }))
const Accounts = (max: number) => z.array(UserId).min(1).max(max)

function requireGroup(deps: RestDeps, groupId: string): GroupProfile {
  const profile = deps.store.groups.profile(groupId)
  if (!profile) throw groupNotFound(groupId)
  return profile
}

/** Checks AppDefinedData against the chosen limits and merges it; an empty Value deletes. */
function mergeAppDefined(
  deps: RestDeps,
  current: readonly AppDefinedField[],
  changes: readonly AppDefinedField[],
): AppDefinedField[] {
  const t = deps.tuning
  const merged = new Map(current.map((f) => [f.Key, f.Value]))
  for (const { Key, Value } of changes) {
    if (utf8Bytes(Key) > t.maxAppDefinedKeyBytes || !/^[A-Za-z0-9_]+$/.test(Key)) {
      throw new RestError(
        ErrorCode.invalidParameter,
        `AppDefinedData key "${Key.slice(0, 32)}" must be 1–${t.maxAppDefinedKeyBytes} bytes of A–Z, a–z, 0–9 and _`,
      )
    }
    if (utf8Bytes(Value) > t.maxAppDefinedValueBytes) {
      throw new RestError(
        ErrorCode.invalidParameter,
        `AppDefinedData "${Key}" is over ${t.maxAppDefinedValueBytes} bytes`,
      )
    }
    if (Value === '') merged.delete(Key)
    else merged.set(Key, Value)
  }
  if (merged.size > t.maxAppDefinedFields) {
    throw new RestError(
      ErrorCode.invalidParameter,
      `A group may have at most ${t.maxAppDefinedFields} AppDefinedData fields`,
    )
  }
  return [...merged].map(([Key, Value]) => ({ Key, Value }))
}

const idAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** Tencent's AVChatRoom ids look like "@TGS#aXXXXXXXXX". */
function newGroupId(deps: RestDeps): string {
  for (;;) {
    let id = '@TGS#a'
    for (let i = 0; i < 10; i++) id += idAlphabet[randomInt(idAlphabet.length)]
    if (!deps.store.groups.get(id)) return id
  }
}

const CreateGroup = z.object({
  Type: z.string(),
  GroupId: GroupId.optional(),
  Owner_Account: UserId.optional(),
  Name,
  Introduction: Introduction.optional(),
  Notification: Notification.optional(),
  FaceUrl: FaceUrl.optional(),
  MaxMemberCount: z.number().int().nonnegative().optional(),
  ApplyJoinOption: z.enum(['FreeAccess', 'NeedPermission', 'DisableApply']).optional(),
  AppDefinedData: AppDefinedData.optional(),
  MemberList: z.array(z.unknown()).optional(),
})

const createGroup: CommandHandler = (deps, _call, raw) => {
  const body = parseBody(CreateGroup, raw)
  if (body.Type !== 'AVChatRoom') {
    throw new RestError(
      ErrorCode.invalidParameter,
      `Type "${body.Type.slice(0, 32)}" is not supported: this room server hosts AVChatRoom groups only`,
    )
  }
  if (body.MemberList?.length) {
    throw new RestError(
      ErrorCode.invalidParameter,
      'An AVChatRoom cannot have members added at creation; members join by themselves',
    )
  }
  if (body.GroupId?.startsWith('@TGS#')) {
    throw new RestError(ErrorCode.invalidParameter, 'A custom GroupId must not start with @TGS#')
  }
  if (body.GroupId && deps.store.groups.get(body.GroupId)) {
    throw new RestError(ErrorCode.groupIdInUse, `GroupId "${body.GroupId}" is already used`)
  }
  const appDefinedData = mergeAppDefined(deps, [], body.AppDefinedData ?? [])
  const groupId = body.GroupId ?? newGroupId(deps)
  deps.store.groups.create({
    groupId,
    name: body.Name,
    ownerId: body.Owner_Account ?? '',
    createdAt: deps.now(),
    introduction: body.Introduction ?? '',
    notification: body.Notification ?? '',
    faceUrl: body.FaceUrl ?? '',
    appDefinedData,
  })
  return { GroupId: groupId }
}

const GetGroupInfo = z.object({
  GroupIdList: z.array(z.string()).min(1).max(50),
  ResponseFilter: z
    .object({
      GroupBaseInfoFilter: z.array(z.string()).optional(),
      MemberInfoFilter: z.array(z.string()).optional(),
      AppDefinedDataFilter_Group: z.array(z.string()).optional(),
    })
    .optional(),
})

const getGroupInfo: CommandHandler = (deps, _call, raw) => {
  const body = parseBody(GetGroupInfo, raw)
  const baseFilter = body.ResponseFilter?.GroupBaseInfoFilter
  const dataFilter = body.ResponseFilter?.AppDefinedDataFilter_Group
  const GroupInfo = body.GroupIdList.map((groupId) => {
    const profile = deps.store.groups.profile(groupId)
    if (!profile) {
      return {
        GroupId: groupId,
        ErrorCode: ErrorCode.groupNotFound,
        ErrorInfo: `Group "${groupId.slice(0, 48)}" does not exist`,
      }
    }
    const last = deps.store.messages.upTo(groupId, Number.MAX_SAFE_INTEGER, 1, true)[0]?.message
    const base: RestFields = {
      Type: 'AVChatRoom',
      Name: profile.name,
      Introduction: profile.introduction,
      Notification: profile.notification,
      FaceUrl: profile.faceUrl,
      Owner_Account: profile.ownerId,
      CreateTime: toSeconds(profile.createdAt),
      LastInfoTime: toSeconds(profile.infoTime),
      LastMsgTime: last ? toSeconds(last.time) : 0,
      NextMsgSeq: (last?.sequence ?? 0) + 1,
      MemberNum: deps.engine.onlineCount(groupId),
      MaxMemberNum: 0,
      ApplyJoinOption: 'FreeAccess',
      ShutUpAllMember: profile.muteAllMembers ? 'On' : 'Off',
    }
    const picked = baseFilter
      ? Object.fromEntries(Object.entries(base).filter(([key]) => baseFilter.includes(key)))
      : base
    const data = dataFilter
      ? profile.appDefinedData.filter((f) => dataFilter.includes(f.Key))
      : profile.appDefinedData
    return {
      GroupId: groupId,
      ErrorCode: 0,
      ErrorInfo: '',
      ...picked,
      ...(dataFilter || !baseFilter ? { AppDefinedData: data } : {}),
    }
  })
  return { GroupInfo }
}

const ModifyGroupBaseInfo = z.object({
  GroupId,
  Name: Name.optional(),
  Introduction: Introduction.optional(),
  Notification: Notification.optional(),
  FaceUrl: FaceUrl.optional(),
  MaxMemberNum: z.number().int().nonnegative().optional(),
  ApplyJoinOption: z.enum(['FreeAccess', 'NeedPermission', 'DisableApply']).optional(),
  InviteJoinOption: z.enum(['FreeAccess', 'NeedPermission', 'DisableInvite']).optional(),
  MuteAllMember: OnOff.optional(),
  AppDefinedData: AppDefinedData.optional(),
  From_Account: UserId.optional(),
})

const modifyGroupBaseInfo: CommandHandler = (deps, call, raw) => {
  const body = parseBody(ModifyGroupBaseInfo, raw)
  const profile = requireGroup(deps, body.GroupId)
  if (body.Name !== undefined && body.Name.trim() === '') {
    throw new RestError(ErrorCode.invalidParameter, 'Name must not be empty')
  }
  const requested: GroupProfileChanges = {
    ...(body.Name !== undefined ? { name: body.Name } : {}),
    ...(body.Introduction !== undefined ? { introduction: body.Introduction } : {}),
    ...(body.Notification !== undefined ? { notification: body.Notification } : {}),
    ...(body.FaceUrl !== undefined ? { faceUrl: body.FaceUrl } : {}),
    ...(body.MuteAllMember !== undefined ? { muteAllMembers: body.MuteAllMember === 'On' } : {}),
    ...(body.AppDefinedData !== undefined
      ? { appDefinedData: mergeAppDefined(deps, profile.appDefinedData, body.AppDefinedData) }
      : {}),
  }
  // The same operation as a client's mute-all (moderation.ts), as the App admin.
  settle<{ changes: GroupProfileChanges }>((reply) =>
    deps.engine.moderation.changeProfile(
      restActor(call, body.From_Account ?? call.identifier),
      body.GroupId,
      requested,
      reply,
    ),
  )
  return {}
}

const GroupOnly = z.object({ GroupId })

const destroyGroup: CommandHandler = (deps, call, raw) => {
  const { GroupId: groupId } = parseBody(GroupOnly, raw)
  const profile = requireGroup(deps, groupId)
  const members = deps.engine.onlineMembers(groupId)
  deps.store.groups.destroy(groupId)
  deps.engine.groupDestroyed(groupId, call.identifier)
  deps.callbacks.emit(
    'Group.CallbackAfterGroupDestroyed',
    groupDestroyedBody(
      profile,
      members.map((m) => m.userId),
      deps.now(),
    ),
    { clientIp: call.clientIp, platform: 'RESTAPI' },
  )
  return {}
}

const SendGroupMsg = z.object({
  GroupId,
  From_Account: UserId.optional(),
  Random: z.number().int().min(0).max(4_294_967_295).optional(),
  // Case-sensitive, and without Lowest: the REST API names only these three (reference §3.3).
  MsgPriority: z.enum(['High', 'Normal', 'Low']).optional(),
  MsgBody: z.array(MsgElem).min(1).max(16),
  CloudCustomData: z.string().optional(),
  ForbidCallbackControl: z
    .array(z.enum(['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback']))
    .optional(),
  OnlineOnlyFlag: z.number().int().optional(),
  SendMsgControl: z.array(z.string()).optional(),
})

/** From_Account, which must exist (an App admin or an imported account); else the caller. */
function senderOf(
  deps: Parameters<CommandHandler>[0],
  call: Parameters<CommandHandler>[1],
  fromAccount: string | undefined,
): string {
  if (fromAccount === undefined) return call.identifier
  if (!deps.isAppAdmin(fromAccount) && !deps.store.accounts.exists(fromAccount)) {
    throw new RestError(
      ErrorCode.invalidParameter,
      `From_Account "${fromAccount}" does not exist; import it with im_open_login_svc/account_import first`,
    )
  }
  return fromAccount
}

const sendGroupMsg: CommandHandler = (deps, call, raw) => {
  const body = parseBody(SendGroupMsg, raw)
  requireGroup(deps, body.GroupId)
  const from = senderOf(deps, call, body.From_Account)
  const forbid = body.ForbidCallbackControl ?? []
  return new Promise<RestFields>((resolve, reject) => {
    deps.engine.submitMessage(
      {
        groupId: body.GroupId,
        from,
        operator: call.identifier,
        nick: deps.store.profiles.nick(from) ?? from,
        priority: (body.MsgPriority ?? 'Normal') as Priority,
        msgBody: body.MsgBody,
        ...(body.CloudCustomData !== undefined ? { cloudCustomData: body.CloudCustomData } : {}),
        ...(body.Random !== undefined ? { random: body.Random } : {}),
        // Honoured although Tencent's AVChatRoom ignores it: this room keeps history (rest-api.md).
        onlineOnly: body.OnlineOnlyFlag === 1,
        skipBeforeCallback: forbid.includes('ForbidBeforeSendMsgCallback'),
        skipAfterCallback: forbid.includes('ForbidAfterSendMsgCallback'),
        context: { clientIp: call.clientIp, platform: 'RESTAPI' },
      },
      (result: SendResult) => {
        if (result.ok) {
          resolve({ MsgTime: toSeconds(result.message.time), MsgSeq: result.message.sequence })
        } else {
          reject(new RestError(result.code, result.message))
        }
      },
    )
  })
}

const SendBroadcastMsg = z.object({
  From_Account: UserId.optional(),
  Random: z.number().int().min(0).max(4_294_967_295),
  MsgBody: z.array(MsgElem).min(1).max(16),
  CloudCustomData: z.string().optional(),
})

/**
 * Every AVChatRoom of the app, each through its own pipeline (mute checks, before-send callback,
 * frequency control, history). A group that refuses it (e.g. the sender is muted there) is logged
 * and skipped; the call succeeds. MsgSeq numbers broadcasts; each group's copy has its own seq.
 */
const sendBroadcastMsg: CommandHandler = async (deps, call, raw) => {
  const body = parseBody(SendBroadcastMsg, raw)
  const from = senderOf(deps, call, body.From_Account)
  const invalid = checkMessage(body.MsgBody, body.CloudCustomData, Limits.maxMessageBytes)
  if (invalid) throw new RestError(invalid.code, invalid.message)
  const { msgSeq, results } = await deps.engine.broadcast({
    from,
    operator: call.identifier,
    nick: deps.store.profiles.nick(from) ?? from,
    priority: 'Normal',
    msgBody: body.MsgBody,
    ...(body.CloudCustomData !== undefined ? { cloudCustomData: body.CloudCustomData } : {}),
    random: body.Random,
    context: { clientIp: call.clientIp, platform: 'RESTAPI' },
  })
  for (const { groupId, result } of results) {
    if (!result.ok) {
      deps.log(`liveroom: send_broadcast_msg skipped group "${groupId}": ${result.message}`)
    }
  }
  return { MsgSeq: msgSeq }
}

const SystemNotification = z.object({
  GroupId,
  ToMembers_Account: z.array(UserId).optional(),
  Content: z
    .string()
    .min(1)
    .refine((v) => utf8Bytes(v) <= Limits.maxMessageBytes, {
      message: `Content is over ${Limits.maxMessageBytes} UTF-8 bytes`,
    }),
})

/** An AVChatRoom's system notification goes to all its members only (reference §12). */
const sendGroupSystemNotification: CommandHandler = (deps, _call, raw) => {
  const body = parseBody(SystemNotification, raw)
  requireGroup(deps, body.GroupId)
  if (body.ToMembers_Account?.length) {
    throw new RestError(
      ErrorCode.invalidParameter,
      `Group "${body.GroupId}" is an AVChatRoom, whose system notifications go to all members: leave ToMembers_Account out or empty`,
    )
  }
  deps.engine.systemNotification(body.GroupId, body.Content)
  return {}
}

const ForbidSendMsg = z.object({
  GroupId,
  Members_Account: Accounts(500),
  ShutUpTime: z.number().int().min(0).max(Limits.maxMuteSeconds),
})

const forbidSendMsg: CommandHandler = (deps, call, raw) => {
  const body = parseBody(ForbidSendMsg, raw)
  settle<{ muteUntil: number }>((reply) =>
    deps.engine.moderation.mute(
      restActor(call),
      {
        groupId: body.GroupId,
        userIds: [...new Set(body.Members_Account)],
        seconds: body.ShutUpTime,
      },
      reply,
    ),
  )
  return {}
}

const getGroupMutedAccount: CommandHandler = (deps, _call, raw) => {
  const { GroupId: groupId } = parseBody(GroupOnly.extend({ TopicId: z.string().optional() }), raw)
  requireGroup(deps, groupId)
  return {
    GroupId: groupId,
    MutedAccountList: deps.store.mutes
      .active(groupId, deps.now())
      .map((m) => ({ Member_Account: m.userId, MutedUntil: toSeconds(m.muteUntil) })),
  }
}

/** The older name of get_group_muted_account, with its older field names. */
const getGroupShuttedUin: CommandHandler = (deps, _call, raw) => {
  const { GroupId: groupId } = parseBody(GroupOnly, raw)
  requireGroup(deps, groupId)
  return {
    GroupId: groupId,
    ShuttedUinList: deps.store.mutes
      .active(groupId, deps.now())
      .map((m) => ({ Member_Account: m.userId, ShuttedUntil: toSeconds(m.muteUntil) })),
  }
}

const DeleteGroupMember = z.object({
  GroupId,
  MemberToDel_Account: Accounts(100),
  Silence: z.union([z.literal(0), z.literal(1)]).optional(),
  Reason: z.string().max(256).optional(),
})

/**
 * Tencent refuses delete_group_member for an AVChatRoom with 10004 (reference §12; trtc.io doc
 * 34949), and every group here is one. A kick is a short ban, then its lifting.
 */
const deleteGroupMember: CommandHandler = (deps, _call, raw) => {
  const body = parseBody(DeleteGroupMember, raw)
  requireGroup(deps, body.GroupId)
  throw new RestError(
    ErrorCode.invalidParameter,
    `Group "${body.GroupId}" is an AVChatRoom, which does not support delete_group_member; to remove members, use ban_group_member with a short Duration, then unban_group_member so they may come back`,
  )
}

const getOnlineMemberNum: CommandHandler = (deps, _call, raw) => {
  const { GroupId: groupId } = parseBody(GroupOnly, raw)
  requireGroup(deps, groupId)
  return { OnlineMemberNum: deps.engine.onlineCount(groupId) }
}

const priorityNumber: Record<Priority, number> = { High: 1, Normal: 2, Low: 3, Lowest: 4 }
const maxHistoryPerCall = 20

const GroupMsgGetSimple = z.object({
  GroupId,
  ReqMsgSeq: z.number().int().nonnegative().optional(),
  ReqMsgNumber: z.number().int().min(1),
  WithRecalledMsg: z.number().int().optional(),
  TopicId: z.string().optional(),
})

/**
 * A LiveDesk extension: Tencent does not offer group_msg_get_simple for AVChatRoom (reference §12),
 * whose history it does not keep by default. The embedded room stores history (joiners get it), and
 * this reads it back for tests and tools; business code must not rely on it (docs/rest-api.md).
 */
const groupMsgGetSimple: CommandHandler = (deps, _call, raw) => {
  const body = parseBody(GroupMsgGetSimple, raw)
  requireGroup(deps, body.GroupId)
  const wanted = Math.min(body.ReqMsgNumber, maxHistoryPerCall)
  const rows = deps.store.messages.upTo(
    body.GroupId,
    body.ReqMsgSeq ?? Number.MAX_SAFE_INTEGER,
    wanted,
    body.WithRecalledMsg === 1,
  )
  return {
    GroupId: body.GroupId,
    // 0 when the request asked for more than 20 (cut short), as Tencent does.
    IsFinished: body.ReqMsgNumber > maxHistoryPerCall ? 0 : 1,
    // A recalled message, asked for with WithRecalledMsg 1, is a placeholder without its body.
    RspMsgList: rows.map(({ message, random, recalled }) => ({
      From_Account: message.from,
      IsPlaceMsg: recalled ? 2 : 0,
      IsSystemMsg: 0,
      MsgBody: recalled ? [] : message.msgBody,
      ...(message.cloudCustomData !== undefined && !recalled
        ? { CloudCustomData: message.cloudCustomData }
        : {}),
      MsgPriority: priorityNumber[message.priority],
      MsgRandom: random ?? 0,
      MsgSeq: message.sequence,
      MsgTimeStamp: toSeconds(message.time),
    })),
  }
}

export const groupService: Record<string, CommandHandler> = {
  create_group: createGroup,
  get_group_info: getGroupInfo,
  modify_group_base_info: modifyGroupBaseInfo,
  destroy_group: destroyGroup,
  send_group_msg: sendGroupMsg,
  send_group_system_notification: sendGroupSystemNotification,
  send_broadcast_msg: sendBroadcastMsg,
  forbid_send_msg: forbidSendMsg,
  get_group_muted_account: getGroupMutedAccount,
  get_group_shutted_uin: getGroupShuttedUin,
  delete_group_member: deleteGroupMember,
  get_online_member_num: getOnlineMemberNum,
  group_msg_get_simple: groupMsgGetSimple,
}
