import { describe, expect, it } from 'vitest'
import type { ChatMessage, ContractEvent, RoomPeople } from '../../../src-shared/contract'
import type { AudienceView } from '../../../src-shared/protocol/audience'
import type {
  JoinedRoom,
  RoomBackend,
  RoomEvent,
} from '../../../src-main/console/room/room-backend'
import { RoomSession } from '../../../src-main/console/room/room-session'
import { manualClock } from '../../support/manual-clock'

/**
 * The console's room keeps the audience figures and the members' levels (issue 12 §3): the
 * newer of the host's message and main's own read, and a level from a chat line or the host.
 */

const unused = () => Promise.reject(new Error('not in this test'))

function setup() {
  let listener: ((e: RoomEvent) => void) | null = null
  const joined: JoinedRoom = {
    roomId: 'main',
    name: 'Room',
    onlineCount: 2,
    history: [],
    muteAll: false,
  }
  const backend: RoomBackend = {
    selfUserId: 'anchor',
    start: async () => joined,
    members: async () => ({
      members: [{ userId: 'ann', role: 'Member', joinTime: 5, muteUntil: 0 }],
      missing: [],
    }),
    onEvent: (l: (e: RoomEvent) => void) => {
      listener = l
      return () => (listener = null)
    },
    stop: async () => {},
    sendText: unused,
    mute: unused,
    unmute: unused,
    kick: unused,
    ban: unused,
    setMuteAll: unused,
    recall: unused,
    setNotice: unused,
  } as unknown as RoomBackend
  const events: ContractEvent[] = []
  const session = new RoomSession({
    backend,
    roomId: 'main',
    viewerUrl: 'http://viewer',
    emit: (name, payload) => events.push({ name, payload } as ContractEvent),
    clock: manualClock(10_000),
  })
  const push = (event: RoomEvent) => listener?.(event)
  const named = (name: ContractEvent['name']) => events.filter((e) => e.name === name)
  return { session, push, named }
}

const view = (fields: Partial<AudienceView>): AudienceView => ({
  showId: 's1',
  concurrent: 2,
  unique: 3,
  peak: 3,
  heat: 20,
  at: 1000,
  ...fields,
})

const line = (from: string, level?: number): ChatMessage => ({
  id: `m-${from}-${level}`,
  sequence: (level ?? 0) + 1,
  from,
  nick: from,
  time: 1,
  priority: 'Normal',
  type: 'TIMTextElem',
  text: 'hi',
  self: false,
  ...(level !== undefined ? { level } : {}),
})

describe('RoomSession audience and levels', () => {
  it('keeps the newer figures, tells them once, and strips the message fields', async () => {
    const { session, push, named } = setup()
    await session.start()
    expect(session.snapshot().audience).toBeNull()
    push({
      type: 'audience',
      audience: {
        ...view({ at: 2000 }),
        businessID: 'LiveDeskAudience',
        version: 1,
      } as AudienceView,
    })
    expect(session.snapshot().audience).toEqual(view({ at: 2000 }))
    // Main's read answered late with older figures: kept out.
    session.applyAudience(view({ at: 1500, heat: 5 }))
    // The same figures again (a later time, nothing new to show): not told again.
    session.applyAudience(view({ at: 2500 }))
    expect(named('room:audience-changed').map((e) => e.payload)).toEqual([view({ at: 2000 })])
    session.applyAudience(view({ at: 3000, heat: 30 }))
    expect(session.snapshot().audience?.heat).toBe(30)
  })

  it('puts a level on a member from their chat lines and from the business host', async () => {
    const { session, push, named } = setup()
    await session.start()
    const members = () => (named('room:people-changed').at(-1)!.payload as RoomPeople).members
    expect(members()[0]).not.toHaveProperty('level')
    push({ type: 'messages', messages: [line('ann', 3)] })
    expect(members()[0]).toMatchObject({ userId: 'ann', level: 3 })
    const told = named('room:people-changed').length
    session.applyLevels({ levels: { ann: 3 } })
    expect(named('room:people-changed')).toHaveLength(told)
    session.applyLevels({ levels: { ann: 4 } })
    expect(members()[0]).toMatchObject({ level: 4 })
    expect(members()[0]).not.toHaveProperty('member')
    // The membership flag, once the host has said, goes with the member (the Moderate menu's).
    session.applyLevels({ levels: { ann: 4 }, memberships: { ann: true } })
    expect(members()[0]).toMatchObject({ level: 4, member: true })
    const flagged = named('room:people-changed').length
    session.applyLevels({ levels: { ann: 4 }, memberships: { ann: true } })
    expect(named('room:people-changed')).toHaveLength(flagged)
    session.applyLevels({ levels: { ann: 4 }, memberships: { ann: false } })
    expect(members()[0]).toMatchObject({ member: false })
  })
})
