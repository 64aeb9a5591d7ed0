import WebSocket from 'ws'
import type { Priority } from '../../../src-shared/protocol/frames'
import {
  SdkType,
  type ChatPort,
  type SdkEventHandler,
  type SdkEventName,
  type SdkGroupProfile,
  type SdkMessage,
} from './chat-port'

/** The SDK object's members the adapter calls (`@tencentcloud/chat` index.d.ts, ChatSDK). */
interface ChatSdk {
  login(options: { userID: string; userSig: string }): Promise<unknown>
  joinGroup(options: { groupID: string; type?: string }): Promise<unknown>
  getGroupProfile(options: { groupID: string }): Promise<{ data: { group: SdkGroupProfile } }>
  createTextMessage(options: {
    to: string
    conversationType: string
    priority?: string
    payload: { text: string }
  }): unknown
  sendMessage(message: unknown): Promise<{ data: { message: SdkMessage } }>
  setGroupMemberMuteTime(options: {
    groupID: string
    userID: string
    muteTime: number
  }): Promise<unknown>
  updateGroupProfile(options: {
    groupID: string
    muteAllMembers?: boolean
    notification?: string
    introduction?: string
  }): Promise<unknown>
  getGroupOnlineMemberCount(groupID: string): Promise<{ data: { memberCount: number } }>
  deleteGroupMember(options: {
    groupID: string
    userIDList: string[]
    reason?: string
    duration?: number
  }): Promise<unknown>
  on(eventName: string, handler: SdkEventHandler): void
  off(eventName: string, handler: SdkEventHandler): void
  setLogLevel(level: number): void
  logout(): Promise<unknown>
  destroy(): Promise<unknown>
}
interface ChatSdkModule {
  create(options: { SDKAppID: number }): ChatSdk
}

/** `setLogLevel`: 0 everything … 4 nothing; 2 keeps the SDK's warnings and errors. */
const SDK_LOG_LEVEL = 2

/**
 * The SDK opens its socket with the global `WebSocket`, which Node 20 lacks (Node 22+ and
 * Electron have one): the `ws` package stands in, only when there is none.
 */
export function ensureGlobalWebSocket(): void {
  if (typeof globalThis.WebSocket === 'undefined') {
    Object.defineProperty(globalThis, 'WebSocket', {
      value: WebSocket,
      writable: true,
      configurable: true,
    })
  }
}

/**
 * A ChatPort on the real `@tencentcloud/chat` SDK. Loaded on demand, so a console that runs the
 * embedded room never loads it. Note that `create` already opens the SDK's socket.
 */
export async function createSdkChatPort(sdkAppId: number): Promise<ChatPort> {
  ensureGlobalWebSocket()
  const loaded = (await import('@tencentcloud/chat')) as unknown as {
    default?: ChatSdkModule
  } & Partial<ChatSdkModule>
  const TencentCloudChat = (loaded.default ?? loaded) as ChatSdkModule
  const chat = TencentCloudChat.create({ SDKAppID: sdkAppId })
  chat.setLogLevel(SDK_LOG_LEVEL)
  return wrapChatSdk(chat)
}

/** The adapter proper: the SDK's option objects and `{data}` answers to the port's calls. */
export function wrapChatSdk(chat: ChatSdk): ChatPort {
  return {
    async login(userId, userSig) {
      await chat.login({ userID: userId, userSig })
    },
    async joinGroup(groupId) {
      await chat.joinGroup({ groupID: groupId, type: SdkType.GRP_AVCHATROOM })
    },
    async getGroupProfile(groupId) {
      return (await chat.getGroupProfile({ groupID: groupId })).data.group
    },
    async sendText(groupId: string, text: string, priority: Priority) {
      // Not logged in, createTextMessage returns a rejected promise instead of a message
      // (seen with 3.6.6), so its answer is awaited before it is sent.
      const message: unknown = await chat.createTextMessage({
        to: groupId,
        conversationType: SdkType.CONV_GROUP,
        priority,
        payload: { text },
      })
      return (await chat.sendMessage(message)).data.message
    },
    async setGroupMemberMuteTime(groupId, userId, seconds) {
      await chat.setGroupMemberMuteTime({ groupID: groupId, userID: userId, muteTime: seconds })
    },
    async getGroupOnlineMemberCount(groupId) {
      return (await chat.getGroupOnlineMemberCount(groupId)).data.memberCount
    },
    async setMuteAllMembers(groupId, on) {
      await chat.updateGroupProfile({ groupID: groupId, muteAllMembers: on })
    },
    async setGroupNotice(groupId, notification, introduction) {
      await chat.updateGroupProfile({ groupID: groupId, notification, introduction })
    },
    async deleteGroupMember(groupId, userId, reason, seconds) {
      await chat.deleteGroupMember({
        groupID: groupId,
        userIDList: [userId],
        reason,
        duration: seconds,
      })
    },
    on(event: SdkEventName, handler: SdkEventHandler) {
      chat.on(event, handler)
    },
    off(event: SdkEventName, handler: SdkEventHandler) {
      chat.off(event, handler)
    },
    async logout() {
      await chat.logout()
    },
    async destroy() {
      await chat.destroy()
    },
  }
}
