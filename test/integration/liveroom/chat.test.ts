import { describe, expect, it } from 'vitest'
import { ErrorCode, Limits } from '../../../src-shared/protocol/codes'
import { messageText, type WireMessage } from '../../../src-shared/protocol/frames'
import {
  joinMain,
  joinNotice,
  leaveNotice,
  login,
  rest,
  startTestRoom,
  testClock,
  text,
} from './helpers'

describe('rooms and messages', () => {
  it('joins the default room as Owner or Member with its snapshot', async () => {
    const t = await startTestRoom()
    const { ack: owner } = await joinMain(t.room, 'anchor')
    expect(owner).toMatchObject({
      code: 0,
      data: {
        group: { groupId: 'main', name: 'LiveDesk room', ownerId: 'anchor', onlineCount: 1 },
        self: { role: 'Owner', muteUntil: 0 },
        history: [],
      },
    })
    const { ack: viewer } = await joinMain(t.room, 'v_viewer1')
    expect(viewer).toMatchObject({ code: 0, data: { self: { role: 'Member' } } })
  })

  it('answers 10010 for a group that does not exist', async () => {
    const t = await startTestRoom()
    const client = await login(t.room, 'alice')
    const ack = await client.request({ type: 'join', groupId: 'nope' })
    expect(ack.code).toBe(ErrorCode.groupNotFound)
    expect(ack).toMatchObject({ message: expect.stringContaining('nope') })
  })

  it('delivers messages to every member in order, with nick and sequence', async () => {
    const t = await startTestRoom()
    const { client: alice } = await joinMain(t.room, 'alice', { nick: 'Alice' })
    const { client: bob } = await joinMain(t.room, 'bob')

    for (const line of ['one', 'two', 'three']) {
      const ack = await alice.request({ type: 'send', groupId: 'main', msgBody: text(line) })
      expect(ack.code).toBe(0)
    }
    await bob.waitFor((f) => f.type === 'message' && f.message.sequence === 3)
    const received = bob.framesOf('message').map((f) => f.message)
    expect(received.map((m) => [m.sequence, m.from, m.nick, messageText(m)])).toEqual([
      [1, 'alice', 'Alice', 'one'],
      [2, 'alice', 'Alice', 'two'],
      [3, 'alice', 'Alice', 'three'],
    ])
    expect(received.every((m) => m.to === 'main' && m.priority === 'Normal')).toBe(true)
    // The sender gets its own message too, like every member.
    await alice.waitFor((f) => f.type === 'message' && f.message.sequence === 3)
  })

  it('acks with the stored message and keeps the priority', async () => {
    const t = await startTestRoom()
    const { client } = await joinMain(t.room, 'alice')
    const ack = await client.request({
      type: 'send',
      groupId: 'main',
      priority: 'Low',
      msgBody: text('a like'),
    })
    expect(ack).toMatchObject({
      code: 0,
      data: { message: { from: 'alice', nick: 'alice', sequence: 1, priority: 'Low' } },
    })
  })

  it('lets the hosts send at High and a viewer only up to Normal, unless the room allows more', async () => {
    const t = await startTestRoom()
    const { client: viewer } = await joinMain(t.room, 'v_viewer')
    const { client: owner } = await joinMain(t.room, t.room.ownerId)
    const high = (client: typeof viewer) =>
      client.request({ type: 'send', groupId: 'main', priority: 'High', msgBody: text('!') })
    expect(await high(viewer)).toMatchObject({ code: ErrorCode.noPermission })
    expect(await high(owner)).toMatchObject({ code: 0 })
    expect(
      await rest(t, 'group_open_http_svc/modify_group_base_info', {
        GroupId: 'main',
        AppDefinedData: [{ Key: 'ViewerPriority', Value: 'High' }],
      }),
    ).toMatchObject({ ErrorCode: 0 })
    expect(await high(viewer)).toMatchObject({ code: 0 })
  })

  it('rejects sends outside the joined room', async () => {
    const t = await startTestRoom()
    const client = await login(t.room, 'alice')
    const ack = await client.request({ type: 'send', groupId: 'main', msgBody: text('hi') })
    expect(ack.code).toBe(ErrorCode.notInGroup)
  })

  it('rejects empty text and text over the byte limit', async () => {
    const t = await startTestRoom()
    const { client } = await joinMain(t.room, 'alice')
    const empty = await client.request({ type: 'send', groupId: 'main', msgBody: text('  \n ') })
    expect(empty.code).toBe(ErrorCode.invalidParameter)

    // 683 × 3-byte characters = 2049 bytes: one over, though far under 2048 characters.
    const long = await client.request({
      type: 'send',
      groupId: 'main',
      msgBody: text('가'.repeat(683)),
    })
    expect(long.code).toBe(ErrorCode.messageTooLong)
    expect(long).toMatchObject({ message: expect.stringContaining(String(Limits.maxTextBytes)) })

    const exact = await client.request({
      type: 'send',
      groupId: 'main',
      msgBody: text('a'.repeat(Limits.maxTextBytes)),
    })
    expect(exact.code).toBe(0)
  })

  it('delivers a retried send with the same random only once', async () => {
    const t = await startTestRoom()
    const { client: alice } = await joinMain(t.room, 'alice')
    const { client: bob } = await joinMain(t.room, 'bob')
    const first = await alice.request({
      type: 'send',
      groupId: 'main',
      random: 42,
      msgBody: text('once'),
    })
    const retry = await alice.request({
      type: 'send',
      groupId: 'main',
      random: 42,
      msgBody: text('once'),
    })
    expect(retry.code).toBe(0)
    expect((retry as { data: unknown }).data).toEqual((first as { data: unknown }).data)
    await alice.request({ type: 'send', groupId: 'main', random: 43, msgBody: text('next') })
    await bob.waitFor((f) => f.type === 'message' && f.message.sequence === 2)
    expect(bob.framesOf('message').map((f) => messageText(f.message))).toEqual(['once', 'next'])
  })

  it('delivers the same random again after five minutes', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const { client } = await joinMain(t.room, 'alice')
    await client.request({ type: 'send', groupId: 'main', random: 7, msgBody: text('a') })
    clock.advance(5 * 60_000 + 1)
    const later = await client.request({
      type: 'send',
      groupId: 'main',
      random: 7,
      msgBody: text('a'),
    })
    expect(later).toMatchObject({ code: 0, data: { message: { sequence: 2 } } })
  })

  it('hands a joiner the last 20 messages of the last 24 hours, oldest first', async () => {
    const clock = testClock()
    // One sender fills the history faster than the per-connection flood limit allows.
    const t = await startTestRoom({ now: clock.now, floodLimit: false })
    const { client: alice } = await joinMain(t.room, 'alice')
    await alice.request({ type: 'send', groupId: 'main', msgBody: text('stale') })
    clock.advance(24 * 3600_000 + 1)
    for (let i = 1; i <= 25; i++) {
      await alice.request({ type: 'send', groupId: 'main', msgBody: text(`m${i}`) })
    }
    const { ack } = await joinMain(t.room, 'bob')
    const history = (ack as { data: { history: WireMessage[] } }).data.history
    expect(history.map((m) => messageText(m))).toEqual(
      Array.from({ length: 20 }, (_, i) => `m${i + 6}`),
    )
  })

  it('follows joins, quits and disconnects with membership notices and online-count frames', async () => {
    const t = await startTestRoom()
    const { client: alice } = await joinMain(t.room, 'alice')
    const { client: bob } = await joinMain(t.room, 'bob', { nick: 'Bob' })
    const joined = await joinNotice(alice, 'bob')
    expect(joined.joined.find((m) => m.userId === 'bob')).toMatchObject({
      nick: 'Bob',
      role: 'Member',
    })
    await alice.waitFor((f) => f.type === 'online-count' && f.count === 2)

    const { client: carol } = await joinMain(t.room, 'carol')
    await joinNotice(alice, 'carol')
    await alice.waitFor((f) => f.type === 'online-count' && f.count === 3)

    expect((await carol.request({ type: 'quit', groupId: 'main' })).code).toBe(0)
    await leaveNotice(alice, 'carol')
    await leaveNotice(bob, 'carol')
    await bob.waitFor((f) => f.type === 'online-count' && f.count === 2)

    await bob.close()
    await leaveNotice(alice, 'bob')
    await alice.waitFor((f) => f.type === 'online-count' && f.count === 1)
    expect((await carol.request({ type: 'quit', groupId: 'main' })).code).toBe(ErrorCode.notInGroup)
  })

  it('keeps one room per connection: joining another quits the first', async () => {
    const t = await startTestRoom()
    // Groups are created through REST in a later version; here the store makes the second one.
    const { openStore } = await import('../../../src-main/liveroom/store')
    await t.room.close()
    const store = openStore(`${t.dataDir}/liveroom.db`)
    store.groups.create({ groupId: 'second', name: 'Second', ownerId: 'anchor', createdAt: 1 })
    store.close()
    await t.restart()

    const { client: alice } = await joinMain(t.room, 'alice')
    const { client: bob } = await joinMain(t.room, 'bob')
    await joinNotice(alice, 'bob')
    const moved = await bob.request({ type: 'join', groupId: 'second' })
    expect(moved).toMatchObject({ code: 0, data: { group: { groupId: 'second', onlineCount: 1 } } })
    await leaveNotice(alice, 'bob')
    const send = await bob.request({ type: 'send', groupId: 'main', msgBody: text('hi') })
    expect(send.code).toBe(ErrorCode.notInGroup)
  })
})
