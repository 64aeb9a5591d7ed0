import { describe, expect, it } from 'vitest'
import type { ChatMessage, ContractEvent } from '../../../src-shared/contract'
import type {
  BackendMember,
  JoinedRoom,
  MissingMemberPart,
  RoomBackend,
  RoomEvent,
} from '../../../src-main/console/room/room-backend'
import { RoomError } from '../../../src-main/common/room-error'
import {
  MAX_CHAT_MESSAGES,
  MAX_RECENT_MEMBERS,
  RoomSession,
} from '../../../src-main/console/room/room-session'

const msg = (sequence: number, from = 'v_1'): ChatMessage => ({
  id: `m${sequence}`,
  sequence,
  from,
  nick: from,
  time: sequence * 1000,
  priority: 'Normal',
  type: 'TIMTextElem',
  text: `line ${sequence}`,
  self: from === 'anchor',
})

class FakeBackend implements RoomBackend {
  readonly selfUserId = 'anchor'
  listener: ((e: RoomEvent) => void) | null = null
  seq = 100
  constructor(private readonly joined: JoinedRoom) {}
  start = async () => this.joined
  sendText = async (text: string) => ({ ...msg(++this.seq, 'anchor'), text })
  mute = async (_userId: string, seconds: number) => (seconds ? 10_000 + seconds * 1000 : 0)
  calls: string[] = []
  online: BackendMember[] | Error = []
  missing: MissingMemberPart[] = []
  refuse: RoomError | null = null
  unmute = async (userId: string) => void this.calls.push(`unmute ${userId}`)
  kick = async (userId: string, reason?: string) => {
    if (this.refuse) throw this.refuse
    this.calls.push(`kick ${userId} ${reason ?? ''}`)
  }
  ban = async (userId: string, seconds: number) => {
    if (this.refuse) throw this.refuse
    this.calls.push(`ban ${userId} ${seconds}`)
    return seconds ? 10_000 + seconds * 1000 : 0
  }
  setMuteAll = async (on: boolean) => void this.calls.push(`mute-all ${on}`)
  members = async () => {
    if (this.online instanceof Error) throw this.online
    return { members: this.online, missing: this.missing }
  }
  onEvent(listener: (e: RoomEvent) => void) {
    this.listener = listener
    return () => (this.listener = null)
  }
  stop = async () => {}
  push(e: RoomEvent) {
    this.listener?.(e)
  }
}

function setup(history: ChatMessage[] = [msg(1), msg(2)], muteAll = false) {
  const backend = new FakeBackend({
    roomId: 'main',
    name: 'Room',
    onlineCount: 1,
    history,
    muteAll,
  })
  const events: ContractEvent[] = []
  let now = 10_000
  const session = new RoomSession(
    backend,
    'main',
    'http://viewer',
    (name, payload) => events.push({ name, payload } as ContractEvent),
    () => now,
  )
  return { backend, events, session, advance: (ms: number) => (now += ms) }
}

describe('RoomSession', () => {
  it('starts from the backend history and reports a snapshot', async () => {
    const { session } = setup()
    await session.start()
    const snap = session.snapshot()
    expect(snap).toMatchObject({
      roomId: 'main',
      name: 'Room',
      onlineCount: 1,
      selfUserId: 'anchor',
    })
    expect(snap.messages.map((m) => m.id)).toEqual(['m1', 'm2'])
  })

  it('shows each message once, even when history is replayed after a reconnect', async () => {
    const { session, backend, events } = setup()
    await session.start()
    backend.push({ type: 'messages', messages: [msg(3)] })
    backend.push({ type: 'messages', messages: [msg(1), msg(2), msg(3), msg(4)] })
    expect(session.snapshot().messages.map((m) => m.sequence)).toEqual([1, 2, 3, 4])
    const received = events.filter((e) => e.name === 'room:messages-received')
    expect(received.map((e) => (e.payload as ChatMessage[]).map((m) => m.sequence))).toEqual([
      [3],
      [4],
    ])
  })

  it("does not show the anchor's own message twice when the room echoes it", async () => {
    const { session, backend } = setup([])
    await session.start()
    const sent = await session.sendText('hello')
    backend.push({ type: 'messages', messages: [sent] })
    expect(session.snapshot().messages.filter((m) => m.text === 'hello')).toHaveLength(1)
  })

  it(`keeps only the newest ${MAX_CHAT_MESSAGES} lines`, async () => {
    const { session, backend } = setup([])
    await session.start()
    for (let i = 1; i <= MAX_CHAT_MESSAGES + 50; i++)
      backend.push({ type: 'messages', messages: [msg(i)] })
    const messages = session.snapshot().messages
    expect(messages).toHaveLength(MAX_CHAT_MESSAGES)
    expect(messages[0]!.sequence).toBe(51)
    // A dropped line replayed later is history, not news: it may return, but only once.
    backend.push({ type: 'messages', messages: [msg(MAX_CHAT_MESSAGES + 50)] })
    expect(session.snapshot().messages).toHaveLength(MAX_CHAT_MESSAGES)
  })

  it('tracks mutes until they expire, and unmutes', async () => {
    const { session, backend, advance } = setup()
    await session.start()
    expect(await session.mute('v_1', 60)).toEqual({ userId: 'v_1', muteUntil: 70_000 })
    backend.push({ type: 'member-muted', userId: 'v_2', muteUntil: 20_000, operatorId: 'anchor' })
    expect(session.snapshot().mutes).toEqual([
      { userId: 'v_1', muteUntil: 70_000 },
      { userId: 'v_2', muteUntil: 20_000 },
    ])
    advance(15_000)
    expect(session.snapshot().mutes).toEqual([{ userId: 'v_1', muteUntil: 70_000 }])
    await session.mute('v_1', 0)
    expect(session.snapshot().mutes).toEqual([])
  })

  it('mirrors online count and connection state as events and in the snapshot', async () => {
    const { session, backend, events } = setup()
    await session.start()
    backend.push({ type: 'online-count', count: 7 })
    backend.push({ type: 'connection', state: 'reconnecting' })
    expect(session.snapshot()).toMatchObject({ onlineCount: 7, connection: 'reconnecting' })
    expect(events.map((e) => e.name)).toEqual([
      'room:online-count-changed',
      'room:connection-changed',
    ])
  })
})

const joined = (userId: string, joinTime: number, nick = userId.toUpperCase()): RoomEvent => ({
  type: 'member-joined',
  userId,
  nick,
  role: 'Member',
  joinTime,
})

describe('RoomSession members', () => {
  it('merges the REST list with join events: nicks from events, roles and mutes from REST', async () => {
    const { session, backend } = setup([msg(1, 'v_chat')])
    backend.online = [
      { userId: 'anchor', role: 'Owner', joinTime: 1_000, muteUntil: 0 },
      { userId: 'v_chat', role: 'Admin', joinTime: 2_000, muteUntil: 0 },
      { userId: 'v_quiet', role: 'Member', joinTime: 3_000, muteUntil: 70_000 },
    ]
    await session.start()
    backend.push({ type: 'messages', messages: [{ ...msg(2, 'v_chat'), nick: 'Chatty' }] })
    expect(session.snapshot().members).toEqual([
      {
        userId: 'v_quiet',
        nick: 'v_quiet',
        role: 'Member',
        joinTime: 3_000,
        muteUntil: 70_000,
        banUntil: 0,
        online: true,
      },
      {
        userId: 'v_chat',
        nick: 'Chatty',
        role: 'Admin',
        joinTime: 2_000,
        muteUntil: 0,
        banUntil: 0,
        online: true,
      },
      {
        userId: 'anchor',
        nick: 'anchor',
        role: 'Owner',
        joinTime: 1_000,
        muteUntil: 0,
        banUntil: 0,
        online: true,
      },
    ])
    expect(session.snapshot().mutes).toEqual([{ userId: 'v_quiet', muteUntil: 70_000 }])
  })

  it('follows joins and leaves, emits them with role and join time, and a refresh marks the gone', async () => {
    const { session, backend, events, advance } = setup([])
    await session.start()
    backend.push(joined('v_a', 11_000, 'Alice'))
    backend.push(joined('v_b', 12_000, 'Bob'))
    advance(5_000)
    backend.push({ type: 'member-left', userId: 'v_a' })
    expect(events.filter((e) => e.name.startsWith('room:member'))).toEqual([
      {
        name: 'room:member-joined',
        payload: { userId: 'v_a', nick: 'Alice', role: 'Member', joinTime: 11_000 },
      },
      {
        name: 'room:member-joined',
        payload: { userId: 'v_b', nick: 'Bob', role: 'Member', joinTime: 12_000 },
      },
      { name: 'room:member-left', payload: { userId: 'v_a' } },
    ])
    expect(session.snapshot().members.map((m) => [m.nick, m.online])).toEqual([
      ['Bob', true],
      ['Alice', false],
    ])

    // Bob dropped without a leave event reaching us; the REST list is the room's word.
    advance(1_000)
    backend.online = [{ userId: 'v_c', role: 'Member', joinTime: 14_000, muteUntil: 0 }]
    const list = await session.refreshMembers()
    expect(list.map((m) => [m.userId, m.nick, m.online])).toEqual([
      ['v_c', 'v_c', true],
      ['v_b', 'Bob', false],
      ['v_a', 'Alice', false],
    ])
  })

  it(`remembers at most ${MAX_RECENT_MEMBERS} members, forgetting the earliest leavers first`, async () => {
    const { session, backend, advance } = setup([])
    await session.start()
    backend.push(joined('v_stays', 10_000))
    for (let i = 0; i < MAX_RECENT_MEMBERS + 20; i++) {
      advance(10)
      backend.push(joined(`v_${i}`, 10_000 + i * 10))
      backend.push({ type: 'member-left', userId: `v_${i}` })
    }
    const members = session.snapshot().members
    expect(members).toHaveLength(MAX_RECENT_MEMBERS)
    expect(members[0]).toMatchObject({ userId: 'v_stays', online: true })
    expect(members[1]!.userId).toBe(`v_${MAX_RECENT_MEMBERS + 19}`)
    expect(members.some((m) => m.userId === 'v_0')).toBe(false)
  })

  it('applies a role change to the members it tracks', async () => {
    const { session, backend } = setup([])
    await session.start()
    backend.push(joined('v_a', 11_000, 'Alice'))
    const change = { type: 'member-role-changed', operatorId: 'administrator' } as const
    backend.push({ ...change, userIds: ['v_a', 'v_unknown'], role: 'Admin' })
    expect(session.snapshot().members).toEqual([expect.objectContaining({ role: 'Admin' })])
    backend.push({ ...change, userIds: ['v_a'], role: 'Member' })
    expect(session.snapshot().members[0]).toMatchObject({ userId: 'v_a', role: 'Member' })
  })

  it('keeps what it knows of a part the room would not list (an edition without the feature)', async () => {
    const { session, backend } = setup([])
    await session.start()
    backend.push({
      type: 'member-joined',
      userId: 'v_mod',
      nick: 'Mod',
      role: 'Admin',
      joinTime: 1,
    })
    backend.push(joined('v_a', 11_000, 'Alice'))
    expect(await session.mute('v_a', 60)).toMatchObject({ muteUntil: 70_000 })
    const refused = (part: MissingMemberPart['part']) => ({ part, code: 10007, message: 'no' })
    // No admins and no mutes: v_mod stays Admin and v_a stays muted, though REST shows neither.
    backend.online = [
      { userId: 'v_mod', role: 'Member', joinTime: 1, muteUntil: 0 },
      { userId: 'v_a', role: 'Member', joinTime: 11_000, muteUntil: 0 },
    ]
    backend.missing = [refused('admins'), refused('mutes')]
    const list = await session.refreshMembers()
    expect(list.find((m) => m.userId === 'v_mod')).toMatchObject({ role: 'Admin' })
    expect(list.find((m) => m.userId === 'v_a')).toMatchObject({ muteUntil: 70_000 })
    // No online list: nobody is taken to have left.
    backend.online = []
    backend.missing = [refused('members')]
    expect((await session.refreshMembers()).map((m) => m.online)).toEqual([true, true])
  })

  it('starts even when the member list cannot be read', async () => {
    const { session, backend } = setup()
    backend.online = new RoomError(10003, 'get_members is not implemented')
    await session.start()
    expect(session.snapshot().members).toEqual([])
    await expect(session.refreshMembers()).rejects.toMatchObject({ code: 10003 })
  })
})

describe('RoomSession moderation', () => {
  it('kicks: the member goes offline and kick events are mirrored', async () => {
    const { session, backend, events } = setup([])
    await session.start()
    backend.push(joined('v_a', 11_000, 'Alice'))
    expect(await session.kick('v_a', 'spam')).toEqual({ userId: 'v_a' })
    expect(backend.calls).toEqual(['kick v_a spam'])
    expect(session.snapshot().members[0]).toMatchObject({ userId: 'v_a', online: false })
    backend.push({
      type: 'member-kicked',
      userIds: ['v_a'],
      operatorId: 'administrator',
      reason: 'spam',
    })
    expect(events.at(-1)).toEqual({
      name: 'room:member-kicked',
      payload: { userIds: ['v_a'], operatorId: 'administrator', reason: 'spam' },
    })
  })

  it('a refused kick changes nothing and reaches the caller with its code', async () => {
    const { session, backend } = setup([])
    await session.start()
    backend.push(joined('v_a', 11_000))
    backend.refuse = new RoomError(10007, 'The group owner cannot be removed')
    await expect(session.kick('v_a')).rejects.toMatchObject({ code: 10007 })
    expect(session.snapshot().members[0]).toMatchObject({ online: true })
  })

  it('bans until a time, tells every window, and lifts a ban with 0', async () => {
    const { session, backend, events, advance } = setup([])
    await session.start()
    backend.push(joined('v_a', 11_000))
    expect(await session.ban('v_a', 3600)).toEqual({ userId: 'v_a', banUntil: 3_610_000 })
    expect(session.snapshot().members[0]).toMatchObject({ online: false, banUntil: 3_610_000 })
    expect(events.at(-1)).toEqual({
      name: 'moderation:member-banned',
      payload: { userId: 'v_a', banUntil: 3_610_000, operatorId: 'anchor' },
    })
    expect(await session.ban('v_a', 0)).toEqual({ userId: 'v_a', banUntil: 0 })
    expect(session.snapshot().members[0]!.banUntil).toBe(0)
    // A ban pushed by the room expires on the clock like a mute.
    backend.push({ type: 'member-banned', userId: 'v_a', banUntil: 20_000, operatorId: 'mod' })
    expect(session.snapshot().members[0]!.banUntil).toBe(20_000)
    advance(10_001)
    expect(session.snapshot().members[0]!.banUntil).toBe(0)
  })

  it('unmutes through the backend and forgets the mute', async () => {
    const { session, backend } = setup([])
    await session.start()
    await session.mute('v_a', 60)
    expect(await session.unmute('v_a')).toEqual({ userId: 'v_a', muteUntil: 0 })
    expect(backend.calls).toEqual(['unmute v_a'])
    expect(session.snapshot().mutes).toEqual([])
  })

  it('mirrors mute-all from the join, the room and its own switch, once per change', async () => {
    const { session, backend, events } = setup([], true)
    await session.start()
    expect(session.snapshot().muteAll).toBe(true)
    backend.push({ type: 'mute-all', on: true, operatorId: '' })
    expect(events).toEqual([])
    expect(await session.setMuteAll(false)).toEqual({ muteAll: false })
    // The room's own push of the same change arrives after the answer: no second event.
    backend.push({ type: 'mute-all', on: false, operatorId: 'administrator' })
    backend.push({ type: 'mute-all', on: true, operatorId: 'administrator' })
    expect(events).toEqual([
      { name: 'room:mute-all-changed', payload: { muteAll: false, operatorId: 'anchor' } },
      { name: 'room:mute-all-changed', payload: { muteAll: true, operatorId: 'administrator' } },
    ])
    expect(session.snapshot().muteAll).toBe(true)
  })
})
