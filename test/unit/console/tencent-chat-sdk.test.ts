import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { GroupTip, NetState, SdkEvent, SdkType } from '../../../src-main/console/room/chat-port'
import {
  createSdkChatPort,
  ensureGlobalWebSocket,
  wrapChatSdk,
} from '../../../src-main/console/room/tencent-chat-sdk'

const TencentCloudChat = createRequire(__filename)('@tencentcloud/chat') as {
  create(options: { SDKAppID: number }): Parameters<typeof wrapChatSdk>[0]
  EVENT: Record<string, string>
  TYPES: Record<string, string | number>
}

/**
 * The real `@tencentcloud/chat` under Node with the network replaced: a global WebSocket that
 * records the URLs it is asked to open and never connects, and an XMLHttpRequest and fetch that
 * record and answer nothing. Nothing leaves the machine.
 */
describe('the real Tencent Chat SDK behind the ChatPort', () => {
  const sockets: string[] = []
  const requests: string[] = []
  const saved = {
    WebSocket: Object.getOwnPropertyDescriptor(globalThis, 'WebSocket'),
    XMLHttpRequest: Object.getOwnPropertyDescriptor(globalThis, 'XMLHttpRequest'),
    fetch: globalThis.fetch,
  }
  class RecordingWebSocket {
    readyState = 0
    binaryType = 'blob'
    constructor(url: string) {
      sockets.push(String(url))
    }
    send() {}
    close() {}
  }
  class RecordingXhr {
    open(_method: string, url: string) {
      requests.push(String(url))
    }
    send() {}
    setRequestHeader() {}
    abort() {}
  }
  const define = (name: string, value: unknown) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true })
  const restore = (name: 'WebSocket' | 'XMLHttpRequest') => {
    const descriptor = saved[name]
    if (descriptor) Object.defineProperty(globalThis, name, descriptor)
    else Reflect.deleteProperty(globalThis, name)
  }

  beforeAll(() => {
    define('WebSocket', RecordingWebSocket)
    define('XMLHttpRequest', RecordingXhr)
    globalThis.fetch = (async (url: string | URL | Request) => {
      requests.push(String(url))
      throw new TypeError('no network in this test')
    }) as typeof fetch
  })
  afterAll(() => {
    restore('WebSocket')
    restore('XMLHttpRequest')
    globalThis.fetch = saved.fetch
  })

  it("uses the SDK's own event and type values", () => {
    expect(TencentCloudChat.EVENT).toMatchObject({ ...SdkEvent })
    expect(TencentCloudChat.TYPES).toMatchObject({
      MSG_TEXT: SdkType.MSG_TEXT,
      MSG_GRP_TIP: SdkType.MSG_GRP_TIP,
      GRP_AVCHATROOM: SdkType.GRP_AVCHATROOM,
      CONV_GROUP: SdkType.CONV_GROUP,
      GRP_TIP_MBR_JOIN: GroupTip.MBR_JOIN,
      GRP_TIP_MBR_QUIT: GroupTip.MBR_QUIT,
      GRP_TIP_MBR_KICKED_OUT: GroupTip.MBR_KICKED_OUT,
      GRP_TIP_MBR_SET_ADMIN: GroupTip.MBR_SET_ADMIN,
      GRP_TIP_MBR_CANCELED_ADMIN: GroupTip.MBR_CANCELED_ADMIN,
      GRP_TIP_BAN_AVCHATROOM_MEMBER: GroupTip.BAN_AVCHATROOM_MEMBER,
      GRP_TIP_UNBAN_AVCHATROOM_MEMBER: GroupTip.UNBAN_AVCHATROOM_MEMBER,
      GRP_TIP_GRP_PROFILE_UPDATED: GroupTip.GRP_PROFILE_UPDATED,
      GRP_TIP_MBR_PROFILE_UPDATED: GroupTip.MBR_PROFILE_UPDATED,
      NET_STATE_CONNECTED: NetState.CONNECTED,
      NET_STATE_CONNECTING: NetState.CONNECTING,
      NET_STATE_DISCONNECTED: NetState.DISCONNECTED,
    })
  })

  it('wraps the SDK object: its methods exist and the port subscribes to its events', async () => {
    const chat = TencentCloudChat.create({ SDKAppID: 1400000002 })
    chat.setLogLevel(4)
    for (const method of [
      'login',
      'joinGroup',
      'getGroupProfile',
      'createTextMessage',
      'sendMessage',
      'setGroupMemberMuteTime',
      'updateGroupProfile',
      'deleteGroupMember',
      'getGroupOnlineMemberCount',
      'on',
      'off',
      'logout',
      'destroy',
    ]) {
      expect(typeof (chat as unknown as Record<string, unknown>)[method]).toBe('function')
    }
    const on = vi.spyOn(chat, 'on')
    const off = vi.spyOn(chat, 'off')
    const port = wrapChatSdk(chat)
    const handler = () => {}
    port.on(SdkEvent.MESSAGE_RECEIVED, handler)
    port.off(SdkEvent.MESSAGE_RECEIVED, handler)
    expect(on).toHaveBeenCalledWith('onMessageReceived', handler)
    expect(off).toHaveBeenCalledWith('onMessageReceived', handler)

    // The SDK's option names (d.ts DELETE_GROUP_MEMBER_OPTIONS): on an AVChatRoom, a ban.
    const remove = vi.spyOn(chat, 'deleteGroupMember').mockResolvedValue({ data: {} })
    await port.deleteGroupMember('@TGS#room', 'troll', 'spam', 60)
    expect(remove).toHaveBeenCalledWith({
      groupID: '@TGS#room',
      userIDList: ['troll'],
      reason: 'spam',
      duration: 60,
    })

    // The count is the answer's data.memberCount (the SDK's own getGroupOnlineMemberCount).
    vi.spyOn(chat, 'getGroupOnlineMemberCount').mockResolvedValue({ data: { memberCount: 321 } })
    expect(await port.getGroupOnlineMemberCount('@TGS#room')).toBe(321)

    // Not logged in: the SDK refuses with its `{code, message}`, which the backend maps.
    const refused = await port.sendText('@TGS#room', 'hi', 'Normal').catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: expect.any(Number) })
    await port.destroy().catch(() => {})
  })

  it('createSdkChatPort loads the SDK, which only reaches the stubs', async () => {
    const port = await createSdkChatPort(1400000003)
    expect(typeof port.login).toBe('function')
    await port.destroy().catch(() => {})
    expect(sockets.length).toBeGreaterThan(0)
    for (const url of sockets) expect(url).toMatch(/^wss:\/\/[\w.-]+\.my-imcloud\.com\//)
    expect(sockets.some((url) => url.includes('sdkappid=1400000003'))).toBe(true)
    // Whatever else the SDK wanted (its error-message table) went to the recording stubs.
    for (const url of requests) expect(url).toMatch(/^https:\/\//)
  })

  it('provides ws as the global WebSocket only when there is none', () => {
    ensureGlobalWebSocket()
    expect(globalThis.WebSocket).toBe(RecordingWebSocket)
    Reflect.deleteProperty(globalThis, 'WebSocket')
    ensureGlobalWebSocket()
    expect(globalThis.WebSocket).toBe(WebSocket)
    define('WebSocket', RecordingWebSocket)
  })
})
