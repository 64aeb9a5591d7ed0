import { describe, expect, it } from 'vitest'
import type { ChatMessage, RoomMember, RoomSnapshot } from '../../../src-shared/contract'
import {
  initialRoomState,
  MEMBER_LIMIT,
  nextMuteExpiry,
  roomReducer,
  type RoomState,
} from '../../../src-renderer/console/room-state'

const msg = (sequence: number, from = 'alice'): ChatMessage => ({
  id: `id-${sequence}`,
  sequence,
  from,
  nick: from,
  time: 1_000 + sequence,
  priority: 'Normal',
  type: 'TIMTextElem',
  text: `hello ${sequence}`,
  self: false,
})

const snapshot = (overrides: Partial<RoomSnapshot> = {}): RoomSnapshot => ({
  roomId: 'room-1',
  name: 'Friday show',
  selfUserId: 'anchor',
  onlineCount: 3,
  connection: 'connected',
  messages: [msg(1), msg(2)],
  mutes: [],
  viewerUrl: 'http://127.0.0.1:1/room/room-1',
  muteAll: false,
  members: [],
  ...overrides,
})

const member = (userId: string, overrides: Partial<RoomMember> = {}): RoomMember => ({
  userId,
  nick: userId.toUpperCase(),
  role: 'Member',
  joinTime: 1_000,
  muteUntil: 0,
  banUntil: 0,
  online: true,
  ...overrides,
})
const order = (state: RoomState) => state.members.map((m) => `${m.userId}${m.online ? '' : '-'}`)

const loaded = (now = 0): RoomState =>
  roomReducer(initialRoomState, { type: 'snapshot', snapshot: snapshot(), now })

describe('roomReducer', () => {
  it('mirrors the snapshot, then applies events', () => {
    let state = loaded()
    state = roomReducer(state, {
      type: 'events',
      now: 0,
      events: [
        { name: 'room:messages-received', payload: [msg(3)] },
        { name: 'room:online-count-changed', payload: { count: 9 } },
        { name: 'room:connection-changed', payload: { state: 'reconnecting' } },
      ],
    })
    expect(state.messages.map((m) => m.sequence)).toEqual([1, 2, 3])
    expect(state.onlineCount).toBe(9)
    expect(state.connection).toBe('reconnecting')
    expect(state.name).toBe('Friday show')
  })

  it('keeps only the newest 500 lines through a chat storm', () => {
    let state = loaded()
    for (let batch = 0; batch < 30; batch++) {
      const payload = Array.from({ length: 50 }, (_, i) => msg(3 + batch * 50 + i))
      state = roomReducer(state, {
        type: 'events',
        now: 0,
        events: [{ name: 'room:messages-received', payload }],
      })
    }
    expect(state.messages).toHaveLength(500)
    expect(state.messages.at(-1)?.sequence).toBe(1502)
  })

  it('keeps lines that arrived before a (re-fetched) snapshot answered, without duplicates', () => {
    let state = roomReducer(initialRoomState, {
      type: 'events',
      now: 0,
      events: [{ name: 'room:messages-received', payload: [msg(2), msg(3)] }],
    })
    state = roomReducer(state, { type: 'snapshot', snapshot: snapshot(), now: 0 })
    expect(state.messages.map((m) => m.sequence)).toEqual([1, 2, 3])
  })

  it('tracks mutes from the snapshot and events, and expires them on the clock', () => {
    let state = roomReducer(initialRoomState, {
      type: 'snapshot',
      now: 1_000,
      snapshot: snapshot({
        mutes: [
          { userId: 'bob', muteUntil: 5_000 },
          { userId: 'old', muteUntil: 500 },
        ],
      }),
    })
    expect([...state.mutes.keys()]).toEqual(['bob'])
    state = roomReducer(state, {
      type: 'events',
      now: 1_000,
      events: [
        {
          name: 'moderation:member-muted',
          payload: { userId: 'alice', muteUntil: 61_000, operatorId: 'anchor' },
        },
      ],
    })
    expect(nextMuteExpiry(state.mutes)).toBe(5_000)
    state = roomReducer(state, { type: 'tick', now: 5_001 })
    expect([...state.mutes.keys()]).toEqual(['alice'])
    state = roomReducer(state, {
      type: 'events',
      now: 6_000,
      events: [
        {
          name: 'moderation:member-muted',
          payload: { userId: 'alice', muteUntil: 0, operatorId: 'anchor' },
        },
      ],
    })
    expect(state.mutes.size).toBe(0)
    expect(nextMuteExpiry(state.mutes)).toBeNull()
  })

  it('returns the same state when a tick changes nothing', () => {
    const state = loaded()
    expect(roomReducer(state, { type: 'tick', now: 10 })).toBe(state)
  })
})

describe('roomReducer: members and moderation', () => {
  it('keeps joins newest first and moves leavers to the top of those gone', () => {
    let state = roomReducer(initialRoomState, {
      type: 'snapshot',
      now: 0,
      snapshot: snapshot({
        members: [member('anchor', { role: 'Owner' }), member('old', { online: false })],
      }),
    })
    const joined = (userId: string, joinTime: number) => ({
      name: 'room:member-joined' as const,
      payload: { userId, nick: userId.toUpperCase(), role: 'Member' as const, joinTime },
    })
    state = roomReducer(state, {
      type: 'events',
      now: 0,
      events: [
        joined('a', 2_000),
        joined('b', 3_000),
        { name: 'room:member-left', payload: { userId: 'a' } },
      ],
    })
    expect(order(state)).toEqual(['b', 'anchor', 'a-', 'old-'])
    state = roomReducer(state, {
      type: 'events',
      now: 0,
      events: [
        { name: 'room:member-kicked', payload: { userIds: ['b'], operatorId: 'x', reason: '' } },
        joined('a', 4_000),
      ],
    })
    expect(order(state)).toEqual(['a', 'anchor', 'b-', 'old-'])
    expect(state.members[0]).toMatchObject({ nick: 'A', joinTime: 4_000 })
  })

  it(`keeps at most ${MEMBER_LIMIT} members`, () => {
    let state = loaded()
    const events = Array.from({ length: MEMBER_LIMIT + 30 }, (_, i) => ({
      name: 'room:member-joined' as const,
      payload: { userId: `v${i}`, nick: `V${i}`, role: 'Member' as const, joinTime: i },
    }))
    state = roomReducer(state, { type: 'events', now: 0, events })
    expect(state.members).toHaveLength(MEMBER_LIMIT)
    expect(state.members[0]!.userId).toBe(`v${MEMBER_LIMIT + 29}`)
  })

  it('tracks mute-all from the snapshot and its events', () => {
    let state = roomReducer(initialRoomState, {
      type: 'snapshot',
      now: 0,
      snapshot: snapshot({ muteAll: true }),
    })
    expect(state.muteAll).toBe(true)
    state = roomReducer(state, {
      type: 'events',
      now: 0,
      events: [
        { name: 'room:mute-all-changed', payload: { muteAll: false, operatorId: 'anchor' } },
      ],
    })
    expect(state.muteAll).toBe(false)
  })

  it('tracks bans: a ban takes the member out, 0 lifts it, and the clock ends it', () => {
    let state = roomReducer(initialRoomState, {
      type: 'snapshot',
      now: 0,
      snapshot: snapshot({ members: [member('a'), member('b', { online: false, banUntil: 50 })] }),
    })
    expect([...state.bans]).toEqual([['b', 50]])
    state = roomReducer(state, {
      type: 'events',
      now: 10,
      events: [
        {
          name: 'moderation:member-banned',
          payload: { userId: 'a', banUntil: 5_000, operatorId: 'anchor' },
        },
      ],
    })
    expect(order(state)).toEqual(['a-', 'b-'])
    expect(state.bans.get('a')).toBe(5_000)
    state = roomReducer(state, { type: 'tick', now: 100 })
    expect([...state.bans.keys()]).toEqual(['a'])
    state = roomReducer(state, {
      type: 'events',
      now: 200,
      events: [
        {
          name: 'moderation:member-banned',
          payload: { userId: 'a', banUntil: 0, operatorId: 'anchor' },
        },
      ],
    })
    expect(state.bans.size).toBe(0)
  })

  it("replaces the list with the room's and takes its mutes", () => {
    let state = roomReducer(initialRoomState, {
      type: 'snapshot',
      now: 0,
      snapshot: snapshot({ mutes: [{ userId: 'a', muteUntil: 9_000 }], members: [member('a')] }),
    })
    state = roomReducer(state, {
      type: 'members',
      now: 1_000,
      members: [member('b', { muteUntil: 60_000 }), member('a', { online: true, muteUntil: 0 })],
    })
    expect(order(state)).toEqual(['b', 'a'])
    expect([...state.mutes]).toEqual([['b', 60_000]])
  })
})
