import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  businessMessageOf,
  type OnlineCountMessage,
} from '../../../src-shared/protocol/business-messages'
import type { ServerFrame, WireMessage } from '../../../src-shared/protocol/frames'
import { callbackSign } from '../../../src-main/common/im-callbacks'
import { startLiveRoom, type LiveRoom } from '../../../src-main/liveroom'
import { type BusinessServer, startBusinessServer } from '../../../src-main/liveroom/business'
import { CallbackRefusalCode } from '../../../src-main/liveroom/business/callback-refusal'
import { manualClock } from '../../support/manual-clock'
import { businessDataDir, joinMain, startTestRoom, type TestClient, type TestRoom } from './helpers'

/**
 * The business host against a real embedded room: over HTTP (a room started with --callback-url
 * and a token, pointing at a separately started business-only host that acts through the room's
 * REST API), and in process (the default embedded room, no URL).
 */

const sdkAppId = 1400000123
const secretKey = 'business-test-secret-key'
const token = 'business-test-token'
const periodMs = 300

let t: TestRoom | undefined
let business: BusinessServer | undefined
let room: LiveRoom | undefined
const dirs: string[] = []
const clients: TestClient[] = []
afterEach(async () => {
  // Rooms from startTestRoom and clients stop by themselves (helpers.ts); these are this file's.
  await business?.close()
  await room?.close()
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  business = undefined
  t = undefined
  room = undefined
})

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** A free loopback port: the room must be told the business host's URL, and it the room's. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

type CountMessage = WireMessage & { count: OnlineCountMessage }

function counts(client: TestClient): CountMessage[] {
  return client.frames.flatMap((frame: ServerFrame) => {
    if (frame.type !== 'message') return []
    const found = businessMessageOf(frame.message.msgBody)
    return found?.businessID === 'LiveDeskOnlineCount' ? [{ ...frame.message, count: found }] : []
  })
}

function countFrame(client: TestClient, count: number): Promise<ServerFrame> {
  return client.waitFor(
    (frame) =>
      frame.type === 'message' &&
      businessMessageOf(frame.message.msgBody)?.businessID === 'LiveDeskOnlineCount' &&
      (businessMessageOf(frame.message.msgBody) as OnlineCountMessage).count === count,
  )
}

async function join(target: LiveRoom, userId: string): Promise<TestClient> {
  const { client } = await joinMain(target, userId)
  clients.push(client)
  return client
}

/** POSTs a callback to the business host the way Tencent does, with optional overrides. */
async function post(
  server: BusinessServer,
  command: string,
  body: object,
  query: Record<string, string> = {},
): Promise<{ status: number; answer: Record<string, unknown> }> {
  const requestTime = String(Math.floor(Date.now() / 1000))
  const params = new URLSearchParams({
    SdkAppid: String(sdkAppId),
    CallbackCommand: command,
    contenttype: 'json',
    ClientIP: '203.0.113.9',
    OptPlatform: 'RESTAPI',
    RequestTime: requestTime,
    Sign: callbackSign(token, Number(requestTime)),
    ...query,
  })
  const response = await fetch(`${server.callbackUrl}?${params}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ CallbackCommand: command, ...body }),
  })
  return { status: response.status, answer: (await response.json()) as Record<string, unknown> }
}

const stateChange = { Info: { Action: 'Login', To_Account: 'someone', Reason: 'Register' } }
const forgedJoin = {
  GroupId: 'main',
  Type: 'AVChatRoom',
  JoinType: 'Apply',
  Operator_Account: 'bot',
  NewMemberList: Array.from({ length: 50 }, (_, i) => ({ Member_Account: `bot${i}` })),
}

describe('business-only host behind an embedded room', () => {
  async function setup() {
    const roomPort = await freePort()
    const logs: string[] = []
    // The business host's periods move only when the test says; the room and HTTP run for real.
    const clock = manualClock(Date.now())
    business = await startBusinessServer({
      dataDir: businessDataDir(),
      imRestUrl: `http://127.0.0.1:${roomPort}`,
      sdkAppId,
      secretKey,
      callbackToken: token,
      onlineCount: { periodMs },
      clock,
      log: (line) => logs.push(line),
    })
    t = await startTestRoom({
      port: roomPort,
      sdkAppId,
      secretKey,
      callbackUrl: business.callbackUrl,
      callbackToken: token,
    })
    return { business, t, logs, clock }
  }

  it('accepts a signed callback and refuses a bad Sign, a stale RequestTime and another SDKAppID', async () => {
    const { business, logs } = await setup()
    expect(business.callbackUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callbacks\/im$/)
    expect(await post(business, 'State.StateChange', stateChange)).toEqual({
      status: 200,
      answer: { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 },
    })

    const badSign = await post(business, 'State.StateChange', stateChange, {
      Sign: callbackSign('another-token', Math.floor(Date.now() / 1000)),
    })
    expect(badSign).toMatchObject({
      status: 401,
      answer: { ActionStatus: 'FAIL', ErrorCode: CallbackRefusalCode.signWrong },
    })
    expect(badSign.answer.ErrorInfo).toMatch(/callback token here differs/)

    const then = Math.floor(Date.now() / 1000) - 120
    const stale = await post(business, 'State.StateChange', stateChange, {
      RequestTime: String(then),
      Sign: callbackSign(token, then),
    })
    expect(stale).toMatchObject({
      status: 401,
      answer: { ActionStatus: 'FAIL', ErrorCode: CallbackRefusalCode.requestTimeStale },
    })

    const otherApp = await post(business, 'State.StateChange', stateChange, {
      SdkAppid: '1400999999',
    })
    expect(otherApp).toMatchObject({
      status: 403,
      answer: { ActionStatus: 'FAIL', ErrorCode: CallbackRefusalCode.sdkAppIdWrong },
    })
    expect(logs.filter((line) => line.startsWith('business: refused a callback'))).toHaveLength(3)
  })

  it('answers a before-send callback in Tencent shape, and refuses bodies that are not the command', async () => {
    const { business } = await setup()
    const message = {
      GroupId: 'main',
      Type: 'AVChatRoom',
      From_Account: 'alice',
      Random: 1,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
    }
    // Allowed, with the sender's level written into CloudCustomData (the levels capability).
    expect(await post(business, 'Group.CallbackBeforeSendMsg', message)).toEqual({
      status: 200,
      answer: { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, CloudCustomData: '{"level":1}' },
    })
    expect(
      await post(business, 'Group.CallbackBeforeSendMsg', { ...message, MsgBody: 'hi' }),
    ).toMatchObject({
      status: 400,
      answer: { ErrorCode: CallbackRefusalCode.invalidBody },
    })
    // A callback switched on in the console that nothing here handles: OK, so IM goes on.
    expect(await post(business, 'Group.CallbackBeforeApplyJoinGroup', {})).toMatchObject({
      status: 200,
      answer: { ErrorCode: 0 },
    })
  })

  it('pushes the count the viewers see as a custom message, only when it changed', async () => {
    const { business, t, clock } = await setup()
    /** Periods pass until `client` has been told `n` counts (the callbacks and REST are real). */
    const periodsUntil = async (client: TestClient, n: number) => {
      for (let i = 0; i < 100 && counts(client).length < n; i++) {
        await clock.advanceAsync(periodMs, () => sleep(10))
      }
      return counts(client).map((m) => m.count.count)
    }
    const alice = await join(t.room, 'v_alice')
    expect(await periodsUntil(alice, 1)).toEqual([1])
    expect(counts(alice)[0]).toMatchObject({ from: 'administrator', priority: 'High' })

    const bob = await join(t.room, 'v_bob')
    expect(await periodsUntil(alice, 2)).toEqual([1, 2])
    await countFrame(bob, 2)

    // A forged join (no valid Sign) changes nothing.
    const forged = await post(business, 'Group.CallbackAfterNewMemberJoin', forgedJoin, {
      Sign: '0'.repeat(64),
    })
    expect(forged.status).toBe(401)

    // Unchanged for several periods: those periods start no push at all (a push would be a REST
    // call begun in the period's timer), so nothing can be on its way.
    clock.advance(periodMs * 4)
    expect(counts(alice).map((m) => m.count.count)).toEqual([1, 2])
    expect(counts(bob).map((m) => m.count.count)).toEqual([2])

    await bob.close()
    expect(await periodsUntil(alice, 3)).toEqual([1, 2, 1])

    // Online only: a joiner's history has none of them.
    const { client: carol, ack } = await joinMain(t.room, 'v_carol')
    clients.push(carol)
    const history = (ack.data as { history: WireMessage[] }).history
    expect(history.filter((m) => businessMessageOf(m.msgBody))).toEqual([])
  })
})

describe('the embedded room without a callback URL', () => {
  it('pushes the count in process, every 5 s by default, through its own REST API', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-business-'))
    dirs.push(dataDir)
    const clock = manualClock(Date.now())
    room = await startLiveRoom({ dataDir, now: clock.now, setTimer: clock.setTimer })
    const alice = await join(room, 'v_alice')
    // The first count waits for the REST read that a newly seen group gets; give it real time.
    const settle = () => sleep(20)
    let periods = 0
    while (counts(alice).length === 0 && periods < 20) {
      await clock.advanceAsync(5000, settle)
      periods++
      await sleep(50)
    }
    expect(counts(alice).map((m) => m.count.count)).toEqual([1])

    const bob = await join(room, 'v_bob')
    // No timer falls due before the period ends, so nothing can be on its way yet.
    await clock.advanceAsync(4999, settle)
    expect(counts(alice).map((m) => m.count.count)).toEqual([1])
    await clock.advanceAsync(1, settle)
    await countFrame(bob, 2)
    expect(counts(alice).map((m) => m.count.count)).toEqual([1, 2])
  })
})
