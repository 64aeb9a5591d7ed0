import { inflateSync } from 'node:zlib'
import { createHmac } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { SdkEvent, type SdkMessage } from '../../../src-main/console/room/chat-port'
import type { RoomEvent } from '../../../src-main/console/room/room-backend'
import { RoomError } from '../../../src-main/common/room-error'
import {
  NO_SECRET_KEY_MESSAGE,
  TencentRoomBackend,
} from '../../../src-main/console/room/tencent-backend'
import {
  groupAttributesToEvents,
  sdkMessagesToEvents,
} from '../../../src-main/console/room/tencent-events'
import { KICK_BAN_SECONDS } from '../../../src-main/console/room/room-admin-rest'
import { signWithSecretKey } from '../../../src-main/console/room/tencent-user-sig'
import { buildTencentBackend } from '../../../src-main/console/room/room-connection'
import { verifyUserSig } from '../../../src-main/common/usersig'
import type { ImRestClient } from '../../../src-main/common/im-rest-client'
import { manualClock } from '../../support/manual-clock'

import { FakeChatPort } from './fake-chat-port'

const GROUP = '@TGS#aLIVE01'

function backendWith(port: FakeChatPort) {
  const backend = new TencentRoomBackend({
    sdkAppId: 1400000001,
    groupId: GROUP,
    userId: 'anchor',
    userSig: async () => 'sig-anchor',
    rest: null,
    createPort: async () => port,
    now: () => 1_700_000_100_000,
  })
  const events: RoomEvent[] = []
  backend.onEvent((e) => events.push(e))
  return { backend, events }
}

// Payloads in the SDK's documented shapes (reference §4.2 message object, §6.2 group tips).
const text = (ID: string, from: string, payloadText: string, extra: Partial<SdkMessage> = {}) => ({
  ID,
  type: 'TIMTextElem',
  payload: { text: payloadText },
  conversationID: `GROUP${GROUP}`,
  conversationType: 'GROUP',
  to: GROUP,
  from,
  flow: 'in',
  time: 1_700_000_010,
  status: 'success',
  priority: 'Normal',
  nick: 'Mina',
  sequence: 42,
  ...extra,
})
const tip = (payload: Record<string, unknown>, time = 1_700_000_020) => ({
  ID: `tip-${String(payload.operationType)}`,
  type: 'TIMGroupTipElem',
  payload,
  conversationID: `GROUP${GROUP}`,
  to: GROUP,
  from: '@TIM#SYSTEM',
  time,
})

describe('Tencent SDK payloads → room events', () => {
  it("takes the business host's online count from the App admin, and no one else's", () => {
    const count = (id: string, from: string, n: number) => ({
      ...text(id, from, ''),
      type: 'TIMCustomElem',
      payload: {
        data: JSON.stringify({ businessID: 'LiveDeskOnlineCount', version: 1, count: n, time: 1 }),
      },
    })
    expect(
      sdkMessagesToEvents(
        [
          count('c1', 'ops_admin', 120),
          count('c2', 'mina', 99_999),
          count('c3', 'administrator', 7),
        ],
        GROUP,
        'anchor',
        'ops_admin',
      ),
    ).toEqual([{ type: 'online-count', count: 120 }])
  })

  it("takes the business host's audience figures from the App admin, and no one else's", () => {
    const figures = { showId: 's1', concurrent: 40, unique: 55, peak: 48, heat: 612, at: 5 }
    const audience = (id: string, from: string) => ({
      ...text(id, from, ''),
      type: 'TIMCustomElem',
      payload: {
        data: JSON.stringify({ businessID: 'LiveDeskAudience', version: 1, ...figures }),
      },
    })
    const events = sdkMessagesToEvents(
      [audience('a1', 'mina'), audience('a2', 'administrator')],
      GROUP,
      'anchor',
    )
    expect(events).toEqual([
      {
        type: 'audience',
        audience: { businessID: 'LiveDeskAudience', version: 1, ...figures },
      },
    ])
  })

  it("shows the App admin's moderation notice as a line of the moderator who acted", () => {
    const notice = {
      action: 'ban',
      operatorId: 'mod_mina',
      operatorName: 'Mina',
      operatorRole: 'moderator',
      targetId: 'troll',
      targetNick: 'Troll',
      seconds: 3600,
    } as const
    const sent = (id: string, from: string) => ({
      ...text(id, from, ''),
      type: 'TIMCustomElem',
      payload: {
        data: JSON.stringify({ businessID: 'LiveDeskModeration', version: 1, ...notice }),
      },
    })
    const events = sdkMessagesToEvents(
      [sent('n1', 'troll'), sent('n2', 'administrator')],
      GROUP,
      'anchor',
    )
    expect(events).toEqual([
      {
        type: 'messages',
        messages: [
          expect.objectContaining({
            id: 'n2',
            from: 'mod_mina',
            nick: 'Mina',
            type: 'LiveDeskModeration',
            text: '',
            self: false,
            moderation: notice,
          }),
        ],
      },
    ])
  })

  it('turns text messages into chat lines and leaves other groups and element types out', () => {
    const events = sdkMessagesToEvents(
      [
        text('m1', 'mina', 'hello', { priority: 'High' }),
        text('m2', 'anchor', 'welcome', { nick: '' }),
        text('m3', 'mina', 'elsewhere', { conversationID: 'GROUP@TGS#other', to: '@TGS#other' }),
        { ...text('m4', 'mina', ''), type: 'TIMCustomElem', payload: { data: '{"gift":1}' } },
      ],
      GROUP,
      'anchor',
    )
    expect(events).toEqual([
      {
        type: 'messages',
        messages: [
          {
            id: 'm1',
            sequence: 42,
            from: 'mina',
            nick: 'Mina',
            time: 1_700_000_010_000,
            priority: 'High',
            type: 'TIMTextElem',
            text: 'hello',
            self: false,
          },
          expect.objectContaining({ id: 'm2', nick: 'anchor', self: true, text: 'welcome' }),
        ],
      },
    ])
  })

  it('maps join, quit, kick, member-profile (mute) and group-profile (mute all, rename) tips', () => {
    const events = sdkMessagesToEvents(
      [
        tip({ operationType: 1, userIDList: ['mina', 'joon'], operatorID: 'mina' }),
        tip({ operationType: 2, userIDList: ['joon'], operatorID: 'joon' }),
        tip({ operationType: 3, userIDList: ['troll'], operatorID: 'anchor' }),
        tip({
          operationType: 7,
          userIDList: [],
          operatorID: 'anchor',
          memberList: [
            { userID: 'mina', muteTime: 600 },
            { userID: 'joon', muteTime: 0 },
          ],
        }),
        tip({
          operationType: 6,
          operatorID: 'anchor',
          newGroupProfile: { muteAllMembers: true, groupCustomField: [] },
        }),
        tip({ operationType: 6, operatorID: 'anchor', newGroupProfile: { name: 'New name' } }),
      ],
      GROUP,
      'anchor',
    )
    const at = 1_700_000_020_000
    expect(events).toEqual([
      { type: 'member-joined', userId: 'mina', nick: 'mina', role: 'Member', joinTime: at },
      { type: 'member-joined', userId: 'joon', nick: 'joon', role: 'Member', joinTime: at },
      { type: 'member-left', userId: 'joon' },
      { type: 'member-kicked', userIds: ['troll'], operatorId: 'anchor', reason: '' },
      { type: 'member-muted', userId: 'mina', muteUntil: at + 600_000, operatorId: 'anchor' },
      { type: 'member-muted', userId: 'joon', muteUntil: 0, operatorId: 'anchor' },
      { type: 'mute-all', on: true, operatorId: 'anchor' },
      // A rename from anywhere (REST, another admin) reaches the console's header (issue 12 §2).
      { type: 'profile', name: 'New name', operatorId: 'anchor' },
    ])
  })

  it('maps admin tips (4, 5) to role changes and AVChatRoom ban tips (10, 11)', () => {
    // SDK 3.6.6's tip payload: userIDList, operatorID, memberList (each entry given the tip's
    // reason from memberExtraInfo).
    const events = sdkMessagesToEvents(
      [
        tip({ operationType: 4, userIDList: ['mina'], operatorID: 'anchor' }),
        tip({ operationType: 5, userIDList: ['joon', 'hana'], operatorID: 'administrator' }),
        tip({
          operationType: 10,
          userIDList: ['troll'],
          operatorID: 'anchor',
          memberList: [{ userID: 'troll', nick: 'T', reason: 'spam' }],
        }),
        tip({ operationType: 11, userIDList: ['troll'], operatorID: 'administrator' }),
        tip({ operationType: 4, userIDList: [], operatorID: 'anchor' }),
      ],
      GROUP,
      'anchor',
    )
    expect(events).toEqual([
      { type: 'member-role-changed', userIds: ['mina'], role: 'Admin', operatorId: 'anchor' },
      {
        type: 'member-role-changed',
        userIds: ['joon', 'hana'],
        role: 'Member',
        operatorId: 'administrator',
      },
      // The tip names who, not until when: the member is out now.
      { type: 'member-kicked', userIds: ['troll'], operatorId: 'anchor', reason: 'spam' },
      { type: 'member-banned', userId: 'troll', banUntil: 0, operatorId: 'administrator' },
    ])
  })

  it('keeps chat and tips in the order they arrived', () => {
    const events = sdkMessagesToEvents(
      [
        text('a', 'mina', 'one'),
        tip({ operationType: 2, userIDList: ['mina'] }),
        text('b', 'joon', 'two'),
      ],
      GROUP,
      'anchor',
    )
    expect(events.map((e) => e.type)).toEqual(['messages', 'member-left', 'messages'])
  })
})

describe('TencentRoomBackend', () => {
  it('starts: login → SDK_READY → join the AVChatRoom → group profile', async () => {
    const port = new FakeChatPort()
    const { backend, events } = backendWith(port)
    const joined = await backend.start()
    expect(port.calls).toEqual([
      'login anchor sig-anchor',
      `joinGroup ${GROUP}`,
      `getGroupProfile ${GROUP}`,
    ])
    expect(joined).toEqual({
      roomId: GROUP,
      name: 'Friday show',
      onlineCount: 12,
      history: [],
      muteAll: true,
      notification: '',
      introduction: '',
    })
    expect(events).toEqual([
      { type: 'connection', state: 'connecting' },
      { type: 'connection', state: 'connected' },
      { type: 'online-count', count: 12 },
    ])
  })

  it('does not join before SDK_READY', async () => {
    const port = new FakeChatPort()
    port.readyOnLogin = false
    const { backend } = backendWith(port)
    const starting = backend.start()
    await new Promise((r) => setTimeout(r, 0))
    expect(port.calls).toEqual(['login anchor sig-anchor'])
    port.fire(SdkEvent.SDK_READY, undefined)
    await starting
    expect(port.calls).toContain(`joinGroup ${GROUP}`)
    await backend.stop()
  })

  it("rejects a failed login or join with the SDK's code and words, and cleans up", async () => {
    const port = new FakeChatPort()
    port.loginError = { code: 70001, message: 'UserSig expired' }
    const { backend, events } = backendWith(port)
    await expect(backend.start()).rejects.toEqual(new RoomError(70001, 'UserSig expired'))
    expect(events.at(-1)).toEqual({ type: 'connection', state: 'disconnected' })
    expect(port.calls.slice(-2)).toEqual(['logout', 'destroy'])
    expect(port.listenerCount()).toBe(0)

    const joinPort = new FakeChatPort()
    joinPort.joinError = { code: 10010, message: 'group not found' }
    const second = backendWith(joinPort)
    const failure = await second.backend.start().catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(RoomError)
    expect(failure).toMatchObject({ code: 10010, message: 'group not found' })
  })

  it("sends the host's text at High priority and answers a chat line", async () => {
    const port = new FakeChatPort()
    const { backend } = backendWith(port)
    await backend.start()
    const line = await backend.sendText('hi all')
    expect(port.calls.at(-1)).toBe(`sendText ${GROUP} hi all High`)
    expect(line).toMatchObject({ id: 'anchor-1', text: 'hi all', self: true, sequence: 7 })
    port.sendError = { code: 10017, message: 'muted' }
    await expect(backend.sendText('again')).rejects.toMatchObject({ code: 10017 })
  })

  it('mutes and mutes all through the SDK', async () => {
    const port = new FakeChatPort()
    const { backend } = backendWith(port)
    await backend.start()
    expect(await backend.mute('mina', 60)).toBe(1_700_000_100_000 + 60_000)
    await backend.unmute('mina')
    await backend.setMuteAll(false)
    expect(port.calls.slice(-3)).toEqual([
      `setGroupMemberMuteTime ${GROUP} mina 60`,
      `setGroupMemberMuteTime ${GROUP} mina 0`,
      `setMuteAllMembers ${GROUP} false`,
    ])
  })

  it('says what to configure when ban or the member list need the secret key', async () => {
    const port = new FakeChatPort()
    const { backend } = backendWith(port)
    await backend.start()
    for (const call of [() => backend.ban('mina', 3600), () => backend.members()]) {
      await expect(call()).rejects.toMatchObject({
        code: 60010,
        message: NO_SECRET_KEY_MESSAGE,
        params: { reason: 'noSecretKey' },
      })
    }
  })

  it("kicks without the secret key through the SDK's deleteGroupMember, a short AVChatRoom ban", async () => {
    const port = new FakeChatPort()
    const { backend } = backendWith(port)
    await backend.start()
    await backend.kick('troll', 'spam')
    // SDK 3.6.6 refuses a duration of 0 for an AVChatRoom; the ban ends by itself.
    expect(port.calls.at(-1)).toBe(`deleteGroupMember ${GROUP} troll spam ${KICK_BAN_SECONDS}`)
    port.deleteGroupMember = async () => {
      throw { code: 10007, message: 'Only the group owner can delete group members' }
    }
    await expect(backend.kick('troll')).rejects.toEqual(
      new RoomError(10007, 'Only the group owner can delete group members'),
    )
  })

  it('emits SDK messages and connection changes as room events', async () => {
    const port = new FakeChatPort()
    const { backend, events } = backendWith(port)
    await backend.start()
    events.length = 0
    port.fire(SdkEvent.MESSAGE_RECEIVED, [
      text('m1', 'mina', 'hello'),
      tip({ operationType: 1, userIDList: ['joon'] }),
    ])
    port.fire(SdkEvent.NET_STATE_CHANGE, { state: 'disconnected' })
    port.fire(SdkEvent.NET_STATE_CHANGE, { state: 'connected' })
    port.fire(SdkEvent.KICKED_OUT, { type: 'multipleAccount' })
    expect(events.map((e) => (e.type === 'connection' ? e.state : e.type))).toEqual([
      'messages',
      'member-joined',
      'reconnecting',
      'connected',
      'disconnected',
    ])
    await expect(backend.sendText('still here?')).rejects.toMatchObject({
      code: 6014,
      message: expect.stringContaining('multipleAccount'),
      params: { reason: 'signedInElsewhere' },
    })
  })

  it('hides a message the room recalled (MESSAGE_REVOKED), in this group only', async () => {
    const port = new FakeChatPort()
    const { backend, events } = backendWith(port)
    await backend.start()
    events.length = 0
    port.fire(SdkEvent.MESSAGE_REVOKED, [
      { ...text('m1', 'mina', 'spam'), sequence: 7, revoker: 'mod1' },
      { ...text('m2', 'mina', 'elsewhere'), sequence: 8, to: 'other-group' },
    ])
    expect(events).toEqual([{ type: 'message-recalled', sequence: 7, operatorId: 'mod1' }])
  })

  it('signs in again with a fresh UserSig when the old one expires, and rejoins', async () => {
    const port = new FakeChatPort()
    let sigs = 0
    const backend = new TencentRoomBackend({
      sdkAppId: 1400000001,
      groupId: GROUP,
      userId: 'anchor',
      userSig: async () => `sig-${++sigs}`,
      rest: null,
      createPort: async () => port,
    })
    const states: string[] = []
    backend.onEvent((e) => {
      if (e.type === 'connection') states.push(e.state)
    })
    await backend.start()
    port.fire(SdkEvent.KICKED_OUT, { type: 'userSigExpired' })
    await vi.waitFor(() => expect(states.at(-1)).toBe('connected'))
    expect(states.slice(-2)).toEqual(['reconnecting', 'connected'])
    expect(port.calls.filter((c) => c.startsWith('login') || c.startsWith('joinGroup'))).toEqual([
      'login anchor sig-1',
      `joinGroup ${GROUP}`,
      'login anchor sig-2',
      `joinGroup ${GROUP}`,
    ])
    await expect(backend.sendText('back')).resolves.toMatchObject({ text: 'back' })
    await backend.stop()
  })

  it('follows the online count through the SDK every 10 s, with REST only when the SDK fails', async () => {
    const clock = manualClock()
    const port = new FakeChatPort()
    const restCalls: string[] = []
    let restCount: number | Error = 30
    const rest = {
      async call(_service: string, command: string) {
        restCalls.push(command)
        if (restCount instanceof Error) throw restCount
        return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', OnlineMemberNum: restCount }
      },
    } as unknown as ImRestClient
    const backend = new TencentRoomBackend({
      sdkAppId: 1400000001,
      groupId: GROUP,
      userId: 'anchor',
      userSig: async () => 'sig-anchor',
      rest,
      createPort: async () => port,
      setTimer: clock.setTimer,
    })
    const counts: number[] = []
    backend.onEvent((e) => e.type === 'online-count' && counts.push(e.count))
    await backend.start()
    const sdkReads = () => port.calls.filter((c) => c.startsWith('getGroupOnlineMemberCount'))
    expect(counts).toEqual([12])

    port.onlineCount = 15
    await clock.advanceAsync(9_999)
    expect(sdkReads()).toEqual([])
    await clock.advanceAsync(1)
    expect(sdkReads()).toEqual([`getGroupOnlineMemberCount ${GROUP}`])
    expect(counts).toEqual([12, 15])
    // The same count again is no event; no REST while the SDK answers.
    await clock.advanceAsync(10_000)
    expect(counts).toEqual([12, 15])
    expect(restCalls).toEqual([])

    port.onlineCount = { code: 2996, message: 'too frequent' }
    await clock.advanceAsync(10_000)
    expect(restCalls).toEqual(['get_online_member_num'])
    expect(counts).toEqual([12, 15, 30])
    // Neither answers: the last count stands, and the poll goes on.
    restCount = new Error('offline')
    await clock.advanceAsync(10_000)
    expect(counts).toEqual([12, 15, 30])
    expect(sdkReads()).toHaveLength(4)

    await backend.stop()
    expect(clock.pending()).toBe(0)
  })

  it('follows the online count through the SDK without the secret key', async () => {
    const clock = manualClock()
    const port = new FakeChatPort()
    const backend = new TencentRoomBackend({
      sdkAppId: 1400000001,
      groupId: GROUP,
      userId: 'anchor',
      userSig: async () => 'sig-anchor',
      rest: null,
      createPort: async () => port,
      setTimer: clock.setTimer,
    })
    const counts: number[] = []
    backend.onEvent((e) => e.type === 'online-count' && counts.push(e.count))
    await backend.start()
    port.onlineCount = 40
    await clock.advanceAsync(10_000)
    expect(counts).toEqual([12, 40])
    await backend.stop()
  })

  it('SDK_NOT_READY disconnects; stop logs out, destroys and unsubscribes', async () => {
    const port = new FakeChatPort()
    const { backend, events } = backendWith(port)
    await backend.start()
    port.fire(SdkEvent.SDK_NOT_READY, undefined)
    expect(events.at(-1)).toEqual({ type: 'connection', state: 'disconnected' })
    await backend.stop()
    expect(port.calls.slice(-2)).toEqual(['logout', 'destroy'])
    expect(port.listenerCount()).toBe(0)
  })
})

describe('UserSig for the Tencent backend', () => {
  const secretKey = 'c2VjcmV0LWtleS1mb3ItdGVzdHM='

  it("is Tencent's TLS sig v2: the JSON inside carries the account and an HMAC that verifies", () => {
    const sig = signWithSecretKey(1400000001, secretKey, 'anchor', 3600)
    const json = JSON.parse(
      inflateSync(
        Buffer.from(sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64'),
      ).toString(),
    ) as Record<string, string | number>
    expect(json).toMatchObject({
      'TLS.ver': '2.0',
      'TLS.identifier': 'anchor',
      'TLS.sdkappid': 1400000001,
      'TLS.expire': 3600,
    })
    const content = `TLS.identifier:anchor\nTLS.sdkappid:1400000001\nTLS.time:${json['TLS.time']}\nTLS.expire:3600\n`
    expect(json['TLS.sig']).toBe(createHmac('sha256', secretKey).update(content).digest('base64'))
    const verified = verifyUserSig({
      userSig: sig,
      sdkAppId: 1400000001,
      secretKey,
      userId: 'anchor',
      nowSeconds: Math.floor(Date.now() / 1000),
    })
    expect(verified.ok).toBe(true)
  })

  it('comes from the business server when a URL is set, else from the key, else a clear error', async () => {
    const posted: unknown[] = []
    const fetcher = (async (_url: string, init: RequestInit) => {
      posted.push(JSON.parse(String(init.body)))
      return new Response(JSON.stringify({ userSig: 'from-server' }), { status: 200 })
    }) as typeof fetch
    const settings = {
      sdkAppId: 1400000001,
      groupId: GROUP,
      userId: 'anchor',
      adminUserId: 'administrator',
      restBaseUrl: 'https://adminapikr.im.qcloud.com',
    }
    const logins: string[] = []
    const port = () => {
      const p = new FakeChatPort()
      const login = p.login.bind(p)
      p.login = async (userId, sig) => {
        logins.push(sig)
        return login(userId, sig)
      }
      return p
    }
    const viaServer = buildTencentBackend(
      { ...settings, userSigUrl: 'https://biz.example/usersig' },
      null,
      { createPort: async () => port(), fetch: fetcher },
    )
    await viaServer.start()
    expect(logins.at(-1)).toBe('from-server')
    expect(posted).toEqual([{ userId: 'anchor', sdkAppId: 1400000001 }])

    const viaKey = buildTencentBackend(settings, secretKey, { createPort: async () => port() })
    await viaKey.start()
    const keySig = logins.at(-1)!
    expect(
      verifyUserSig({
        userSig: keySig,
        sdkAppId: 1400000001,
        secretKey,
        userId: 'anchor',
        nowSeconds: Math.floor(Date.now() / 1000),
      }).ok,
    ).toBe(true)

    const neither = buildTencentBackend(settings, null, { createPort: async () => port() })
    await expect(neither.start()).rejects.toMatchObject({
      code: 70003,
      message: expect.stringMatching(/UserSig URL .* secret key/),
      params: { reason: 'noUserSigSource' },
    })
  })

  it('names the UserSig server that failed, for the renderer to word', async () => {
    const settings = {
      sdkAppId: 1400000001,
      groupId: GROUP,
      userId: 'anchor',
      adminUserId: 'administrator',
      restBaseUrl: 'https://adminapikr.im.qcloud.com',
      userSigUrl: 'https://biz.example:8443/usersig',
    }
    const createPort = async () => new FakeChatPort()
    const down = (async () => {
      throw new TypeError('fetch failed')
    }) as unknown as typeof fetch
    await expect(
      buildTencentBackend(settings, null, { createPort, fetch: down }).start(),
    ).rejects.toMatchObject({
      code: 70003,
      params: { reason: 'userSigUnreachable', host: 'biz.example:8443' },
    })
    const wrong = (async () => new Response('nope', { status: 403 })) as unknown as typeof fetch
    await expect(
      buildTencentBackend(settings, null, { createPort, fetch: wrong }).start(),
    ).rejects.toMatchObject({
      code: 70003,
      params: { reason: 'userSigBadAnswer', host: 'biz.example:8443', status: 403 },
    })
  })
})

describe('GROUP_ATTRIBUTES_UPDATED → the room state (issue 12 §5)', () => {
  const state = {
    state: 'paused',
    showId: 's1',
    since: 2000,
    scheduledAt: null,
    replayUrl: null,
  }
  it('reads the business host’s room_state attribute of this group, and nothing else', () => {
    const events = groupAttributesToEvents(
      { groupID: '@TGS#a', groupAttributes: { room_state: JSON.stringify(state), pk: 'on' } },
      '@TGS#a',
    )
    expect(events).toEqual([
      {
        type: 'room-state',
        state: { ...state, startedAt: null, endedAt: null, title: '', cause: null, endsAt: null },
      },
    ])
    expect(groupAttributesToEvents({ groupID: 'other', groupAttributes: {} }, '@TGS#a')).toEqual([])
    expect(
      groupAttributesToEvents(
        { groupID: '@TGS#a', groupAttributes: { room_state: '{' } },
        '@TGS#a',
      ),
    ).toEqual([])
  })
})
