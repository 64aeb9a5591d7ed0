import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, expect } from 'vitest'
import WebSocket from 'ws'
import {
  type ClientFrame,
  PROTOCOL_VERSION,
  type ProtocolVersion,
  type ServerFrame,
} from '../../../src-shared/protocol/frames'
import { startLiveRoom, type LiveRoom, type LiveRoomOptions } from '../../../src-main/liveroom'
import { manualClock, type ManualClock } from '../../support/manual-clock'

/**
 * What a test started through these helpers (rooms, clients, callback servers) is stopped after
 * that test, in reverse order; what a beforeAll started, after the file. The one set-up the room's
 * integration tests share, so no file repeats it.
 */
const stopAfterTest: (() => Promise<void>)[] = []
const stopAfterFile: (() => Promise<void>)[] = []
const stopLater = (stop: () => Promise<void>): void => {
  const inTest = expect.getState().currentTestName !== undefined
  ;(inTest ? stopAfterTest : stopAfterFile).push(stop)
}
afterEach(async () => {
  for (const stop of stopAfterTest.splice(0).reverse()) await stop()
})
afterAll(async () => {
  for (const stop of stopAfterFile.splice(0).reverse()) await stop()
})

/** A fresh data folder for a business-only host, removed after the test (or the file). */
export function businessDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-business-'))
  stopLater(async () => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Failure guard for waits; no assertion depends on it being fast. */
export const waitTimeoutMs = 5000

/** A clock that starts at real time and moves only when told to (the tests' one fake clock). */
export function testClock(start = Date.now()): ManualClock {
  return manualClock(start)
}
export type TestClock = ManualClock
export type TestTime = ManualClock

/** The same clock starting 100 ms into a real second (frequency-control windows line up). */
export function testTime(start = Math.ceil(Date.now() / 1000) * 1000 + 100): ManualClock {
  return manualClock(start)
}

interface OfficialSigApi {
  genUserSig(userId: string, expire: number): string
}
const requireCjs = createRequire(import.meta.url)
const { Api: SigApi } = requireCjs('tls-sig-api-v2') as {
  Api: new (sdkAppId: number, key: string) => OfficialSigApi
}

/**
 * A UserSig made by Tencent's official tls-sig-api-v2 package with the room's own secret key
 * (generated on first run and kept in the data directory).
 */
export function officialUserSig(t: TestRoom, userId: string, expire = 86400): string {
  const identity = JSON.parse(fs.readFileSync(path.join(t.dataDir, 'identity.json'), 'utf8')) as {
    sdkAppId: number
    secretKey: string
  }
  return new SigApi(identity.sdkAppId, identity.secretKey).genUserSig(userId, expire)
}

export interface RestAnswer {
  ActionStatus: 'OK' | 'FAIL'
  ErrorCode: number
  ErrorInfo: string
  [field: string]: unknown
}

export interface RestCallOptions {
  identifier?: string
  userSig?: string
  sdkAppId?: number | string
  /** Raw body text instead of JSON.stringify(body). */
  rawBody?: string
  method?: string
}

/** Calls /v4/<path> as an App admin (administrator, signed by the official package). */
export async function rest(
  t: TestRoom,
  servicePath: string,
  body: unknown,
  options: RestCallOptions = {},
): Promise<RestAnswer> {
  const room = t.room
  const identifier = options.identifier ?? 'administrator'
  const query = new URLSearchParams({
    sdkappid: String(options.sdkAppId ?? room.sdkAppId),
    identifier,
    usersig: options.userSig ?? officialUserSig(t, identifier),
    random: String(Math.floor(Math.random() * 4294967295)),
    contenttype: 'json',
  })
  const response = await fetch(`${room.httpUrl}/v4/${servicePath}?${query}`, {
    method: options.method ?? 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...((options.method ?? 'POST') === 'POST'
      ? { body: options.rawBody ?? JSON.stringify(body) }
      : {}),
  })
  if (response.status !== 200) throw new Error(`REST answered HTTP ${response.status}`)
  return (await response.json()) as RestAnswer
}

export interface ReceivedCallback {
  query: URLSearchParams
  body: Record<string, unknown> & { CallbackCommand: string }
}

export interface CallbackServer {
  url: string
  received: ReceivedCallback[]
  /** Decides the answer to each callback; undefined holds the request open (no answer). */
  answer: (callback: ReceivedCallback) => object | undefined
  of(command: string): ReceivedCallback[]
  waitFor(predicate: (c: ReceivedCallback) => boolean): Promise<ReceivedCallback>
  close(): Promise<void>
}

/** A real HTTP listener on 127.0.0.1:0 standing in for the app's callback URL. */
export async function startCallbackServer(): Promise<CallbackServer> {
  const waiters: {
    predicate: (c: ReceivedCallback) => boolean
    resolve: (c: ReceivedCallback) => void
  }[] = []
  const state: CallbackServer = {
    url: '',
    received: [],
    answer: () => ({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }),
    of: (command) => state.received.filter((c) => c.body.CallbackCommand === command),
    waitFor(predicate) {
      const seen = state.received.find(predicate)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve }
        waiters.push(waiter)
        setTimeout(() => {
          const index = waiters.indexOf(waiter)
          if (index < 0) return
          waiters.splice(index, 1)
          reject(new Error(`No matching callback within ${waitTimeoutMs} ms`))
        }, waitTimeoutMs)
      })
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const callback: ReceivedCallback = {
        query: new URL(request.url ?? '/', 'http://x').searchParams,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedCallback['body'],
      }
      state.received.push(callback)
      for (const waiter of [...waiters]) {
        if (waiter.predicate(callback)) {
          waiters.splice(waiters.indexOf(waiter), 1)
          waiter.resolve(callback)
        }
      }
      const answer = state.answer(callback)
      if (answer === undefined) return
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify(answer))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/im-callback`
  stopLater(() => state.close())
  return state
}

export interface TestRoom {
  room: LiveRoom
  dataDir: string
  rendererDir: string
  /** Closes the room and starts a new one on the same data directory (and port 0). */
  restart(): Promise<LiveRoom>
  cleanup(): Promise<void>
}

/**
 * Starts a room on 127.0.0.1:0 with a fresh temp data dir and a stub built renderer. The built-in
 * business host is off unless `options.business` says otherwise: its online-count pushes would
 * take sequences and frequency-control slots from the messages a test counts.
 */
export async function startTestRoom(options: Partial<LiveRoomOptions> = {}): Promise<TestRoom> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-room-'))
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-renderer-'))
  fs.mkdirSync(path.join(rendererDir, 'viewer'))
  fs.mkdirSync(path.join(rendererDir, 'assets'))
  fs.writeFileSync(
    path.join(rendererDir, 'viewer', 'index.html'),
    '<!doctype html><title>viewer</title><script type="module" src="/assets/viewer.js"></script>',
  )
  fs.writeFileSync(path.join(rendererDir, 'assets', 'viewer.js'), 'console.log("viewer")\n')
  fs.writeFileSync(path.join(rendererDir, 'secret.txt'), 'outside assets\n')

  const startOptions = {
    host: '127.0.0.1',
    port: 0,
    rendererDir,
    business: false as const,
    ...options,
    dataDir,
  }
  const state: TestRoom = {
    room: await startLiveRoom(startOptions),
    dataDir,
    rendererDir,
    async restart() {
      await state.room.close()
      state.room = await startLiveRoom(startOptions)
      return state.room
    },
    async cleanup() {
      await state.room.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
      fs.rmSync(rendererDir, { recursive: true, force: true })
    },
  }
  stopLater(() => state.cleanup())
  return state
}

type Request = ClientFrame extends infer F ? (F extends unknown ? Omit<F, 'seq'> : never) : never
export type Ack = Extract<ServerFrame, { type: 'ack' }>

export interface TestClient {
  readonly ws: WebSocket
  /**
   * Frames received, a version 3 `messages` batch as one `message` frame per message (what a
   * client makes of it), so the tests read the same for every version.
   */
  readonly frames: ServerFrame[]
  /** Frames exactly as they arrived, batches as batches. */
  readonly raw: ServerFrame[]
  readonly closed: Promise<{ code: number; reason: string }>
  /** Sends a frame with the next seq and resolves with its ack. */
  request(frame: Request): Promise<Ack>
  /** Sends raw text as it is (for malformed-input tests). */
  sendRaw(text: string): void
  /** Resolves with the first collected frame (past or future) that matches. */
  waitFor<T extends ServerFrame>(predicate: (frame: ServerFrame) => frame is T): Promise<T>
  waitFor(predicate: (frame: ServerFrame) => boolean): Promise<ServerFrame>
  framesOf<K extends ServerFrame['type']>(type: K): Extract<ServerFrame, { type: K }>[]
  close(): Promise<void>
}

/**
 * `localAddress`: the loopback address to connect from (127.0.0.2, …): each one counts as a
 * different person's address to the room, which is how tests stand in for separate people.
 */
export async function connect(url: string, localAddress?: string): Promise<TestClient> {
  const ws = new WebSocket(url, localAddress ? { localAddress } : {})
  const frames: ServerFrame[] = []
  const raw: ServerFrame[] = []
  const waiters: {
    predicate: (frame: ServerFrame) => boolean
    resolve: (f: ServerFrame) => void
  }[] = []
  let nextSeq = 1
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }))
  })
  ws.on('error', () => {})
  const take = (frame: ServerFrame) => {
    frames.push(frame)
    for (const waiter of [...waiters]) {
      if (waiter.predicate(frame)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(frame)
      }
    }
  }
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ServerFrame
    raw.push(frame)
    if (frame.type === 'messages') {
      for (const message of frame.messages) take({ type: 'message', message })
    } else take(frame)
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })

  const waitFor = (predicate: (frame: ServerFrame) => boolean): Promise<ServerFrame> => {
    const seen = frames.find(predicate)
    if (seen) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      const waiter = { predicate, resolve }
      waiters.push(waiter)
      setTimeout(() => {
        const index = waiters.indexOf(waiter)
        if (index >= 0) {
          waiters.splice(index, 1)
          reject(
            new Error(
              `No matching frame within ${waitTimeoutMs} ms; got ${JSON.stringify(frames)}`,
            ),
          )
        }
      }, waitTimeoutMs)
    })
  }

  const client: TestClient = {
    ws,
    frames,
    raw,
    closed,
    request(frame) {
      const seq = nextSeq++
      ws.send(JSON.stringify({ ...frame, seq }))
      return waitFor((f) => f.type === 'ack' && f.seq === seq) as Promise<Ack>
    },
    sendRaw: (text) => ws.send(text),
    waitFor: waitFor as TestClient['waitFor'],
    framesOf: (type) => frames.filter((f) => f.type === type) as never,
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return
      ws.close()
      await closed
    },
  }
  stopLater(() => client.close())
  return client
}

export interface LoginOptions {
  nick?: string
  userSig?: string
  sdkAppId?: number
  /** Default: the current PROTOCOL_VERSION. */
  version?: ProtocolVersion
  /** The loopback address to connect from (see connect). */
  localAddress?: string
}

/** Connects and logs in; throws when the login is not acknowledged with code 0. */
export async function login(
  room: LiveRoom,
  userId: string,
  options: LoginOptions = {},
): Promise<TestClient> {
  const client = await connect(room.wsUrl, options.localAddress)
  const ack = await client.request({
    type: 'login',
    version: options.version ?? PROTOCOL_VERSION,
    sdkAppId: options.sdkAppId ?? room.sdkAppId,
    userId,
    userSig: options.userSig ?? room.signUserSig(userId),
    ...(options.nick !== undefined ? { nick: options.nick } : {}),
  })
  if (ack.code !== 0) throw new Error(`login of ${userId} failed: ${JSON.stringify(ack)}`)
  return client
}

/** Logs in and joins the room's default group. */
export async function joinMain(
  room: LiveRoom,
  userId: string,
  options: LoginOptions = {},
): Promise<{ client: TestClient; ack: Ack }> {
  const client = await login(room, userId, options)
  const ack = await client.request({ type: 'join', groupId: room.defaultRoomId })
  if (ack.code !== 0) throw new Error(`join of ${userId} failed: ${JSON.stringify(ack)}`)
  return { client, ack }
}

export type MembersChanged = Extract<ServerFrame, { type: 'members-changed' }>

/** The first membership notice (past or future) that lists `userId` among the joined. */
export function joinNotice(client: TestClient, userId: string): Promise<MembersChanged> {
  return client.waitFor(
    (f): f is MembersChanged =>
      f.type === 'members-changed' && f.joined.some((m) => m.userId === userId),
  )
}

/** The first membership notice (past or future) that lists `userId` among the left. */
export function leaveNotice(client: TestClient, userId: string): Promise<MembersChanged> {
  return client.waitFor(
    (f): f is MembersChanged => f.type === 'members-changed' && f.left.includes(userId),
  )
}

export function text(value: string) {
  return [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: value } }]
}
