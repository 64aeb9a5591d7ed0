import { messageText, type WireMessage } from '../protocol/frames'
import type { ChatMessage } from './chat'

/**
 * The one mapping from the embedded room's wire message to a chat line, for the console (main's
 * room session) and the viewer page alike.
 */
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
