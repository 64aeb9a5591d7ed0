import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import type {
  Member,
  ProtocolVersion,
  ServerFrame,
  WireMessage,
} from '../../../src-shared/protocol/frames'
import type { ClientPort } from '../../../src-main/liveroom/client-port'
import {
  maxTickMs,
  type Pacer,
  shortFlushMs,
  sizeTickMs,
  tickMs,
} from '../../../src-main/liveroom/message-pacing'
import { Room } from '../../../src-main/liveroom/room'
import { SharedFrame } from '../../../src-main/liveroom/shared-frame'
import type { GroupProfile } from '../../../src-main/liveroom/store'
import { manualClock } from '../../support/manual-clock'

/** ws's own frame parser (untyped in @types/ws): the reader every Node client of the room uses. */
interface FrameReader {
  on(event: 'message', listener: (data: Buffer) => void): void
  write(chunk: Buffer): void
}
const { Receiver } = createRequire(import.meta.url)('ws') as {
  Receiver: new (options: { isServer: boolean }) => FrameReader
}

const profile = { groupId: 'main', name: 'Main', ownerId: 'anchor' } as GroupProfile

/** A port that takes shared frames as the WebSocket server does: the same frame object for all. */
class FakePort implements ClientPort {
  readonly received: (string | SharedFrame)[] = []
  sendText(text: string): void {
    this.received.push(text)
  }
  sendShared(frame: SharedFrame): void {
    this.received.push(frame)
  }
  close(): void {}
  frames(): ServerFrame[] {
    return this.received
      .splice(0)
      .map((item) => JSON.parse(typeof item === 'string' ? item : item.text) as ServerFrame)
  }
}

const member = (userId: string): Member => ({ userId, nick: userId, role: 'Member', joinTime: 1 })
const message = (sequence: number): WireMessage => ({
  ID: `m${sequence}`,
  to: 'main',
  sequence,
  from: 'anchor',
  nick: 'anchor',
  time: sequence,
  priority: 'Normal',
  msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `line ${sequence}` } }],
})

function pacedRoom() {
  const clock = manualClock(0)
  const pacer: Pacer = { now: clock.now, later: clock.setTimer }
  const room = new Room(profile, pacer)
  const seat = (userId: string, version: ProtocolVersion): FakePort => {
    const port = new FakePort()
    room.add(port, member(userId), version)
    return port
  }
  return { clock, room, seat }
}

const sequences = (frames: ServerFrame[]) =>
  frames.map((f) =>
    f.type === 'messages'
      ? f.messages.map((m) => m.sequence)
      : f.type === 'message'
        ? f.message.sequence
        : f.type,
  )

describe('a room’s message fan-out', () => {
  it('paces batches by room size: at once in a small room, up to 100 ms in a big one', () => {
    expect(tickMs(1)).toBe(0)
    expect(tickMs(1000)).toBe(10)
    expect(tickMs(10_000)).toBe(sizeTickMs)
    expect(tickMs(50_000)).toBe(sizeTickMs)
  })

  it('stretches the tick to twice the last flush’s writing time once a flush is long, up to half a second', () => {
    expect(tickMs(10_000, 30)).toBe(100)
    expect(tickMs(10_000, 120)).toBe(240)
    // A short flush (1,000 viewers on a quiet machine, 12 ms at the median) keeps the size tick.
    expect(tickMs(1000, shortFlushMs)).toBe(10)
    expect(tickMs(1000, 25)).toBe(50)
    expect(tickMs(10_000, 400)).toBe(maxTickMs)
    expect(maxTickMs).toBe(500)
  })

  /** A room of 1,000 whose every socket write takes `perWrite` ms of the pacer's time. */
  function writingRoom(perWrite: number) {
    const clock = manualClock(0)
    let written = 0
    const pacer: Pacer = { now: () => clock.now() + written, later: clock.setTimer }
    const room = new Room(profile, pacer)
    const ports = Array.from({ length: 1000 }, (_, i) => {
      const port = new FakePort()
      port.sendShared = (frame) => {
        written += perWrite
        port.received.push(frame)
      }
      room.add(port, member(`v_${i}`), 3)
      return port
    })
    return { clock, room, last: ports[999]! }
  }

  it('counts a tick from the start of the last flush, so writing is half the loop, not a third', () => {
    // 1/32 ms a write (exact in binary): a flush to 1,000 viewers takes 31.25 ms.
    const { clock, room, last } = writingRoom(1 / 32)
    room.deliver(message(1)) // flushes from 0 to 31.25 ms: the next tick is 2 × 31.25 ms from 0
    expect(tickMs(1000, 31.25)).toBe(63)
    clock.advance(31) // 62.25 ms: not yet
    room.deliver(message(2))
    expect(sequences(last.frames())).toEqual([[1]])
    clock.advance(1) // 63.25 ms: the tick has elapsed, though only 32 ms passed since writing ended
    expect(sequences(last.frames())).toEqual([[2]])
  })

  it('does not hold a message back for a short flush: the bare broadcast would not either', () => {
    // 1/64 ms a write: a flush of 15.625 ms, under shortFlushMs; the size tick (10 ms) has passed.
    const { room, last } = writingRoom(1 / 64)
    room.deliver(message(1))
    room.deliver(message(2))
    expect(sequences(last.frames())).toEqual([[1], [2]])
  })

  it('sends version 3 members one batch per tick and older versions a frame per message at once', () => {
    const { clock, room, seat } = pacedRoom()
    const old = seat('v_old', 2)
    const oldest = seat('v_oldest', 1)
    const batchers = Array.from({ length: 1000 }, (_, i) => seat(`v_${i}`, 3))
    expect(tickMs(1000)).toBe(10)

    room.deliver(message(1)) // the tick has elapsed: out at once
    clock.advance(2)
    room.deliver(message(2))
    clock.advance(3)
    room.deliver(message(3))
    expect(sequences(batchers[0]!.frames())).toEqual([[1]])
    clock.advance(4)
    expect(batchers[999]!.received).toHaveLength(1)
    clock.advance(1) // 10 ms after the first flush
    expect(sequences(batchers[999]!.frames())).toEqual([[1], [2, 3]])
    expect(sequences(old.frames())).toEqual([1, 2, 3])
    expect(sequences(oldest.frames())).toEqual([1, 2, 3])

    // Every member of a version got the very same frame object: serialized and encoded once.
    expect(new Set(batchers.slice(1, 999).map((port) => port.received[1])).size).toBe(1)
  })

  it('lets no other frame overtake a waiting batch, and gives a joiner nothing twice', () => {
    const { clock, room, seat } = pacedRoom()
    const batchers = Array.from({ length: 1000 }, (_, i) => seat(`v_${i}`, 3))
    room.deliver(message(1))
    room.deliver(message(2))
    room.broadcast({
      type: 'message-recalled',
      groupId: 'main',
      sequence: 2,
      operatorId: 'anchor',
      reason: '',
    })
    expect(sequences(batchers[0]!.frames())).toEqual([[1], [2], 'message-recalled'])

    clock.advance(20)
    room.deliver(message(3))
    room.deliver(message(4))
    // A joiner's history is read after it is seated: what was waiting went out before.
    const joiner = seat('v_late', 3)
    room.deliver(message(5))
    clock.advance(10)
    expect(sequences(batchers[0]!.frames())).toEqual([[3], [4], [5]])
    expect(sequences(joiner.frames())).toEqual([[5]])
    expect(clock.pending()).toBe(0)
  })

  it('sends nothing after the room is disposed', () => {
    const { clock, room, seat } = pacedRoom()
    const batchers = Array.from({ length: 1000 }, (_, i) => seat(`v_${i}`, 3))
    room.deliver(message(1))
    room.deliver(message(2))
    room.dispose()
    clock.advance(100)
    expect(sequences(batchers[0]!.frames())).toEqual([[1]])
    expect(clock.pending()).toBe(0)
  })
})

describe('SharedFrame', () => {
  it('builds a WebSocket text frame that ws reads back as the same text, at every length size', async () => {
    for (const length of [0, 125, 126, 65_535, 65_536, 200_000]) {
      const text = 'é'.repeat(Math.floor(length / 2)) + 'x'.repeat(length % 2)
      const receiver = new Receiver({ isServer: false })
      const read = new Promise<string>((resolve) =>
        receiver.on('message', (data: Buffer) => resolve(data.toString('utf8'))),
      )
      receiver.write(new SharedFrame(text).wire)
      expect(await read).toBe(text)
    }
  })
})
