import { randomInt } from 'node:crypto'
import {
  encodeBusinessMessage,
  type BusinessMessage,
} from '../../src-shared/protocol/business-messages'
import type { ImRestClient, RestAnswer } from './im-rest-client'

/**
 * One LiveDesk business message (room state, lottery, audience, moderation notice) sent to the
 * room through REST `send_group_msg` as the App admin: a `TIMCustomElem` whose `Data` is the
 * message, kept out of the room's before- and after-send callbacks (nothing there to judge, and
 * the business host would only hear its own words back). `onlineOnly` skips history and offline
 * members (`OnlineOnlyFlag`), for figures that are stale a moment later.
 */
export function sendBusinessMessage(
  rest: Pick<ImRestClient, 'call'>,
  groupId: string,
  message: BusinessMessage,
  priority: 'High' | 'Low',
  options: { onlineOnly?: boolean } = {},
): Promise<RestAnswer> {
  return rest.call('group_open_http_svc', 'send_group_msg', {
    GroupId: groupId,
    Random: randomInt(0, 4_294_967_295),
    MsgPriority: priority,
    MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: encodeBusinessMessage(message) } }],
    ...(options.onlineOnly && { OnlineOnlyFlag: 1 }),
    ForbidCallbackControl: ['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'],
  })
}
