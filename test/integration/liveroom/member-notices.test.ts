import { describe, expect, it } from 'vitest'
import { Limits } from '../../../src-shared/protocol/codes'
import type { ServerFrame } from '../../../src-shared/protocol/frames'
import {
  joinMain,
  joinNotice,
  login,
  rest,
  startTestRoom,
  type TestClient,
  type TestTime,
  testTime,
  type TestRoom,
} from './helpers'

let t: TestRoom | undefined

/** A room whose notice timer fires only when the test moves its clock. */
async function startRoom(): Promise<TestTime> {
  const time = testTime()
  t = await startTestRoom({ now: time.now, setTimer: time.setTimer })
  return time
}

async function join(userId: string, options: Parameters<typeof joinMain>[2] = {}) {
  const joined = await joinMain(t!.room, userId, options)
  return joined
}

const onlineCountOf = (ack: Awaited<ReturnType<typeof joinMain>>['ack']): number =>
  (ack.data as { group: { onlineCount: number } }).group.onlineCount

/**
 * The pushes a client received from `from` on, up to a ping's answer. The server sends a
 * connection's frames in order, so whatever the notice sent arrived before that answer.
 */
async function pushesSince(client: TestClient, from: number): Promise<ServerFrame[]> {
  await client.request({ type: 'ping' })
  return client.frames.slice(from).filter((frame) => frame.type !== 'ack')
}

/** Moves the clock over the notice interval, so the pending notice (if any) goes out. */
const flush = (time: TestTime) => time.advance(1000)

describe('membership notices', () => {
  it('tells each member of a mass join once, with the joiners and the count, not once per joiner', async () => {
    const time = await startRoom()
    const { client: anchor } = await join('anchor')
    const { client: watcher } = await join('v_watch')
    flush(time)
    await joinNotice(anchor, 'v_watch')

    const anchorFrom = anchor.frames.length
    const watcherFrom = watcher.frames.length
    const joiners: TestClient[] = []
    for (let i = 0; i < 25; i++) {
      const { client, ack } = await join(`v_${i}`, { nick: `Viewer ${i}` })
      // The joiner has the right count at once, in its ack.
      expect(onlineCountOf(ack)).toBe(3 + i)
      joiners.push(client)
    }
    // Nothing is pushed before the interval ends.
    expect(await pushesSince(anchor, anchorFrom)).toEqual([])
    flush(time)

    const expected = [
      {
        type: 'members-changed',
        groupId: 'main',
        joined: Array.from({ length: 25 }, (_, i) =>
          expect.objectContaining({ userId: `v_${i}`, nick: `Viewer ${i}`, role: 'Member' }),
        ),
        left: [],
        joinedCount: 25,
        leftCount: 0,
      },
      { type: 'online-count', groupId: 'main', count: 27 },
    ]
    expect(await pushesSince(anchor, anchorFrom)).toEqual(expected)
    expect(await pushesSince(watcher, watcherFrom)).toEqual(expected)
    // The first joiner was told 3 in its ack and now learns 27; the last already knew 27.
    expect(await pushesSince(joiners[0]!, 0)).toEqual(expected)
    expect(await pushesSince(joiners[24]!, 0)).toEqual([expected[0]])
  })

  it('nets out a join and a leave in the same interval and keeps the count right', async () => {
    const time = await startRoom()
    const { client: anchor } = await join('anchor')
    const { client: stays } = await join('v_stays')
    const { client: leaves } = await join('v_leaves')
    const { client: returns } = await join('v_returns')
    flush(time)
    await joinNotice(anchor, 'v_returns')
    const from = anchor.frames.length

    // Joins and leaves within one interval: a visitor who comes and goes is never announced;
    // someone who leaves and comes back is announced as joined again (a new joinTime).
    const { client: visitor } = await join('v_visitor')
    expect((await visitor.request({ type: 'quit', groupId: 'main' })).code).toBe(0)
    await leaves.close()
    expect((await returns.request({ type: 'quit', groupId: 'main' })).code).toBe(0)
    time.advance(10)
    const rejoined = await returns.request({ type: 'join', groupId: 'main' })
    expect(onlineCountOf(rejoined)).toBe(3)
    flush(time)

    expect(await pushesSince(anchor, from)).toEqual([
      {
        type: 'members-changed',
        groupId: 'main',
        joined: [expect.objectContaining({ userId: 'v_returns', joinTime: time.now() - 1000 })],
        left: ['v_leaves'],
        joinedCount: 1,
        leftCount: 1,
      },
      { type: 'online-count', groupId: 'main', count: 3 },
    ])
    // v_stays saw the same notice; the visitor, gone, saw none of it.
    expect((await pushesSince(stays, 0)).filter((f) => f.type === 'online-count').at(-1)).toEqual({
      type: 'online-count',
      groupId: 'main',
      count: 3,
    })
    expect(
      (await pushesSince(visitor, 0)).filter(
        (f) => f.type === 'members-changed' || f.type === 'online-count',
      ),
    ).toEqual([])
  })

  it('sends nothing when nothing changed, or when the changes cancel out', async () => {
    const time = await startRoom()
    const { client: anchor } = await join('anchor')
    await join('v_one')
    flush(time)
    await joinNotice(anchor, 'v_one')
    const from = anchor.frames.length

    flush(time)
    expect(await pushesSince(anchor, from)).toEqual([])

    const { client: visitor } = await join('v_visitor')
    await visitor.close()
    flush(time)
    flush(time)
    expect(await pushesSince(anchor, from)).toEqual([])
  })

  it('tells of pending joins before a kick or ban that names the joiner', async () => {
    const time = await startRoom()
    const { client: anchor } = await join('anchor')
    flush(time)
    await joinNotice(anchor, 'anchor')
    const from = anchor.frames.length

    // Both join within this interval; each removal sends the pending notice first, so members
    // hear of a join before the removal that names the joiner, and of the leave after it.
    await join('v_kicked')
    await join('v_banned')
    expect((await anchor.request({ type: 'kick', groupId: 'main', userId: 'v_kicked' })).code).toBe(
      0,
    )
    expect(
      (await anchor.request({ type: 'ban', groupId: 'main', userId: 'v_banned', seconds: 60 }))
        .code,
    ).toBe(0)
    flush(time)

    const notices = (await pushesSince(anchor, from)).map((f) =>
      f.type === 'members-changed'
        ? { joined: f.joined.map((m) => m.userId), left: f.left }
        : f.type === 'online-count'
          ? f.count
          : f.type,
    )
    expect(notices).toEqual([
      { joined: ['v_kicked', 'v_banned'], left: [] },
      3,
      'member-kicked',
      { joined: [], left: ['v_kicked'] },
      2,
      'member-banned',
      { joined: [], left: ['v_banned'] },
      1,
    ])
    // With nothing pending, a removal sends no early notice.
    await join('v_quiet')
    flush(time)
    await joinNotice(anchor, 'v_quiet')
    const before = anchor.frames.length
    expect((await anchor.request({ type: 'kick', groupId: 'main', userId: 'v_quiet' })).code).toBe(
      0,
    )
    expect((await pushesSince(anchor, before)).map((f) => f.type)).toEqual(['member-kicked'])
  })

  it('names at most the latest 40 joiners of an interval and counts the rest', async () => {
    const time = await startRoom()
    const { client: anchor } = await join('anchor')
    flush(time)
    await joinNotice(anchor, 'anchor')
    const from = anchor.frames.length
    const total = Limits.maxMemberChangesListed + 5
    for (let i = 0; i < total; i++) await join(`v_${i}`)
    flush(time)

    const [notice, count] = await pushesSince(anchor, from)
    expect(notice).toMatchObject({ type: 'members-changed', joinedCount: total, leftCount: 0 })
    expect(notice?.type === 'members-changed' && notice.joined.map((m) => m.userId)).toEqual(
      Array.from({ length: Limits.maxMemberChangesListed }, (_, i) => `v_${i + 5}`),
    )
    expect(count).toEqual({ type: 'online-count', groupId: 'main', count: total + 1 })
  })

  it('tells a version 1 client the same notice as member-left and member-joined frames', async () => {
    const time = await startRoom()
    const { client: legacy } = await join('v_legacy', { version: 1 })
    const { client: gone } = await join('v_gone')
    flush(time)
    await legacy.waitFor((f) => f.type === 'member-joined' && f.member.userId === 'v_gone')
    const from = legacy.frames.length

    await gone.close()
    await join('v_new')
    await join('v_newer')
    flush(time)

    expect(await pushesSince(legacy, from)).toEqual([
      { type: 'member-left', groupId: 'main', userId: 'v_gone' },
      {
        type: 'member-joined',
        groupId: 'main',
        member: expect.objectContaining({ userId: 'v_new' }),
      },
      {
        type: 'member-joined',
        groupId: 'main',
        member: expect.objectContaining({ userId: 'v_newer' }),
      },
      { type: 'online-count', groupId: 'main', count: 3 },
    ])
    expect(legacy.framesOf('members-changed')).toEqual([])
  })

  it('drops the pending notice of a room that was destroyed', async () => {
    const time = await startRoom()
    const { client: anchor } = await join('anchor')
    flush(time)
    await joinNotice(anchor, 'anchor')
    const viewer = await login(t!.room, 'v_late')
    await viewer.request({ type: 'join', groupId: 'main' })
    const from = anchor.frames.length
    expect(
      (await rest(t!, 'group_open_http_svc/destroy_group', { GroupId: 'main' })).ErrorCode,
    ).toBe(0)
    flush(time)
    expect(await pushesSince(anchor, from)).toEqual([
      { type: 'group-dismissed', groupId: 'main', operatorId: 'administrator' },
    ])
  })
})
