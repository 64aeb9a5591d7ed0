import { ErrorCode } from '../../../src-shared/protocol/codes'
import type { BusinessResponse } from './business-http'
import type { RestCaller } from './callback-port'

/**
 * Who may drive a room's show (its state, its lottery): the group's owner and its admins, asked
 * of REST each time (get_group_info, get_admin_list) — the business host keeps no roles of its
 * own, so it never disagrees with the room's.
 */

const refuse = (status: number, code: number, message: string): BusinessResponse => ({
  status,
  error: { code, message },
})

/** The group's owner and admins (empty owner: none known). */
export async function ownerAndAdmins(
  rest: RestCaller,
  groupId: string,
): Promise<{ owner: string; admins: string[] } | undefined> {
  const info = await rest.call('group_open_http_svc', 'get_group_info', { GroupIdList: [groupId] })
  const group = (
    info.GroupInfo as { ErrorCode?: number; Owner_Account?: string }[] | undefined
  )?.[0]
  if (!group || (group.ErrorCode ?? 0) !== 0) return undefined
  const answer = await rest.call('group_open_avchatroom_http_svc', 'get_admin_list', {
    GroupId: groupId,
  })
  const admins = ((answer.Admin_List as { Admin_Account?: string }[] | undefined) ?? []).flatMap(
    (admin) => (admin.Admin_Account ? [admin.Admin_Account] : []),
  )
  return { owner: group.Owner_Account ?? '', admins }
}

/** True, or the refusal to answer with. */
export async function mayDrive(
  rest: RestCaller,
  groupId: string,
  userId: string,
): Promise<true | BusinessResponse> {
  try {
    const roles = await ownerAndAdmins(rest, groupId)
    if (!roles) return refuse(404, ErrorCode.groupNotFound, `No group ${groupId}`)
    if (roles.owner === userId || roles.admins.includes(userId)) return true
    return refuse(403, ErrorCode.noPermission, "Only the room's owner or an admin may do that")
  } catch (error) {
    const words = error instanceof Error ? error.message : String(error)
    return refuse(502, ErrorCode.internal, `The room's roles could not be read (${words})`)
  }
}
