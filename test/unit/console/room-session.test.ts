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
import { RoomSession } from '../../../src-main/console/room/room-session'
import { CHAT_LIMIT, MEMBER_LIMIT, type RoomPeople } from '../../../src-shared/contract'
import type { RoomLoad } from '../../../src-shared/protocol/frames'
import type { RoomState } from '../../../src-shared/protocol/room-state'
import { manualClock } from '../../support/manual-clock'

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
  recall = async (sequence: number, reason?: string) =>
    void this.calls.push(`recall ${sequence} ${reason ?? ''}`)
  setNotice = async (notification: string, introduction: string) =>
    void this.calls.push(`notice ${notification} ${introduction}`)
  reads = 0
  members = async () => {
    this.reads++
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
  const clock = manualClock(10_000)
  const session = new RoomSession({
    backend,
    roomId: 'main',
    viewerUrl: 'http://viewer',
    emit: (name, payload) => events.push({ name, payload } as ContractEvent),
    clock,
  })
  const lastPeople = (): RoomPeople => {
    const last = events.filter((e) => e.name === 'room:people-changed').at(-1)
    return last!.payload as RoomPeople
  }
  return { backend, events, session, clock, lastPeople }
}

/** Lets the session's REST reads (promises) finish after a timer fired them. */
const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('RoomSession', () => {
  it('starts from the backend history and reports a snapshot', async () => {
    const { session } = setup()
    await session.start()
    const snap = session.snapshot()
    expect(snap).toMatchObject({
      roomId: 'main',
      name: 'Room',
      selfUserId: 'anchor',
      online: { count: 1, peak: 1 },
      delivery: {
        load: null,
        shedRecent: { High: 0, Normal: 0, Low: 0, Lowest: 0 },
        tightRecent: 0,
      },
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

  it('hides a recalled line in every window, and a replayed history does not bring it back', async () => {
    const { session, backend, events } = setup([msg(1), msg(2), msg(3)])
    await session.start()
    expect(await session.recall(2, 'spam')).toEqual({ sequence: 2 })
    expect(backend.calls).toEqual(['recall 2 spam'])
    // Another moderator's recall, as the room tells it.
    backend.push({ type: 'message-recalled', sequence: 3, operatorId: 'mod1' })
    backend.push({ type: 'message-recalled', sequence: 3, operatorId: 'mod1' })
    backend.push({ type: 'messages', messages: [msg(1), msg(2), msg(3)] })
    expect(session.snapshot().messages.map((m) => m.sequence)).toEqual([1])
    expect(events.filter((e) => e.name === 'room:messages-recalled').map((e) => e.payload)).toEqual(
      [[2], [3]],
    )
  })

  it('puts a line that comes late (a resend after a reconnect) in its place by sequence', async () => {
    const { session, backend } = setup([msg(1), msg(2)])
    await session.start()
    backend.push({ type: 'messages', messages: [msg(5), msg(3)] })
    backend.push({ type: 'messages', messages: [msg(4), msg(6)] })
    expect(session.snapshot().messages.map((m) => m.sequence)).toEqual([1, 2, 3, 4, 5, 6])
  })

  it("does not show the anchor's own message twice when the room echoes it", async () => {
    const { session, backend } = setup([])
    await session.start()
    const sent = await session.sendText('hello')
    backend.push({ type: 'messages', messages: [sent] })
    expect(session.snapshot().messages.filter((m) => m.text === 'hello')).toHaveLength(1)
  })

  it(`keeps only the newest ${CHAT_LIMIT} lines`, async () => {
    const { session, backend } = setup([])
    await session.start()
    for (let i = 1; i <= CHAT_LIMIT + 50; i++)
      backend.push({ type: 'messages', messages: [msg(i)] })
    const messages = session.snapshot().messages
    expect(messages).toHaveLength(CHAT_LIMIT)
    expect(messages[0]!.sequence).toBe(51)
    // A dropped line replayed later is history, not news: it may return, but only once.
    backend.push({ type: 'messages', messages: [msg(CHAT_LIMIT + 50)] })
    expect(session.snapshot().messages).toHaveLength(CHAT_LIMIT)
  })

  it('tells every window when a mute ends, on its own clock, and unmutes', async () => {
    const { session, backend, clock, lastPeople } = setup()
    await session.start()
    expect(await session.mute('v_1', 60)).toEqual({ userId: 'v_1', muteUntil: 70_000 })
    backend.push({ type: 'member-muted', userId: 'v_2', muteUntil: 20_000, operatorId: 'anchor' })
    expect(lastPeople().mutes).toEqual([
      { userId: 'v_1', muteUntil: 70_000 },
      { userId: 'v_2', muteUntil: 20_000 },
    ])
    clock.advance(10_001)
    // No event from the room: main's own timer said the mute ended.
    expect(lastPeople().mutes).toEqual([{ userId: 'v_1', muteUntil: 70_000 }])
    expect(session.snapshot().people.mutes).toEqual([{ userId: 'v_1', muteUntil: 70_000 }])
    await session.unmute('v_1')
    expect(backend.calls).toEqual(['unmute v_1'])
    expect(lastPeople().mutes).toEqual([])
  })

  it('keeps the online count with its peak, as events and in a late snapshot', async () => {
    const { session, backend, events, clock } = setup()
    await session.start()
    clock.advance(1000)
    backend.push({ type: 'online-count', count: 7 })
    clock.advance(1000)
    backend.push({ type: 'online-count', count: 3 })
    backend.push({ type: 'online-count', count: 3 })
    backend.push({ type: 'connection', state: 'reconnecting' })
    expect(events.filter((e) => e.name === 'room:online-changed').map((e) => e.payload)).toEqual([
      { count: 1, peak: 1, at: 10_000 },
      { count: 7, peak: 7, at: 11_000 },
      { count: 3, peak: 7, at: 12_000 },
    ])
    // A console opened now sees the same as one that was open all along.
    expect(session.snapshot()).toMatchObject({
      connection: 'reconnecting',
      online: { count: 3, peak: 7 },
    })
  })
})

const counts = (Normal = 0, Low = 0) => ({ High: 0, Normal, Low, Lowest: 0 })
const load = (shedNormal: number, shedLow = 0): RoomLoad => ({
  windowMs: 1000,
  cap: 40,
  offered: counts(30 + shedNormal, 10 + shedLow),
  shed: counts(shedNormal, shedLow),
})

describe('RoomSession delivery budget', () => {
  it('counts what was shed in the last 5 minutes per priority, falling as sheds age out', async () => {
    const { session, backend, events, clock } = setup()
    await session.start()
    backend.push({ type: 'load', load: load(0, 5) })
    clock.advance(60_000)
    backend.push({ type: 'load', load: load(3, 1) })
    backend.push({ type: 'load', load: load(0) })
    const all = { load: load(0), shedRecent: counts(3, 6), tightRecent: 3 }
    expect(session.snapshot().delivery).toEqual(all)
    const delivered = () =>
      events.filter((e) => e.name === 'room:delivery-changed').map((e) => e.payload)
    expect(delivered().at(-1)).toEqual(all)
    // No more reports: the first sheds leave the window 5 minutes after they came.
    clock.advance(4 * 60_000 + 1)
    expect(delivered().at(-1)).toEqual({ load: load(0), shedRecent: counts(3, 1), tightRecent: 2 })
    clock.advance(60_000)
    expect(delivered().at(-1)).toEqual({ load: load(0), shedRecent: counts(), tightRecent: 0 })
    expect(clock.pending()).toBe(0)
  })

  it('remembers windows near the cap for 5 minutes, and not those with room', async () => {
    const { session, backend, clock } = setup()
    await session.start()
    const offering = (count: number): RoomLoad => ({
      windowMs: 1000,
      cap: 40,
      offered: { High: 0, Normal: count, Low: 0, Lowest: 0 },
      shed: { High: 0, Normal: 0, Low: 0, Lowest: 0 },
    })
    backend.push({ type: 'load', load: offering(29) })
    expect(session.snapshot().delivery).toMatchObject({ shedRecent: counts(), tightRecent: 0 })
    backend.push({ type: 'load', load: offering(30) })
    clock.advance(1000)
    backend.push({ type: 'load', load: offering(0) })
    // A quiet second after a busy one: the busy one still counts, so the meter keeps its height.
    expect(session.snapshot().delivery).toEqual({
      load: offering(0),
      shedRecent: counts(),
      tightRecent: 1,
    })
    clock.advance(5 * 60_000)
    expect(session.snapshot().delivery.tightRecent).toBe(0)
    expect(clock.pending()).toBe(0)
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
    expect(session.snapshot().people.members).toEqual([
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
    expect(session.snapshot().people.mutes).toEqual([{ userId: 'v_quiet', muteUntil: 70_000 }])
  })

  it('follows joins and leaves in the list every window gets, and a refresh marks the gone', async () => {
    const { session, backend, clock, lastPeople } = setup([])
    await session.start()
    backend.push(joined('v_a', 11_000, 'Alice'))
    backend.push(joined('v_b', 12_000, 'Bob'))
    clock.advance(5_000)
    backend.push({ type: 'member-left', userId: 'v_a' })
    expect(lastPeople().members.map((m) => [m.nick, m.online])).toEqual([
      ['Bob', true],
      ['Alice', false],
    ])

    // Bob dropped without a leave event reaching us; the REST list is the room's word.
    clock.advance(1_000)
    backend.online = [{ userId: 'v_c', role: 'Member', joinTime: 14_000, muteUntil: 0 }]
    const list = await session.refreshMembers()
    expect(list.map((m) => [m.userId, m.nick, m.online])).toEqual([
      ['v_c', 'v_c', true],
      ['v_b', 'Bob', false],
      ['v_a', 'Alice', false],
    ])
    expect(lastPeople().members).toEqual(list)
  })

  it('reads the list again when it shows more online than the count (a mass leave)', async () => {
    const { session, backend, clock, lastPeople } = setup([])
    backend.online = [{ userId: 'anchor', role: 'Owner', joinTime: 9_000, muteUntil: 0 }]
    await session.start()
    const readsAtStart = backend.reads
    // The count runs ahead of the named joiners (a notice names at most 40): a slow read is armed…
    backend.push({ type: 'online-count', count: 71 })
    for (let i = 0; i < 70; i++) backend.push(joined(`v_${i}`, 10_000 + i))
    // 70 leave at once; the notice names 40 of them (the room's limit), the count says 1.
    for (let i = 0; i < 40; i++) backend.push({ type: 'member-left', userId: `v_${i}` })
    backend.push({ type: 'online-count', count: 1 })
    expect(lastPeople().members.filter((m) => m.online)).toHaveLength(31)

    // …and the leave, which needs a read soon, does not wait for it.
    clock.advance(2_000)
    await settle()
    expect(backend.reads).toBe(readsAtStart + 1)
    expect(
      lastPeople()
        .members.filter((m) => m.online)
        .map((m) => m.userId),
    ).toEqual(['anchor'])
    // Now they agree: nothing more is read.
    clock.advance(60_000)
    await settle()
    expect(backend.reads).toBe(readsAtStart + 1)
  })

  it('reads the list again after a reconnect', async () => {
    const { session, backend, clock } = setup([])
    await session.start()
    const before = backend.reads
    backend.push({ type: 'connection', state: 'reconnecting' })
    backend.push({ type: 'connection', state: 'connected' })
    clock.advance(1)
    await settle()
    expect(backend.reads).toBe(before + 1)
  })

  it(`remembers at most ${MEMBER_LIMIT} members, forgetting the earliest leavers first`, async () => {
    const { session, backend, clock } = setup([])
    await session.start()
    backend.push(joined('v_stays', 10_000))
    for (let i = 0; i < MEMBER_LIMIT + 20; i++) {
      clock.advance(10)
      backend.push(joined(`v_${i}`, 10_000 + i * 10))
      backend.push({ type: 'member-left', userId: `v_${i}` })
    }
    const members = session.snapshot().people.members
    expect(members).toHaveLength(MEMBER_LIMIT)
    expect(members[0]).toMatchObject({ userId: 'v_stays', online: true })
    expect(members[1]!.userId).toBe(`v_${MEMBER_LIMIT + 19}`)
    expect(members.some((m) => m.userId === 'v_0')).toBe(false)
  })

  it('applies a role change to the members it tracks', async () => {
    const { session, backend } = setup([])
    await session.start()
    backend.push(joined('v_a', 11_000, 'Alice'))
    const change = { type: 'member-role-changed', operatorId: 'administrator' } as const
    backend.push({ ...change, userIds: ['v_a', 'v_unknown'], role: 'Admin' })
    expect(session.snapshot().people.members).toEqual([expect.objectContaining({ role: 'Admin' })])
    backend.push({ ...change, userIds: ['v_a'], role: 'Member' })
    expect(session.snapshot().people.members[0]).toMatchObject({ userId: 'v_a', role: 'Member' })
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
    // Every console is told what the list cannot show.
    expect(session.snapshot().people.missing).toEqual([
      { part: 'admins', code: 10007 },
      { part: 'mutes', code: 10007 },
    ])
    // No online list: nobody is taken to have left.
    backend.online = []
    backend.missing = [refused('members')]
    expect((await session.refreshMembers()).map((m) => m.online)).toEqual([true, true])
    // A whole read says nothing is missing.
    backend.missing = []
    await session.refreshMembers()
    expect(session.snapshot().people).not.toHaveProperty('missing')
  })

  it('marks namesakes: members whose nicks read the same, look-alikes included', async () => {
    const { session, backend } = setup([])
    await session.start()
    backend.push(joined('v_a', 11_000, 'Alice'))
    backend.push(joined('v_b', 12_000, 'Аlice')) // a Cyrillic А
    backend.push(joined('v_c', 13_000, 'Bob'))
    const byId = new Map(session.snapshot().people.members.map((m) => [m.userId, m]))
    expect(byId.get('v_a')?.namesakes).toEqual(['v_b'])
    expect(byId.get('v_b')?.namesakes).toEqual(['v_a'])
    expect(byId.get('v_c')).not.toHaveProperty('namesakes')
  })

  it('starts even when the member list cannot be read', async () => {
    const { session, backend } = setup()
    backend.online = new RoomError(10003, 'get_members is not implemented')
    await session.start()
    expect(session.snapshot().people.members).toEqual([])
    await expect(session.refreshMembers()).rejects.toMatchObject({ code: 10003 })
  })
})

describe('RoomSession moderation', () => {
  it('kicks: the member goes offline in every window', async () => {
    const { session, backend, lastPeople } = setup([])
    await session.start()
    backend.push(joined('v_a', 11_000, 'Alice'))
    expect(await session.kick('v_a', 'spam')).toEqual({ userId: 'v_a' })
    expect(backend.calls).toEqual(['kick v_a spam'])
    expect(lastPeople().members[0]).toMatchObject({ userId: 'v_a', online: false })
  })

  it('a refused kick changes nothing and reaches the caller with its code', async () => {
    const { session, backend } = setup([])
    await session.start()
    backend.push(joined('v_a', 11_000))
    backend.refuse = new RoomError(10007, 'The group owner cannot be removed')
    await expect(session.kick('v_a')).rejects.toMatchObject({ code: 10007 })
    expect(session.snapshot().people.members[0]).toMatchObject({ online: true })
  })

  it('bans until a time, tells every window, lifts a ban with 0, and ends one on the clock', async () => {
    const { session, backend, clock, lastPeople } = setup([])
    await session.start()
    backend.push(joined('v_a', 11_000))
    expect(await session.ban('v_a', 3600)).toEqual({ userId: 'v_a', banUntil: 3_610_000 })
    expect(lastPeople().members[0]).toMatchObject({ online: false, banUntil: 3_610_000 })
    expect(lastPeople().bans).toEqual([{ userId: 'v_a', banUntil: 3_610_000 }])
    expect(await session.ban('v_a', 0)).toEqual({ userId: 'v_a', banUntil: 0 })
    expect(lastPeople().bans).toEqual([])
    backend.push({ type: 'member-banned', userId: 'v_a', banUntil: 20_000, operatorId: 'mod' })
    expect(lastPeople().members[0]!.banUntil).toBe(20_000)
    clock.advance(10_001)
    expect(lastPeople().members[0]!.banUntil).toBe(0)
    expect(lastPeople().bans).toEqual([])
  })

  it('mirrors mute-all from the join, the room and its own switch, once per change', async () => {
    const { session, backend, events } = setup([], true)
    await session.start()
    expect(session.snapshot().muteAll).toBe(true)
    const muteAllEvents = () => events.filter((e) => e.name === 'room:mute-all-changed')
    backend.push({ type: 'mute-all', on: true, operatorId: '' })
    expect(muteAllEvents()).toEqual([])
    expect(await session.setMuteAll(false)).toEqual({ muteAll: false })
    // The room's own push of the same change arrives after the answer: no second event.
    backend.push({ type: 'mute-all', on: false, operatorId: 'administrator' })
    backend.push({ type: 'mute-all', on: true, operatorId: 'administrator' })
    expect(muteAllEvents()).toEqual([
      { name: 'room:mute-all-changed', payload: { muteAll: false, operatorId: 'anchor' } },
      { name: 'room:mute-all-changed', payload: { muteAll: true, operatorId: 'administrator' } },
    ])
    expect(session.snapshot().muteAll).toBe(true)
  })
})

describe('RoomSession: room state and profile (issue 12)', () => {
  const state = (over: Partial<RoomState> = {}): RoomState => ({
    state: 'live',
    showId: 's1',
    since: 1000,
    scheduledAt: null,
    replayUrl: null,
    startedAt: 1000,
    endedAt: null,
    title: '',
    cause: null,
    endsAt: null,
    ...over,
  })

  it('keeps the newer of the message and the attribute, whichever comes first', async () => {
    const { backend, events, session } = setup()
    await session.start()
    backend.push({ type: 'room-state', state: state({ state: 'paused', since: 2000 }) })
    // The attribute of the change before arrives late: it is older and changes nothing.
    backend.push({ type: 'room-state', state: state({ since: 1000 }) })
    expect(session.snapshot().roomState).toMatchObject({ state: 'paused', since: 2000 })
    expect(events.filter((e) => e.name === 'room:state-changed')).toHaveLength(1)
  })

  it('takes a rename or a new notice from anywhere into its snapshot and tells the renderer', async () => {
    const { backend, events, session } = setup()
    await session.start()
    backend.push({ type: 'profile', name: 'Renamed by REST', operatorId: 'administrator' })
    backend.push({ type: 'profile', notification: 'Be right back', operatorId: 'mod1' })
    expect(session.snapshot()).toMatchObject({
      name: 'Renamed by REST',
      notice: { notification: 'Be right back', introduction: '' },
    })
    expect(events.filter((e) => e.name === 'room:profile-changed').at(-1)?.payload).toEqual({
      name: 'Renamed by REST',
      notice: {
        notification: 'Be right back',
        introduction: '',
        history: [
          { at: 10_000, operatorId: 'administrator', fields: ['name'] },
          { at: 10_000, operatorId: 'mod1', fields: ['notification'] },
        ],
      },
    })
  })
})
