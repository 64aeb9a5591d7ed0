import type { Priority } from '../../../src-shared/protocol/frames'

/**
 * The Tencent IM Web SDK (`@tencentcloud/chat`) as the console uses it: a narrow port, so the
 * mapping from the SDK's events to the console's RoomEvents is tested with payloads in the SDK's
 * documented shapes (shared/reference/tencent-im-css.md §4.2, §6.2) and no network.
 */

/** `TencentCloudChat.EVENT` values the console listens to (reference §6.2). */
export const SdkEvent = {
  SDK_READY: 'sdkStateReady',
  SDK_NOT_READY: 'sdkStateNotReady',
  MESSAGE_RECEIVED: 'onMessageReceived',
  KICKED_OUT: 'kickedOut',
  NET_STATE_CHANGE: 'netStateChange',
  /** A message was recalled (issue 13 §3): its `sequence`, and `revoker` where the SDK says. */
  MESSAGE_REVOKED: 'onMessageRevoked',
  /** `event.data = {groupID, groupAttributes}` (reference §2.2): the room state's attribute. */
  GROUP_ATTRIBUTES_UPDATED: 'groupAttributesUpdated',
} as const
export type SdkEventName = (typeof SdkEvent)[keyof typeof SdkEvent]

/** `TencentCloudChat.TYPES` values the mapping reads (reference §4.2, §6.2). */
export const SdkType = {
  MSG_TEXT: 'TIMTextElem',
  MSG_CUSTOM: 'TIMCustomElem',
  MSG_GRP_TIP: 'TIMGroupTipElem',
  GRP_AVCHATROOM: 'AVChatRoom',
  CONV_GROUP: 'GROUP',
} as const

/** Group tip `payload.operationType` (reference §6.2, §12; SDK 3.6.6 d.ts `GRP_TIP_*`). */
export const GroupTip = {
  MBR_JOIN: 1,
  MBR_QUIT: 2,
  MBR_KICKED_OUT: 3,
  MBR_SET_ADMIN: 4,
  MBR_CANCELED_ADMIN: 5,
  GRP_PROFILE_UPDATED: 6,
  MBR_PROFILE_UPDATED: 7,
  BAN_AVCHATROOM_MEMBER: 10,
  UNBAN_AVCHATROOM_MEMBER: 11,
} as const

/**
 * `NET_STATE_CHANGE`'s `data.state`. Not in the reference; the values of
 * `TencentCloudChat.TYPES.NET_STATE_*` in the SDK's own index.d.ts (3.6.6).
 */
export const NetState = {
  CONNECTED: 'connected',
  CONNECTING: 'connecting',
  DISCONNECTED: 'disconnected',
} as const

/** The message object's fields the console reads (reference §4.2). */
export interface SdkMessage {
  ID: string
  type: string
  payload: unknown
  conversationID?: string
  to?: string
  from: string
  /** Seconds. */
  time: number
  priority?: string
  nick?: string
  sequence?: number
}

export interface SdkTextPayload {
  text: string
}

/** A custom element's payload (the SDK's names for TIMCustomElem's Data, Desc and Ext). */
export interface SdkCustomPayload {
  data?: string
  description?: string
  extension?: string
}

/** A group tip's payload keys (reference §6.2, "Payload keys seen"). */
export interface SdkGroupTipPayload {
  operationType: number
  userIDList?: string[]
  operatorID?: string
  /** `reason`: SDK 3.6.6 copies the tip's reason (memberExtraInfo) onto each entry. */
  memberList?: { userID: string; muteTime?: number; nick?: string; reason?: string }[]
  newGroupProfile?: { muteAllMembers?: boolean; name?: string } & Record<string, unknown>
}

/** The group profile fields the console reads (getGroupProfile's `data.group`). */
export interface SdkGroupProfile {
  groupID: string
  name: string
  type?: string
  ownerID?: string
  muteAllMembers?: boolean
  memberCount?: number
  notification?: string
  introduction?: string
}

export interface SdkEventPayload {
  name: string
  data: unknown
}
export type SdkEventHandler = (event: SdkEventPayload) => void

/** What the console asks of the SDK. SDK failures reject with the SDK's `{code, message}`. */
export interface ChatPort {
  login(userId: string, userSig: string): Promise<void>
  /** Joins an AVChatRoom (`type: GRP_AVCHATROOM`). */
  joinGroup(groupId: string): Promise<void>
  getGroupProfile(groupId: string): Promise<SdkGroupProfile>
  /** createTextMessage (to the group, with priority) then sendMessage; the sent message. */
  sendText(groupId: string, text: string, priority: Priority): Promise<SdkMessage>
  /** Seconds; 0 unmutes. */
  setGroupMemberMuteTime(groupId: string, userId: string, seconds: number): Promise<void>
  /**
   * getGroupOnlineMemberCount's `data.memberCount`: served from a cache AVChatRoom tips keep
   * fresh, no secret key needed; call it at most every 5–10 s (reference §12, SDK 3.6.6 d.ts).
   */
  getGroupOnlineMemberCount(groupId: string): Promise<number>
  /** updateGroupProfile({ muteAllMembers }). */
  setMuteAllMembers(groupId: string, on: boolean): Promise<void>
  /** updateGroupProfile({ notification, introduction }); members get tip 6. */
  setGroupNotice(groupId: string, notification: string, introduction: string): Promise<void>
  /**
   * deleteGroupMember: on an AVChatRoom SDK 3.6.6 bans the member for `seconds` (and refuses 0);
   * only the group owner may (reference §12).
   */
  deleteGroupMember(groupId: string, userId: string, reason: string, seconds: number): Promise<void>
  on(event: SdkEventName, handler: SdkEventHandler): void
  off(event: SdkEventName, handler: SdkEventHandler): void
  logout(): Promise<void>
  destroy(): Promise<void>
}
