import { describe, expect, it } from 'vitest'
import type { ChatMessage, ContractEvent } from '../../../src-shared/contract'
import type {
  JoinedRoom,
  RoomBackend,
  RoomEvent,
} from '../../../src-main/console/room/room-backend'
import { MAX_CHAT_MESSAGES, RoomSession } from '../../../src-main/console/room/room-session'

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
  onEvent(listener: (e: RoomEvent) => void) {
    this.listener = listener
    return () => (this.listener = null)
  }
  stop = async () => {}
  push(e: RoomEvent) {
    this.listener?.(e)
  }
}

function setup(history: ChatMessage[] = [msg(1), msg(2)]) {
  const backend = new FakeBackend({ roomId: 'main', name: 'Room', onlineCount: 1, history })
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
