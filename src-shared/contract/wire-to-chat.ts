import { DEFAULT_APP_ADMIN } from '../protocol/codes'
import {
  BusinessId,
  businessMessageOf,
  type BusinessMessage,
  type ModerationMessage,
} from '../protocol/business-messages'
import { messageText, type WireMessage } from '../protocol/frames'
import { giftMessageOf, type TuiGiftMessage, type TuiLikeMessage } from '../protocol/gift-messages'
import { levelInCloudData } from '../protocol/levels'
import type { ChatMessage } from './chat'

/**
 * The one mapping from the embedded room's wire message to what a console or viewer page shows:
 *
 * - a chat line (text, faces, other apps' custom elements, …);
 * - a business message (src-shared/protocol/business-messages.ts) from the business host, which
 *   sends as the App admin — not a line, its receiver acts on it (the online count, …); but a
 *   moderation notice is a system line, in the chat where it happened;
 * - nothing at all: one of our business messages from anybody else (a viewer sending the JSON
 *   by hand) is neither believed nor shown;
 * - a gift (only from the business host) or a like: shown by the gift panel, not as a chat line.
 */
export type RoomWire =
  | { kind: 'chat'; chat: ChatMessage }
  | { kind: 'business'; business: BusinessMessage; time: number }
  /** A gift the business host billed (TUIGift JSON, docs/protocol.md); from anyone else: forged. */
  | { kind: 'gift'; gift: TuiGiftMessage; time: number }
  /** A viewer's like message (TUIGift_like): its count and the room's total, as before-send wrote. */
  | { kind: 'like'; like: TuiLikeMessage; from: string; time: number }
  | { kind: 'forged' }

export function readWire(
  message: WireMessage,
  selfUserId: string,
  appAdmin: string = DEFAULT_APP_ADMIN,
): RoomWire {
  const business = businessMessageOf(message.msgBody)
  if (business) {
    if (message.from !== appAdmin) return { kind: 'forged' }
    if (business.businessID === BusinessId.moderation) {
      return { kind: 'chat', chat: moderationLine(message, business, selfUserId) }
    }
    return { kind: 'business', business, time: message.time }
  }
  const gift = giftMessageOf(message.msgBody)
  if (gift?.businessID === 'TUIGift') {
    return message.from === appAdmin
      ? { kind: 'gift', gift, time: message.time }
      : { kind: 'forged' }
  }
  if (gift?.businessID === 'TUIGift_like') {
    return { kind: 'like', like: gift, from: message.from, time: message.time }
  }
  return { kind: 'chat', chat: wireToChat(message, selfUserId) }
}

/** The chat lines among `messages` (history on joining), in order. */
export function chatLinesOf(messages: readonly WireMessage[], selfUserId: string): ChatMessage[] {
  return messages.flatMap((message) => {
    const read = readWire(message, selfUserId)
    return read.kind === 'chat' ? [read.chat] : []
  })
}

function levelOf(message: WireMessage): { level?: number } {
  const level = levelInCloudData(message.cloudCustomData)
  return level === undefined ? {} : { level }
}

/** A message as a chat line, whatever it carries (one's own text just sent, …). */
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
    ...levelOf(message),
  }
}

/**
 * A moderation notice as a chat line of the person who took the action (the App admin only
 * carried it): the page words it from `moderation`, in its own language.
 */
export function moderationLine(
  message: WireMessage,
  notice: ModerationMessage,
  selfUserId: string,
): ChatMessage {
  const { businessID: _id, version: _version, ...moderation } = notice
  return {
    id: message.ID,
    sequence: message.sequence,
    from: moderation.operatorId,
    nick: moderation.operatorName,
    time: message.time,
    priority: message.priority,
    type: BusinessId.moderation,
    text: '',
    self: moderation.operatorId === selfUserId,
    moderation,
  }
}
