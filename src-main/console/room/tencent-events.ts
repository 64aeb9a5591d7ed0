import { roomStateOf } from '../../../src-shared/protocol/room-state'
import type { ChatMessage, ConnectionState } from '../../../src-shared/contract'
import { Priority } from '../../../src-shared/protocol/frames'
import { DEFAULT_APP_ADMIN } from '../../../src-shared/protocol/codes'
import { BusinessId, parseBusinessData } from '../../../src-shared/protocol/business-messages'
import { parseGiftData } from '../../../src-shared/protocol/gift-messages'
import {
  GroupTip,
  NetState,
  SdkType,
  type SdkCustomPayload,
  type SdkGroupTipPayload,
  type SdkMessage,
  type SdkTextPayload,
} from './chat-port'
import type { RoomEvent } from './room-backend'

/** Whether an SDK message belongs to our group's conversation (`GROUP<id>`, reference §4.2). */
export function isForGroup(message: SdkMessage, groupId: string): boolean {
  if (message.conversationID !== undefined)
    return message.conversationID === `${SdkType.CONV_GROUP}${groupId}`
  return message.to === groupId
}

/** A text message as the console's chat line; the SDK's time is seconds, ours is ms. */
export function sdkTextToChat(message: SdkMessage, selfUserId: string): ChatMessage {
  const payload = message.payload as Partial<SdkTextPayload> | undefined
  const priority = Priority.safeParse(message.priority)
  return {
    id: message.ID,
    sequence: message.sequence ?? 0,
    from: message.from,
    nick: message.nick || message.from,
    time: message.time * 1000,
    priority: priority.success ? priority.data : 'Normal',
    type: SdkType.MSG_TEXT,
    text: typeof payload?.text === 'string' ? payload.text : '',
    self: message.from === selfUserId,
  }
}

/**
 * MESSAGE_RECEIVED's `data` (a list of messages) as RoomEvents: text messages become one
 * `messages` event, group tips become membership, role, mute, ban and mute-all events, and the
 * business host's online count (a custom message from the App admin, docs/business.md) an
 * `online-count` event — the same JSON from anyone else is not believed. Other groups'
 * messages, C2C messages and element types the console does not show are left out.
 */
export function sdkMessagesToEvents(
  messages: readonly SdkMessage[],
  groupId: string,
  selfUserId: string,
  appAdmin: string = DEFAULT_APP_ADMIN,
): RoomEvent[] {
  const events: RoomEvent[] = []
  const chat: ChatMessage[] = []
  const flushChat = () => {
    if (chat.length) events.push({ type: 'messages', messages: chat.splice(0) })
  }
  for (const message of messages) {
    if (!isForGroup(message, groupId)) continue
    if (message.type === SdkType.MSG_TEXT) {
      chat.push(sdkTextToChat(message, selfUserId))
    } else if (message.type === SdkType.MSG_GRP_TIP) {
      flushChat()
      events.push(...groupTipToEvents(message))
    } else if (message.type === SdkType.MSG_CUSTOM) {
      const data = (message.payload as SdkCustomPayload | undefined)?.data
      // Gifts and likes (TUIGift JSON): the Gifts panel decides whom to believe.
      const gift = parseGiftData(data)
      const time = message.time * 1000
      if (gift?.businessID === 'TUIGift') {
        flushChat()
        events.push({ type: 'gift', gift, from: message.from, time })
      } else if (gift?.businessID === 'TUIGift_like') {
        flushChat()
        events.push({ type: 'like', like: gift, from: message.from, time })
      } else if (message.from === appAdmin) {
        const business = parseBusinessData(data)
        if (business?.businessID === BusinessId.onlineCount) {
          events.push({ type: 'online-count', count: business.count })
        } else if (business?.businessID === BusinessId.roomState) {
          events.push({ type: 'room-state', state: business })
        } else if (business?.businessID === BusinessId.lottery) {
          events.push({ type: 'lottery', lottery: business })
        } else if (business?.businessID === BusinessId.audience) {
          events.push({ type: 'audience', audience: business })
        } else if (business?.businessID === BusinessId.moderation) {
          // Who took a moderation action (issue 13 §4): a system line in the chat.
          const { businessID: _id, version: _version, ...moderation } = business
          chat.push({
            ...sdkTextToChat(message, selfUserId),
            from: moderation.operatorId,
            nick: moderation.operatorName,
            type: BusinessId.moderation,
            text: '',
            self: moderation.operatorId === selfUserId,
            moderation,
          })
        }
      }
    }
  }
  flushChat()
  return events
}

/**
 * GROUP_ATTRIBUTES_UPDATED's payload (reference §2.2) as room events: the business host's
 * `room_state` attribute, which a console that missed the state message recovers from.
 */
export function groupAttributesToEvents(data: unknown, groupId: string): RoomEvent[] {
  const payload = data as { groupID?: unknown; groupAttributes?: unknown } | null
  if (payload?.groupID !== groupId || typeof payload.groupAttributes !== 'object') return []
  const attributes = Object.fromEntries(
    Object.entries(payload.groupAttributes ?? {}).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>
  const { roomState } = roomStateOf(attributes)
  return roomState ? [{ type: 'room-state', state: roomState }] : []
}

/** One group tip (reference §6.2, §12, `payload.operationType`) as RoomEvents. */
export function groupTipToEvents(message: SdkMessage): RoomEvent[] {
  const tip = message.payload as SdkGroupTipPayload
  const operatorId = tip.operatorID ?? ''
  const userIds = tip.userIDList ?? []
  const at = message.time * 1000
  const reason = tip.memberList?.find((m) => typeof m.reason === 'string')?.reason ?? ''
  switch (tip.operationType) {
    case GroupTip.MBR_JOIN: {
      const nicks = new Map((tip.memberList ?? []).map((m) => [m.userID, m.nick]))
      return userIds.map((userId) => ({
        type: 'member-joined' as const,
        userId,
        nick: nicks.get(userId) || userId,
        role: 'Member' as const,
        joinTime: at,
      }))
    }
    case GroupTip.MBR_QUIT:
      return userIds.map((userId) => ({ type: 'member-left' as const, userId }))
    case GroupTip.MBR_KICKED_OUT:
      return userIds.length ? [{ type: 'member-kicked', userIds, operatorId, reason }] : []
    case GroupTip.MBR_SET_ADMIN:
    case GroupTip.MBR_CANCELED_ADMIN: {
      const role = tip.operationType === GroupTip.MBR_SET_ADMIN ? 'Admin' : 'Member'
      return userIds.length ? [{ type: 'member-role-changed', userIds, role, operatorId }] : []
    }
    case GroupTip.BAN_AVCHATROOM_MEMBER:
      // The member is out now. The tip says who, not until when (no ban end in SDK 3.6.6's tip
      // payload), so it is a removal here; a ban this console made knows its end from ban().
      return userIds.length ? [{ type: 'member-kicked', userIds, operatorId, reason }] : []
    case GroupTip.UNBAN_AVCHATROOM_MEMBER:
      return userIds.map((userId) => ({
        type: 'member-banned' as const,
        userId,
        banUntil: 0,
        operatorId,
      }))
    case GroupTip.MBR_PROFILE_UPDATED:
      // muteTime is the mute's length in seconds from the tip (0 unmutes); the reference gives
      // only "> 0 muted, 0 unmuted", so the end is counted from the tip's own time.
      return (tip.memberList ?? [])
        .filter((m) => typeof m.muteTime === 'number')
        .map((m) => ({
          type: 'member-muted' as const,
          userId: m.userID,
          muteUntil: m.muteTime! > 0 ? at + m.muteTime! * 1000 : 0,
          operatorId,
        }))
    case GroupTip.GRP_PROFILE_UPDATED: {
      const profile = tip.newGroupProfile ?? {}
      const events: RoomEvent[] = []
      const muteAll = profile.muteAllMembers
      if (typeof muteAll === 'boolean') events.push({ type: 'mute-all', on: muteAll, operatorId })
      // Tip 6 names only what changed (the SDK's newGroupProfile): a rename, a new notice.
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
      const name = text(profile.name) ?? text(profile.groupName)
      const notification = text(profile.notification)
      const introduction = text(profile.introduction)
      if (name !== undefined || notification !== undefined || introduction !== undefined) {
        events.push({
          type: 'profile',
          ...(name !== undefined ? { name } : {}),
          ...(notification !== undefined ? { notification } : {}),
          ...(introduction !== undefined ? { introduction } : {}),
          operatorId,
        })
      }
      return events
    }
    default:
      return []
  }
}

/**
 * NET_STATE_CHANGE's `data.state`: the SDK reconnects on its own, so while it is logged in a
 * lost network is "reconnecting", not "disconnected".
 */
export function netStateToConnection(state: unknown): ConnectionState | null {
  switch (state) {
    case NetState.CONNECTED:
      return 'connected'
    case NetState.CONNECTING:
    case NetState.DISCONNECTED:
      return 'reconnecting'
    default:
      return null
  }
}
