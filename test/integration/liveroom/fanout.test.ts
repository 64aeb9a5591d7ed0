import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../../src-shared/protocol/codes'
import type { ServerFrame } from '../../../src-shared/protocol/frames'
import { type Ack, joinMain, leaveNotice, startTestRoom, type TestClient, text } from './helpers'

const sequencesOf = (client: TestClient): number[] =>
  client.framesOf('message').map((frame) => frame.message.sequence)

/** Waits until `client` has received `count` messages (a frame it expects last, then counts). */
async function received(client: TestClient, count: number): Promise<void> {
  await client.waitFor((f: ServerFrame) => f.type === 'message' && f.message.sequence === count)
}

describe('message fan-out across protocol versions', () => {
  it('gives version 3 clients messages batches and version 1 and 2 clients a frame per message, all in one room', async () => {
    const t = await startTestRoom({ floodLimit: false })
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: v3 } = await joinMain(t.room, 'v_new', { version: 3 })
    const { client: v2 } = await joinMain(t.room, 'v_old', { version: 2 })
    const { client: v1 } = await joinMain(t.room, 'v_oldest', { version: 1 })

    const acks: Promise<Ack>[] = []
    for (let i = 1; i <= 30; i++) {
      acks.push(owner.request({ type: 'send', groupId: 'main', msgBody: text(`line ${i}`) }))
    }
    expect((await Promise.all(acks)).every((ack) => ack.code === 0)).toBe(true)
    for (const client of [owner, v3, v2, v1]) await received(client, 30)

    const all = Array.from({ length: 30 }, (_, i) => i + 1)
    for (const client of [owner, v3, v2, v1]) expect(sequencesOf(client)).toEqual(all)
    // On the wire: batches for version 3, never a single `message`; the reverse for 1 and 2.
    const wireTypes = (client: TestClient) =>
      new Set(client.raw.filter((f) => f.type.startsWith('message')).map((f) => f.type))
    expect(wireTypes(v3)).toEqual(new Set(['messages']))
    expect(wireTypes(owner)).toEqual(new Set(['messages']))
    expect(wireTypes(v2)).toEqual(new Set(['message']))
    expect(wireTypes(v1)).toEqual(new Set(['message']))
    // Each batch carries its messages whole, in order.
    const batched = v3.raw.flatMap((f) => (f.type === 'messages' ? f.messages : []))
    expect(batched.map((m) => m.sequence)).toEqual(all)
    expect(batched[4]).toMatchObject({ from: 'anchor', msgBody: text('line 5') })
  })

  it('closes a client that stops reading with 4007 without holding up the others; it may rejoin and take the history', async () => {
    // 64 KiB instead of 1 MiB keeps the test short; the kernel's socket buffers come on top.
    const t = await startTestRoom({
      floodLimit: false,
      maxMessagesPerSecond: 10_000,
      maxBufferedBytes: 64 * 1024,
    })
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: fast3 } = await joinMain(t.room, 'v_fast3', { version: 3 })
    const { client: fast2 } = await joinMain(t.room, 'v_fast2', { version: 2 })
    const { client: slow } = await joinMain(t.room, 'v_slow', { version: 3 })
    slow.ws.pause()

    let dropped = false
    void leaveNotice(fast3, 'v_slow').then(
      () => (dropped = true),
      () => {},
    )
    const line = 'x'.repeat(2000)
    let sent = 0
    // Sends until the room lets the slow client go (a few MB: its socket buffers fill first).
    while (!dropped && sent < 10_000) {
      const acks: Promise<Ack>[] = []
      for (let i = 0; i < 100; i++) {
        acks.push(owner.request({ type: 'send', groupId: 'main', msgBody: text(line) }))
      }
      await Promise.all(acks)
      sent += 100
      // A round trip lets a pending membership notice arrive before the next round.
      await fast3.request({ type: 'ping' })
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    await leaveNotice(fast3, 'v_slow')

    // The others got every message, in order.
    for (const client of [fast3, fast2]) {
      await received(client, sent)
      expect(sequencesOf(client)).toEqual(Array.from({ length: sent }, (_, i) => i + 1))
    }
    // Once it reads again, the slow client finds what was queued, the kick, and the close.
    slow.ws.resume()
    expect(await slow.closed).toMatchObject({ code: CloseCode.slowConsumer })
    expect(slow.framesOf('kicked')).toEqual([
      { type: 'kicked', reason: 'slowConsumer', code: CloseCode.slowConsumer },
    ])
    expect(sequencesOf(slow).length).toBeLessThan(sent)

    const { ack } = await joinMain(t.room, 'v_slow', { version: 3 })
    expect(ack.code).toBe(0)
    const history = (ack.data as { history: { sequence: number }[] }).history
    expect(history.at(-1)?.sequence).toBe(sent)
    // Some MB must pass before the kernel's buffers fill; on two busy cores that takes a while.
  }, 90_000)
})
