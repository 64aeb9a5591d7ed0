import { describe, expect, it } from 'vitest'
import type { AudienceView } from '../../../src-shared/protocol/audience'
import { type AudienceMessage, BusinessId } from '../../../src-shared/protocol/business-messages'
import { businessMessageOf } from '../../../src-shared/protocol/business-messages'
import type { ServerFrame } from '../../../src-shared/protocol/frames'
import { encodeLike } from '../../../src-shared/protocol/gift-messages'
import type { LiveRoom } from '../../../src-main/liveroom'
import {
  joinMain,
  startTestRoom,
  type TestClient,
  type TestClock,
  testTime,
  text,
  waitTimeoutMs,
} from './helpers'

/**
 * The audience capability against a real embedded room and real clients (issue 12 §3): unique
 * viewers against concurrent ones on a rejoin, the peak, per show and across a restart; the heat
 * rising with messages, likes and gifts and decaying; the Low audience message at most once per
 * 5 s, on the manual clock.
 */

const periodMs = 5000

async function setup(clock: TestClock = testTime()) {
  const t = await startTestRoom({
    now: clock.now,
    setTimer: clock.setTimer,
    business: { onlineCount: false, audience: { periodMs } },
  })
  return { t, clock }
}

async function audience(room: LiveRoom): Promise<AudienceView | null> {
  const response = await fetch(`${room.httpUrl}/business/audience?groupId=${room.defaultRoomId}`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { audience: AudienceView | null }).audience
}

/** Reads the figures until `wanted` holds (callbacks run after the join's answer). */
async function audienceWhen(
  room: LiveRoom,
  wanted: (view: AudienceView) => boolean,
): Promise<AudienceView> {
  const giveUpAt = Date.now() + waitTimeoutMs
  for (;;) {
    const view = await audience(room)
    if (view && wanted(view)) return view
    if (Date.now() > giveUpAt)
      throw new Error(`The audience never matched; last ${JSON.stringify(view)}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const figures = ({ concurrent, unique, peak }: AudienceView) => ({ concurrent, unique, peak })

async function act(room: LiveRoom, action: string): Promise<void> {
  const response = await fetch(`${room.httpUrl}/business/room-state/action`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `UserSig ${room.ownerId} ${room.signUserSig(room.ownerId)}`,
    },
    body: JSON.stringify({ groupId: room.defaultRoomId, action }),
  })
  expect(response.status).toBe(200)
}

const audienceMessages = (client: TestClient) =>
  client.frames.flatMap((frame: ServerFrame) => {
    if (frame.type !== 'message') return []
    const business = businessMessageOf(frame.message.msgBody)
    return business?.businessID === BusinessId.audience
      ? [{ business: business as AudienceMessage, priority: frame.message.priority }]
      : []
  })

describe('audience figures', () => {
  it('count a rejoin once in unique viewers, follow concurrent viewers, keep the peak, per show and across a restart', async () => {
    const { t } = await setup()
    const room = t.room
    await act(room, 'start')
    await joinMain(room, 'watcher')
    const { client: ann } = await joinMain(room, 'ann')
    const { client: bob } = await joinMain(room, 'bob')
    expect(figures(await audienceWhen(room, (v) => v.concurrent === 3))).toEqual({
      concurrent: 3,
      unique: 3,
      peak: 3,
    })

    expect((await ann.request({ type: 'quit', groupId: room.defaultRoomId })).code).toBe(0)
    expect(figures(await audienceWhen(room, (v) => v.concurrent === 2))).toEqual({
      concurrent: 2,
      unique: 3,
      peak: 3,
    })
    expect((await ann.request({ type: 'join', groupId: room.defaultRoomId })).code).toBe(0)
    // Ann again: one more watching now, nobody new.
    expect(figures(await audienceWhen(room, (v) => v.concurrent === 3))).toEqual({
      concurrent: 3,
      unique: 3,
      peak: 3,
    })
    await joinMain(room, 'cat')
    await audienceWhen(room, (v) => v.concurrent === 4)
    await bob.close()
    const before = await audienceWhen(room, (v) => v.concurrent === 3)
    expect(figures(before)).toEqual({ concurrent: 3, unique: 4, peak: 4 })

    // A new show starts from who is here.
    await act(room, 'end')
    await act(room, 'start')
    const next = await audienceWhen(room, (v) => v.showId !== before.showId)
    expect(figures(next)).toEqual({ concurrent: 3, unique: 3, peak: 3 })

    // The business host restarts with the room: the show's unique viewers and peak were kept.
    const restarted = await t.restart()
    const kept = await audience(restarted)
    expect(kept).toMatchObject({ showId: next.showId, unique: 3, peak: 3, concurrent: 0 })
    await joinMain(restarted, 'ann')
    await joinMain(restarted, 'dan')
    expect(figures(await audienceWhen(restarted, (v) => v.concurrent === 2))).toEqual({
      concurrent: 2,
      unique: 4,
      peak: 3,
    })

    const shows = await fetch(
      `${restarted.httpUrl}/business/audience/shows?groupId=${restarted.defaultRoomId}`,
      {
        headers: {
          Authorization: `UserSig ${restarted.ownerId} ${restarted.signUserSig(restarted.ownerId)}`,
        },
      },
    )
    const listed = ((await shows.json()) as { shows: { showId: string; unique: number }[] }).shows
    expect(listed.map((show) => [show.showId, show.unique]).sort()).toEqual(
      [
        [before.showId, 4],
        [next.showId, 4],
      ].sort(),
    )
  })

  it('heat rises with messages, likes and gifts and decays when the room goes quiet', async () => {
    const { t, clock } = await setup()
    const room = t.room
    const { client: ann } = await joinMain(room, 'ann')
    const quiet = await audienceWhen(room, (v) => v.concurrent === 1)
    // One member: 10 points, nothing else.
    expect(quiet.heat).toBe(10)

    for (let i = 0; i < 6; i++) {
      // One a second: under the room's flood limit (3 in 2 s).
      clock.advance(1000)
      const ack = await ann.request({
        type: 'send',
        groupId: room.defaultRoomId,
        msgBody: text(`hello ${i}`),
      })
      expect(ack.code).toBe(0)
    }
    const chatty = await audienceWhen(room, (v) => v.heat > 30)
    // 6 messages of 5 points, sent over 6 s: a little under 30 on top of the member's 10.
    expect(chatty.heat).toBeGreaterThan(10 + 25)
    expect(chatty.heat).toBeLessThanOrEqual(10 + 30)

    clock.advance(1000)
    const like = encodeLike({ userId: 'ann', userName: 'ann', avatarUrl: '', level: '0' }, 20)
    const liked = await ann.request({
      type: 'send',
      groupId: room.defaultRoomId,
      priority: 'Low',
      msgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: like } }],
    })
    expect(liked.code).toBe(0)
    const afterLikes = await audienceWhen(room, (v) => v.heat >= chatty.heat + 15)
    expect(afterLikes.heat).toBeLessThanOrEqual(chatty.heat + 20)

    const order = await fetch(`${room.httpUrl}/business/gifts/orders`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `UserSig ann ${room.signUserSig('ann')}`,
      },
      body: JSON.stringify({ orderId: 'heat-crown-1', groupId: 'main', giftId: 'crown', count: 1 }),
    })
    expect(order.status).toBe(200)
    const gifted = await audienceWhen(room, (v) => v.heat >= afterLikes.heat + 500)
    expect(gifted.heat).toBeLessThanOrEqual(afterLikes.heat + 520)

    // Quiet: a minute halves the activity, ten bring it down to the member alone.
    clock.advance(60_000)
    const halved = await audience(room)
    expect(halved!.heat - 10).toBeGreaterThanOrEqual(Math.floor((gifted.heat - 10) / 2) - 1)
    expect(halved!.heat - 10).toBeLessThanOrEqual(Math.ceil((gifted.heat - 10) / 2) + 1)
    clock.advance(600_000)
    expect((await audience(room))!.heat).toBe(10)
  })

  it('tells the room in a Low message at most once per 5 s, and only when a figure changed', async () => {
    const { t, clock } = await setup()
    const room = t.room
    const { client: watcher } = await joinMain(room, 'watcher')
    await audienceWhen(room, (v) => v.concurrent === 1)
    await clock.advanceAsync(0)
    const first = await watcher.waitFor(
      (frame) =>
        frame.type === 'message' &&
        businessMessageOf(frame.message.msgBody)?.businessID === BusinessId.audience,
    )
    expect(first.type === 'message' && first.message.priority).toBe('Low')

    // Joins and chat for 20 s, something every 500 ms.
    const talkers: TestClient[] = []
    for (let i = 0; i < 4; i++) talkers.push((await joinMain(room, `talker${i}`)).client)
    for (let step = 0; step < 40; step++) {
      const talker = talkers[step % talkers.length]!
      const ack = await talker.request({
        type: 'send',
        groupId: room.defaultRoomId,
        msgBody: text(`step ${step}`),
      })
      expect(ack.code).toBe(0)
      await clock.advanceAsync(500)
    }
    // Then quiet for ten minutes: the decaying heat still changes for a while, then stops.
    for (let i = 0; i < 120; i++) await clock.advanceAsync(periodMs)

    const told = audienceMessages(watcher)
    expect(told.length).toBeGreaterThan(4)
    expect(told.every((m) => m.priority === 'Low')).toBe(true)
    const times = told.map((m) => m.business.at)
    for (let i = 1; i < times.length; i++) {
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(periodMs)
    }
    // Each message says something the one before did not.
    for (let i = 1; i < told.length; i++) {
      const [a, b] = [told[i - 1]!.business, told[i]!.business]
      expect([a.concurrent, a.unique, a.peak, a.heat]).not.toEqual([
        b.concurrent,
        b.unique,
        b.peak,
        b.heat,
      ])
    }
    // Settled: the last says five members and their 50 points, and nothing follows it.
    expect(told.at(-1)!.business).toMatchObject({ concurrent: 5, unique: 5, peak: 5, heat: 50 })
    const count = told.length
    for (let i = 0; i < 10; i++) await clock.advanceAsync(periodMs)
    expect(audienceMessages(watcher)).toHaveLength(count)
  })
})
