import { messageText, type WireMessage } from '../../src-shared/protocol/frames'
import type { ChatLineData } from '../shared/chat-line'

export function wireToLine(message: WireMessage, selfUserId: string): ChatLineData {
  return {
    id: message.ID,
    from: message.from,
    nick: message.nick,
    time: message.time,
    text: messageText(message),
    self: message.from === selfUserId,
    priority: message.priority,
    type: message.msgBody[0]?.MsgType,
  }
}
