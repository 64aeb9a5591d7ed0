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
  /** Join time cursor in ms: 0 on the first call, then the previous NextTimestamp. */
  Timestamp: z.number().int().nonnegative(),
  /** The previous page's Mark; breaks ties between members who joined in the same ms. */
  Mark: z.string().optional(),
})

/**
 * Online members oldest join first, a page at a time. Tencent names the cursor fields but not
 * their units or order (reference §1); docs/rest-api.md records this choice.
 */
/** The online members, through the operation the client's get-members uses (moderation.ts). */
function onlineMembers(deps: RestDeps, call: RestCall, groupId: string): ListedMember[] {
  const listed = deps.engine.moderation.members(restActor(call), groupId)
  if (!('ok' in listed)) throw new RestError(listed.code, listed.message)
  return listed.value
}

const getMembers: CommandHandler = (deps, call, raw) => {
  const body = parseBody(GetMembers, raw)
  const after = (m: { joinTime: number; userId: string }): boolean =>
    m.joinTime > body.Timestamp ||
    (m.joinTime === body.Timestamp && body.Mark !== undefined && m.userId > body.Mark) ||
    (body.Timestamp === 0 && body.Mark === undefined)
  const members = onlineMembers(deps, call, body.GroupId)
    .sort((a, b) => a.joinTime - b.joinTime || (a.userId < b.userId ? -1 : 1))
    .filter(after)
  const page = members.slice(0, deps.tuning.membersPageSize)
  const last = page.at(-1)
  const more = members.length > page.length && last !== undefined
  return {
    MemberList: page.map((m) => ({ Member_Account: m.userId, JoinTime: toSeconds(m.joinTime) })),
    NextTimestamp: more ? last.joinTime : 0,
    ...(more ? { Mark: last.userId } : {}),
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

const getAdminList: CommandHandler = (deps, _call, raw) => {
  const { GroupId: groupId } = parseBody(z.object({ GroupId }), raw)
  requireGroup(deps, groupId)
  return {
    AdminList: deps.store.groups.admins(groupId).map((userId) => ({ Admin_Account: userId })),
  }
}

export const avChatRoomService: Record<string, CommandHandler> = {
  get_members: getMembers,
  check_members: checkMembers,
  modify_admin: modifyAdmin,
  get_admin_list: getAdminList,
}
