import { describe, expect, it } from 'vitest'
import {
  CHAT_LIMIT,
  type ChatMessage,
  type RoomMember,
  type RoomSnapshot,
} from '../../../src-shared/contract'
import {
  initialRoomState,
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

const shed = (Low: number) => ({ High: 0, Normal: 0, Low, Lowest: 0 })

const snapshot = (overrides: Partial<RoomSnapshot> = {}): RoomSnapshot => ({
  roomId: 'room-1',
  name: 'Friday show',
  selfUserId: 'anchor',
  connection: 'connected',
  viewerUrl: 'http://127.0.0.1:1/room/room-1',
  muteAll: false,
  messages: [msg(1), msg(2)],
  online: { count: 3, peak: 8 },
  people: {
    members: [member('bob', { muteUntil: 9_000 })],
    mutes: [
      { userId: 'bob', muteUntil: 9_000 },
      { userId: 'gone', muteUntil: 7_000 },
    ],
    bans: [{ userId: 'eve', banUntil: 50_000 }],
  },
  delivery: { load: null, shedRecent: shed(4), tightRecent: 2 },
  roomState: null,
  notice: { notification: '', introduction: '', history: [] },
  lottery: null,
  audience: null,
  ...overrides,
})

const loaded = (): RoomState =>
  roomReducer(initialRoomState, { type: 'snapshot', snapshot: snapshot() })

describe('roomReducer (the console’s mirror of main’s room)', () => {
  it('takes the snapshot as it is: chat, online count and peak, people, delivery', () => {
    const state = loaded()
    expect(state).toMatchObject({
      loaded: true,
      name: 'Friday show',
      online: { count: 3, peak: 8 },
      delivery: { load: null, shedRecent: shed(4), tightRecent: 2 },
    })
    expect(state.members.map((m) => m.userId)).toEqual(['bob'])
    expect([...state.mutes]).toEqual([
      ['bob', 9_000],
      ['gone', 7_000],
    ])
    expect([...state.bans]).toEqual([['eve', 50_000]])
  })

  it('applies main’s events: lines appended, count with main’s peak, people and delivery replaced', () => {
    const state = roomReducer(loaded(), {
      type: 'events',
      events: [
        { name: 'room:messages-received', payload: [msg(3)] },
        { name: 'room:online-changed', payload: { count: 9, peak: 9, at: 1_000 } },
        {
          name: 'room:people-changed',
          payload: { members: [member('carol')], mutes: [], bans: [] },
        },
        { name: 'room:connection-changed', payload: { state: 'reconnecting' } },
        { name: 'room:mute-all-changed', payload: { muteAll: true, operatorId: 'anchor' } },
        {
          name: 'room:delivery-changed',
          payload: { load: null, shedRecent: shed(0), tightRecent: 0 },
        },
      ],
    })
    expect(state.messages.map((m) => m.sequence)).toEqual([1, 2, 3])
    expect(state.online).toEqual({ count: 9, peak: 9 })
    expect(state.members.map((m) => m.userId)).toEqual(['carol'])
    expect(state.mutes.size).toBe(0)
    expect(state).toMatchObject({
      connection: 'reconnecting',
      muteAll: true,
      delivery: { shedRecent: shed(0), tightRecent: 0 },
    })
  })

  it(`keeps only the newest ${CHAT_LIMIT} lines through a chat storm`, () => {
    let state = loaded()
    const storm = Array.from({ length: CHAT_LIMIT + 100 }, (_, i) => msg(i + 3))
    state = roomReducer(state, {
      type: 'events',
      events: [{ name: 'room:messages-received', payload: storm }],
    })
    expect(state.messages).toHaveLength(CHAT_LIMIT)
    expect(state.messages.at(-1)!.sequence).toBe(CHAT_LIMIT + 102)
  })

  it('keeps lines that arrived before a (re-fetched) snapshot answered, without duplicates', () => {
    let state = roomReducer(loaded(), {
      type: 'events',
      events: [{ name: 'room:messages-received', payload: [msg(3), msg(4)] }],
    })
    state = roomReducer(state, {
      type: 'snapshot',
      snapshot: snapshot({ messages: [msg(2), msg(3)] }),
    })
    expect(state.messages.map((m) => m.sequence)).toEqual([2, 3, 4])
  })

  it('replaces the room when main says a new session began (a join that ended, a retry)', () => {
    const next = roomReducer(loaded(), {
      type: 'events',
      events: [
        { name: 'room:messages-received', payload: [msg(3)] },
        {
          name: 'room:snapshot-replaced',
          payload: snapshot({ name: 'Tencent room', messages: [], connection: 'disconnected' }),
        },
        { name: 'room:messages-received', payload: [msg(1, 'carol')] },
      ],
    })
    expect(next).toMatchObject({ name: 'Tencent room', connection: 'disconnected' })
    // What came before the new session in the batch is its past; what came after, its present.
    expect(next.messages.map((m) => m.from)).toEqual(['carol'])
  })

  it('mirrors the room state and a rename or notice change from anywhere (issue 12)', () => {
    const liveState = {
      state: 'paused' as const,
      showId: 's1',
      since: 2000,
      scheduledAt: null,
      replayUrl: null,
      startedAt: 1000,
      endedAt: null,
      title: '',
      cause: { by: 'stream' as const, errcode: 3 },
      endsAt: 302_000,
    }
    const next = roomReducer(loaded(), {
      type: 'events',
      events: [
        { name: 'room:state-changed', payload: liveState },
        {
          name: 'room:profile-changed',
          payload: {
            name: 'Renamed',
            notice: {
              notification: 'Back at 9',
              introduction: 'Hi',
              history: [{ at: 5, operatorId: 'administrator', fields: ['name', 'notification'] }],
            },
          },
        },
      ],
    })
    expect(next).toMatchObject({
      liveState,
      name: 'Renamed',
      notice: {
        notification: 'Back at 9',
        introduction: 'Hi',
        history: [{ operatorId: 'administrator' }],
      },
    })
  })

  it('returns the same state when a batch changes nothing it shows', () => {
    const state = loaded()
    expect(roomReducer(state, { type: 'events', events: [] })).toBe(state)
  })
})
