import { describe, expect, it } from 'vitest'
import {
  businessMessageOf,
  type LotteryMessage,
} from '../../../src-shared/protocol/business-messages'
import { LotteryCode, type LotteryResult } from '../../../src-shared/protocol/lottery'
import type { ServerFrame } from '../../../src-shared/protocol/frames'
import type { LiveRoom } from '../../../src-main/liveroom'
import { verifyLottery } from '../../../src-main/liveroom/business/lottery/lottery-draw'
import { joinMain, startTestRoom, testClock, text, type TestClient } from './helpers'

/**
 * The keyword lottery against a real embedded room (issue 12 §4): entries from viewers' chat
 * through the after-send callback, the owner left out, a muted viewer left out at the draw, the
 * winners told with a High message, a result anyone can verify, and a paused room pausing it.
 */

async function post(room: LiveRoom, path: string, body: Record<string, unknown>) {
  const response = await fetch(`${room.httpUrl}/business/${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `UserSig ${room.ownerId} ${room.signUserSig(room.ownerId)}`,
    },
    body: JSON.stringify({ groupId: room.defaultRoomId, ...body }),
  })
  return { status: response.status, answer: (await response.json()) as Record<string, unknown> }
}

async function lottery(room: LiveRoom) {
  const response = await fetch(`${room.httpUrl}/business/lottery?groupId=${room.defaultRoomId}`)
  return ((await response.json()) as { lottery: LotteryMessage | null }).lottery
}

function lotteryFrame(client: TestClient, phase: string): Promise<LotteryMessage> {
  return client
    .waitFor((frame: ServerFrame) => {
      if (frame.type !== 'message') return false
      const found = businessMessageOf(frame.message.msgBody)
      return found?.businessID === 'LiveDeskLottery' && found.phase === phase
    })
    .then((frame) => {
      if (frame.type !== 'message') throw new Error('not a message')
      const message = businessMessageOf(frame.message.msgBody) as LotteryMessage
      expect(frame.message.priority).toBe('High')
      return message
    })
}

const say = async (client: TestClient, room: LiveRoom, words: string) => {
  const ack = await client.request({
    type: 'send',
    groupId: room.defaultRoomId,
    msgBody: text(words),
  })
  expect(ack.code).toBe(0)
}

async function setup() {
  const clock = testClock()
  const t = await startTestRoom({
    now: clock.now,
    setTimer: clock.setTimer,
    business: { onlineCount: false },
  })
  return { room: t.room, clock }
}

/** Lets the in-process after-send callbacks and REST calls finish. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 100))

describe('the keyword lottery', () => {
  it('takes one entry per viewer whose message has the keyword, leaves out the owner and the muted, and draws a verifiable result', async () => {
    const { room, clock } = await setup()
    const { client: owner } = await joinMain(room, room.ownerId)
    const viewers: TestClient[] = []
    for (const id of ['v1', 'v2', 'v3', 'v4']) viewers.push((await joinMain(room, id)).client)

    const opened = await post(room, 'lottery/open', {
      keyword: 'Lucky Draw',
      winners: 2,
      durationSeconds: 30,
    })
    expect(opened.status).toBe(200)
    const told = await lotteryFrame(viewers[0]!, 'open')
    expect(told.commitment).toMatch(/^[0-9a-f]{64}$/)
    expect(told.seed).toBeNull()

    await say(viewers[0]!, room, 'ＬＵＣＫＹ　ｄｒａｗ please')
    await say(viewers[0]!, room, 'lucky draw again')
    await say(viewers[1]!, room, 'luckydraw')
    await say(viewers[2]!, room, 'lucky draw')
    await say(viewers[3]!, room, 'hello')
    await say(owner, room, 'lucky draw')
    await settle()
    expect((await lottery(room))?.entrantCount).toBe(3)

    // v3 is muted before the draw: muted viewers are never drawn.
    const mute = await owner.request({
      type: 'mute',
      groupId: room.defaultRoomId,
      userId: 'v3',
      seconds: 600,
    })
    expect(mute.code).toBe(0)
    clock.advance(30_000)
    const drawn = await lotteryFrame(viewers[0]!, 'drawn')
    expect(drawn.winners.map((w) => w.userId).sort()).toEqual(['v1', 'v2'])

    const response = await fetch(
      `${room.httpUrl}/business/lottery/result?groupId=${room.defaultRoomId}`,
    )
    const result = (await response.json()) as LotteryResult
    expect(result.entrants.map((e) => e.userId)).toEqual(['v1', 'v2'])
    expect(result.seed).toBe(drawn.seed)
    expect(verifyLottery(result)).toMatchObject({ ok: true })
  })

  it('draws now on request, redraws a winner from the same shuffle, and refuses a second open lottery', async () => {
    const { room } = await setup()
    const viewers: TestClient[] = []
    for (const id of ['a1', 'a2', 'a3']) viewers.push((await joinMain(room, id)).client)
    await post(room, 'lottery/open', { keyword: 'win', winners: 1, durationSeconds: 600 })
    const again = await post(room, 'lottery/open', {
      keyword: 'win',
      winners: 1,
      durationSeconds: 600,
    })
    expect(again.answer.code).toBe(LotteryCode.alreadyOpen)
    for (const viewer of viewers) await say(viewer, room, 'win')
    await settle()
    await post(room, 'lottery/draw', {})
    const drawn = await lotteryFrame(viewers[0]!, 'drawn')
    const first = drawn.winners[0]!.userId
    expect((await post(room, 'lottery/redraw', { userId: first })).status).toBe(200)
    await settle()
    const after = await lottery(room)
    expect(after?.redrawn.map((p) => p.userId)).toEqual([first])
    expect(after?.winners[0]?.userId).not.toBe(first)
    const result = (await (
      await fetch(`${room.httpUrl}/business/lottery/result?groupId=${room.defaultRoomId}`)
    ).json()) as LotteryResult
    expect(verifyLottery(result)).toMatchObject({ ok: true })
  })

  it('stops its clock and takes no entries while the room is paused', async () => {
    const { room, clock } = await setup()
    const { client: viewer } = await joinMain(room, 'p1')
    await post(room, 'room-state/action', { action: 'start' })
    await post(room, 'lottery/open', { keyword: 'go', winners: 1, durationSeconds: 10 })
    clock.advance(4_000)
    await post(room, 'room-state/action', { action: 'pause' })
    await lotteryFrame(viewer, 'paused')
    await say(viewer, room, 'go')
    clock.advance(60_000)
    await settle()
    expect(await lottery(room)).toMatchObject({
      phase: 'paused',
      remainingMs: 6_000,
      entrantCount: 0,
    })
    await post(room, 'room-state/action', { action: 'resume' })
    await say(viewer, room, 'go')
    await settle()
    clock.advance(6_000)
    const drawn = await lotteryFrame(viewer, 'drawn')
    expect(drawn.winners.map((w) => w.userId)).toEqual(['p1'])
  })
})
