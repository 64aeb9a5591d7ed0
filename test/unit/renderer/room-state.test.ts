import { describe, expect, it } from 'vitest'
import type { ChatMessage, RoomSnapshot } from '../../../src-shared/contract'
import {
  initialRoomState,
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
  ...overrides,
})

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
