import { z } from 'zod'
import { GroupId } from '../../src-shared/protocol/frames'
import type { AttrOperation } from './im-engine'
import { type CommandHandler, groupNotFound, parseBody, RestError } from './rest-common'

/**
 * Group attributes over REST (reference §2.2). Items use Tencent's lower-case `key` / `value`.
 * get_group_attr lives in its own service, `group_open_attr_http_svc`; the writes are in
 * `group_open_http_svc`.
 */

const Item = z.object({ key: z.string(), value: z.string() })

const WriteBody = z.object({ GroupId, GroupAttr: z.array(Item).max(64) })
/** delete_group_attr: the reference names the command only; `value` is not needed here. */
const DeleteBody = z.object({
  GroupId,
  GroupAttr: z
    .array(z.object({ key: z.string(), value: z.string().optional() }))
    .min(1)
    .max(64),
})
const GroupOnly = z.object({ GroupId })

function write(operation: AttrOperation): CommandHandler {
  return (deps, call, raw) => {
    const context = { clientIp: call.clientIp, platform: 'RESTAPI' as const }
    const { GroupId: groupId, items } =
      operation === 'clear'
        ? { ...parseBody(GroupOnly, raw), items: [] }
        : operation === 'delete'
          ? (({ GroupId: id, GroupAttr }) => ({ GroupId: id, items: GroupAttr }))(
              parseBody(DeleteBody, raw),
            )
          : (({ GroupId: id, GroupAttr }) => ({ GroupId: id, items: GroupAttr }))(
              parseBody(WriteBody, raw),
            )
    const outcome = deps.engine.changeGroupAttributes(
      groupId,
      operation,
      items,
      call.identifier,
      context,
    )
    if (!('ok' in outcome)) throw new RestError(outcome.code, outcome.message)
    return {}
  }
}

const getGroupAttr: CommandHandler = (deps, _call, raw) => {
  const { GroupId: groupId } = parseBody(GroupOnly, raw)
  if (!deps.store.groups.get(groupId)) throw groupNotFound(groupId)
  return {
    GroupAttrAry: Object.entries(deps.store.attributes.all(groupId)).map(([key, value]) => ({
      key,
      value,
    })),
  }
}

export const groupAttrCommands: Record<string, CommandHandler> = {
  modify_group_attr: write('modify'),
  set_group_attr: write('set'),
  clear_group_attr: write('clear'),
  delete_group_attr: write('delete'),
}

export const groupAttrService: Record<string, CommandHandler> = {
  get_group_attr: getGroupAttr,
}
