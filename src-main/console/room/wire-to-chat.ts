import type { ChatMessage } from '../../../src-shared/contract'
import { messageText, type WireMessage } from '../../../src-shared/protocol/frames'

export function wireToChat(message: WireMessage, selfUserId: string): ChatMessage {
  return {
    id: message.ID,
    sequence: message.sequence,
    from: message.from,
    nick: message.nick,
    time: message.time,
    priority: message.priority,
    type: message.msgBody[0]?.MsgType ?? 'TIMTextElem',
    text: messageText(message),
    self: message.from === selfUserId,
  }
}
