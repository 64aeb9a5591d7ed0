import { z } from 'zod'
import { ErrorCode } from '../../src-shared/protocol/codes'
import { GroupId, UserId } from '../../src-shared/protocol/frames'
import type { ListedMember } from './moderation'
import {
  type CommandHandler,
  groupNotFound,
  parseBody,
  type RestCall,
  type RestDeps,
  RestError,
  restActor,
  toSeconds,
} from './rest-common'
import type { GroupProfile } from './store'

/** The REST commands of service `group_open_avchatroom_http_svc` (reference §1, §3.2). */

function requireGroup(deps: RestDeps, groupId: string): GroupProfile {
  const profile = deps.store.groups.profile(groupId)
  if (!profile) throw groupNotFound(groupId)
  return profile
}

const GetMembers = z.object({
  GroupId,
  /** 0 on the first call, then the previous answer's NextTimestamp. */
  Timestamp: z.number().int().nonnegative(),
  /**
   * Tencent's filter by member mark (reference §12), an integer. This server keeps no marks
   * (markGroupMemberList is not modelled), so a Mark matches nobody.
   */
  Mark: z.number().int().optional(),
})

/** The online members, through the operation the client's get-members uses (moderation.ts). */
function onlineMembers(deps: RestDeps, call: RestCall, groupId: string): ListedMember[] {
  const listed = deps.engine.moderation.members(restActor(call), groupId)
  if (!('ok' in listed)) throw new RestError(listed.code, listed.message)
  return listed.value
}

/** A member's NickName and Avatar as Tencent's REST answers carry them ('' when unset). */
function profileOf(deps: RestDeps, userId: string): { NickName: string; Avatar: string } {
  return {
    NickName: deps.store.profiles.nick(userId) ?? '',
    Avatar: deps.store.accounts.faceUrl(userId),
  }
}

/**
 * Online members, oldest join first, a page at a time, paged by `Timestamp` / `NextTimestamp`
 * only (reference §12). `NextTimestamp` is the join time in ms of the page's last member, and the
 * next page starts after it; a page never ends inside a run of members who joined in the same ms
 * (it grows to take them all), so nobody is lost or repeated between pages (docs/rest-api.md).
 */
const getMembers: CommandHandler = (deps, call, raw) => {
  const body = parseBody(GetMembers, raw)
  const online = onlineMembers(deps, call, body.GroupId)
  if (body.Mark !== undefined && body.Mark !== 0) return { MemberList: [], NextTimestamp: 0 }
  const members = online
    .filter((m) => m.joinTime > body.Timestamp)
    .sort((a, b) => a.joinTime - b.joinTime || (a.userId < b.userId ? -1 : 1))
  let end = Math.min(deps.tuning.membersPageSize, members.length)
  const lastJoin = members[end - 1]?.joinTime
  while (end < members.length && members[end]?.joinTime === lastJoin) end++
  const page = members.slice(0, end)
  return {
    MemberList: page.map((m) => ({
      Member_Account: m.userId,
      ...profileOf(deps, m.userId),
      JoinTime: toSeconds(m.joinTime),
    })),
    NextTimestamp: end < members.length && lastJoin !== undefined ? lastJoin : 0,
  }
}

const CheckMembers = z.object({ GroupId, Member_Account: z.array(UserId).min(1).max(500) })

const checkMembers: CommandHandler = (deps, call, raw) => {
  const body = parseBody(CheckMembers, raw)
  const online = new Set(onlineMembers(deps, call, body.GroupId).map((m) => m.userId))
  return { Member_Account: body.Member_Account.filter((userId) => online.has(userId)) }
}

const ModifyAdmin = z.object({
  GroupId,
  CommandType: z.union([z.literal(1), z.literal(2)]),
  Admin_Account: z.array(UserId).min(1).max(5),
})

const modifyAdmin: CommandHandler = (deps, call, raw) => {
  const body = parseBody(ModifyAdmin, raw)
  const profile = requireGroup(deps, body.GroupId)
  const accounts = [...new Set(body.Admin_Account)]
  const add = body.CommandType === 1
  if (add && accounts.includes(profile.ownerId)) {
    throw new RestError(ErrorCode.invalidParameter, 'The group owner cannot also be an admin')
  }
  const current = new Set(deps.store.groups.admins(body.GroupId))
  const changed = accounts.filter((userId) => current.has(userId) !== add)
  if (add && current.size + changed.length > deps.tuning.maxGroupAdmins) {
    throw new RestError(
      ErrorCode.invalidParameter,
      `An AVChatRoom may have at most ${deps.tuning.maxGroupAdmins} admins; it has ${current.size}`,
    )
  }
  if (changed.length === 0) return {}
  deps.store.groups.setAdmins(body.GroupId, changed, add)
  deps.engine.rolesChanged(body.GroupId, changed, add, call.identifier)
  return {}
}

/** Tencent's answer is `Admin_List: [{Admin_Account, NickName, Avatar}]` (reference §12). */
const getAdminList: CommandHandler = (deps, _call, raw) => {
  const { GroupId: groupId } = parseBody(z.object({ GroupId }), raw)
  requireGroup(deps, groupId)
  return {
    Admin_List: deps.store.groups
      .admins(groupId)
      .map((userId) => ({ Admin_Account: userId, ...profileOf(deps, userId) })),
  }
}

export const avChatRoomService: Record<string, CommandHandler> = {
  get_members: getMembers,
  check_members: checkMembers,
  modify_admin: modifyAdmin,
  get_admin_list: getAdminList,
}
