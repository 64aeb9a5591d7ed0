import { describe, expect, it } from 'vitest'
import {
  businessMessageOf,
  type RoomStateMessage,
} from '../../../src-shared/protocol/business-messages'
import type { ServerFrame } from '../../../src-shared/protocol/frames'
import {
  parseRoomStateAttr,
  ROOM_STATE_ATTR,
  type RoomState,
  RoomStateCode,
} from '../../../src-shared/protocol/room-state'
import type { LiveRoom } from '../../../src-main/liveroom'
import { cssSign } from '../../../src-main/liveroom/business/css-push'
import { joinMain, startTestRoom, testClock, type TestClient, type TestClock } from './helpers'

/**
 * The room state machine against a real embedded room (issue 12 §1): the console's actions over
 * the business HTTP API, the stream's through CSS's push callbacks (signed, as Tencent sends
 * them), and what members, newcomers and a page outside the room see.
 */

const cssKey = 'css-callback-test-key'
const pauseAfterMs = 10_000
const endAfterMs = 300_000

async function setup(clock: TestClock = testClock()) {
  const t = await startTestRoom({
    now: clock.now,
    setTimer: clock.setTimer,
    business: {
      onlineCount: false,
      roomState: { pauseAfterMs, endAfterMs, cssCallbackKey: cssKey },
    },
  })
  return { t, room: t.room, clock }
}

async function act(
  room: LiveRoom,
  body: Record<string, unknown>,
  userId = room.ownerId,
): Promise<{ status: number; answer: Record<string, unknown> }> {
  const response = await fetch(`${room.httpUrl}/business/room-state/action`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `UserSig ${userId} ${room.signUserSig(userId)}`,
    },
    body: JSON.stringify({ groupId: room.defaultRoomId, ...body }),
  })
  return { status: response.status, answer: (await response.json()) as Record<string, unknown> }
}

async function css(
  room: LiveRoom,
  clock: TestClock,
  eventType: number,
  overrides: Record<string, unknown> = {},
): Promise<{ status: number; answer: Record<string, unknown> }> {
  const t = Math.floor(clock.now() / 1000) + 600
  const response = await fetch(`${room.httpUrl}/business/css/callback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      appid: 1234,
      app: 'push.example.com',
      appname: 'live',
      stream_id: room.defaultRoomId,
      channel_id: room.defaultRoomId,
      event_type: eventType,
      errcode: eventType === 0 ? 3 : 0,
      errmsg: eventType === 0 ? 'recv return 0' : 'ok',
      sequence: '6674468118806626493',
      t,
      sign: cssSign(cssKey, t),
      ...overrides,
    }),
  })
  return { status: response.status, answer: (await response.json()) as Record<string, unknown> }
}

function stateMessages(client: TestClient): RoomStateMessage[] {
  return client.frames.flatMap((frame: ServerFrame) => {
    if (frame.type !== 'message') return []
    const found = businessMessageOf(frame.message.msgBody)
    return found?.businessID === 'LiveDeskRoomState' ? [found] : []
  })
}

function stateMessage(client: TestClient, state: RoomState['state']): Promise<ServerFrame> {
  return client.waitFor((frame) => {
    if (frame.type !== 'message') return false
    const found = businessMessageOf(frame.message.msgBody)
    return found?.businessID === 'LiveDeskRoomState' && found.state === state
  })
}

async function publicState(room: LiveRoom): Promise<RoomState | null> {
  const response = await fetch(`${room.httpUrl}/business/room-state?groupId=${room.defaultRoomId}`)
  return ((await response.json()) as { roomState: RoomState | null }).roomState
}

/** Lets the business host's REST copies (attribute, then message) run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 50))

async function attrState(room: LiveRoom): Promise<RoomState | undefined> {
  const { client, ack } = await joinMain(room, `peek${Math.floor(Math.random() * 1e9)}`)
  await client.close()
  const data = ack.data as { group: { groupAttributes?: Record<string, string> } }
  return parseRoomStateAttr(data.group.groupAttributes?.[ROOM_STATE_ATTR])
}

describe('room state driven by the console', () => {
  it('goes scheduled → live → paused → live → ended → replay, telling members with High messages', async () => {
    const { room, clock } = await setup()
    const { client: viewer } = await joinMain(room, 'viewer1')
    const at = clock.now() + 3_600_000

    const scheduled = await act(room, { action: 'schedule', scheduledAt: at, title: 'Friday show' })
    expect(scheduled.status).toBe(200)
    const frame = await stateMessage(viewer, 'scheduled')
    expect(frame.type === 'message' && frame.message.priority).toBe('High')

    expect((await act(room, { action: 'start' })).status).toBe(200)
    await stateMessage(viewer, 'live')
    clock.advance(60_000)
    expect((await act(room, { action: 'pause' })).status).toBe(200)
    await stateMessage(viewer, 'paused')
    expect((await act(room, { action: 'resume' })).status).toBe(200)
    clock.advance(60_000)
    expect((await act(room, { action: 'end' })).status).toBe(200)
    await stateMessage(viewer, 'ended')
    const replay = await act(room, { action: 'publish-replay', replayUrl: '/recordings/show.mp4' })
    expect(replay.status).toBe(200)
    await stateMessage(viewer, 'replay')

    const seen = stateMessages(viewer)
    expect(seen.map((m) => m.state)).toEqual([
      'scheduled',
      'live',
      'paused',
      'live',
      'ended',
      'replay',
    ])
    // One show from schedule to end: the pause kept its id.
    expect(new Set(seen.map((m) => m.showId)).size).toBe(1)
    const ended = seen[4]!
    expect(ended.endedAt! - ended.startedAt!).toBe(120_000)
    expect(ended.title).toBe('Friday show')
    expect(seen[5]!.replayUrl).toBe('/recordings/show.mp4')
  })

  it('refuses an action that does not apply now, and a caller who is neither owner nor admin', async () => {
    const { room } = await setup()
    const refused = await act(room, { action: 'pause' })
    expect(refused.status).toBe(409)
    expect(refused.answer.code).toBe(RoomStateCode.notNow)
    expect(refused.answer.data).toEqual({ state: 'none', action: 'pause' })

    const stranger = await act(room, { action: 'start' }, 'viewer9')
    expect(stranger.status).toBe(403)
    expect(await publicState(room)).toBeNull()

    const past = await act(room, { action: 'schedule', scheduledAt: 1000, title: '' })
    expect(past.answer.code).toBe(RoomStateCode.badSchedule)
    await act(room, { action: 'start' })
    await act(room, { action: 'end' })
    const script = await act(room, { action: 'publish-replay', replayUrl: 'javascript:alert(1)' })
    expect(script.answer.code).toBe(RoomStateCode.badReplayUrl)
  })

  it('keeps the attribute and the public endpoint in step, so a newcomer who missed the message sees the state', async () => {
    const { room } = await setup()
    await act(room, { action: 'start' })
    await act(room, { action: 'pause' })
    await settle()
    const fromAttr = await attrState(room)
    expect(fromAttr?.state).toBe('paused')
    expect(await publicState(room)).toEqual(fromAttr)

    const list = await fetch(`${room.httpUrl}/business/rooms`)
    const rooms = ((await list.json()) as { rooms: { groupId: string; state: string }[] }).rooms
    expect(rooms).toEqual([
      expect.objectContaining({ groupId: room.defaultRoomId, state: 'paused' }),
    ])
  })

  it('keeps the state across a restart of the room server', async () => {
    const { t } = await setup()
    await act(t.room, { action: 'start' })
    const before = await publicState(t.room)
    const room = await t.restart()
    expect(await publicState(room)).toEqual(before)
  })
})

describe('room state driven by the stream (CSS push callbacks)', () => {
  it('starts the show on a push, pauses after the grace, is live again with the same show when it returns', async () => {
    const { room, clock } = await setup()
    const { client: viewer } = await joinMain(room, 'viewer1')
    expect(await css(room, clock, 1)).toEqual({ status: 200, answer: { code: 0 } })
    await stateMessage(viewer, 'live')

    const droppedAt = clock.now()
    expect((await css(room, clock, 0)).answer).toEqual({ code: 0 })
    clock.advance(pauseAfterMs - 1)
    expect((await publicState(room))?.state).toBe('live')
    clock.advance(1)
    await stateMessage(viewer, 'paused')
    const paused = await publicState(room)
    expect(paused?.cause).toEqual({ by: 'stream', errcode: 3 })
    // The console's countdown: the show ends this long after the drop unless the stream is back.
    expect(paused?.endsAt).toBe(droppedAt + endAfterMs)

    clock.advance(endAfterMs - pauseAfterMs - 1)
    await css(room, clock, 1)
    await stateMessage(viewer, 'live')
    clock.advance(endAfterMs)
    const back = await publicState(room)
    expect(back?.state).toBe('live')
    expect(back?.showId).toBe(paused?.showId)
  })

  it('comes back within the pause grace without the room ever pausing', async () => {
    const { room, clock } = await setup()
    await css(room, clock, 1)
    await css(room, clock, 0)
    clock.advance(pauseAfterMs - 1)
    await css(room, clock, 1)
    clock.advance(endAfterMs)
    expect((await publicState(room))?.state).toBe('live')
  })

  it('ends the show when the stream stays away past the end grace, counted from the drop', async () => {
    const { room, clock } = await setup()
    const { client: viewer } = await joinMain(room, 'viewer1')
    await css(room, clock, 1)
    const live = await publicState(room)
    await css(room, clock, 0)
    clock.advance(endAfterMs - 1)
    expect((await publicState(room))?.state).toBe('paused')
    clock.advance(1)
    await stateMessage(viewer, 'ended')
    // A later push is a new show.
    await css(room, clock, 1)
    const next = await publicState(room)
    expect(next?.state).toBe('live')
    expect(next?.showId).not.toBe(live?.showId)
  })

  it('refuses a bad sign and an expired t, and changes nothing', async () => {
    const { room, clock } = await setup()
    const forged = await css(room, clock, 1, { sign: cssSign('another key', 1) })
    expect(forged.status).toBe(401)
    const t = Math.floor(clock.now() / 1000) - 1
    const expired = await css(room, clock, 1, { t, sign: cssSign(cssKey, t) })
    expect(expired.status).toBe(401)
    const upper = await css(room, clock, 1, {
      t: Math.floor(clock.now() / 1000) + 600,
      sign: cssSign(cssKey, Math.floor(clock.now() / 1000) + 600).toUpperCase(),
    })
    expect(upper.status).toBe(200)
    expect((await publicState(room))?.state).toBe('live')
  })

  it('waits out what is left of a drop after the business host restarts', async () => {
    const clock = testClock()
    const { t } = await setup(clock)
    await css(t.room, clock, 1)
    await css(t.room, clock, 0)
    clock.advance(5_000)
    const room = await t.restart()
    clock.advance(pauseAfterMs - 5_000)
    expect((await publicState(room))?.state).toBe('paused')
  })
})
