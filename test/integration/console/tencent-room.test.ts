import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ContractCode,
  type CommandName,
  type Result,
  type RoomConnectionSnapshot,
  type RoomSnapshot,
} from '../../../src-shared/contract'
import { startConsole, type ConsoleApp } from '../../../src-main/console/console-app'
import {
  buildTencentBackend,
  TENCENT_CALL_TIMEOUT_MS,
} from '../../../src-main/console/room/room-connection'
import { startLiveRoom, type LiveRoom } from '../../../src-main/liveroom'
import { verifyUserSig } from '../../../src-main/common/usersig'
import { FakeChatPort } from '../../unit/console/fake-chat-port'
import { joinMain, type TestClient } from '../liveroom/helpers'
import { until } from '../stream/helpers'
import { manualClock } from '../../support/manual-clock'
import { errorMessage } from '../../../src-renderer/shared/error-message'

const SDK_APP_ID = 1400000042
const SECRET_KEY = 'integration-secret-key-0123456789abcdef'
/** The desktop window, or a browser at the console's loopback address. */
const here = { thisMachine: true }

/**
 * The Tencent backend's REST half for real: the embedded room's REST API is Tencent-compatible,
 * so the backend's restBaseUrl points at it and bans and lists members there, signed as the App
 * admin with a UserSig made from the secret key.
 */
describe('Tencent backend against a Tencent-compatible REST API', () => {
  let dir: string
  let room: LiveRoom
  const viewers: TestClient[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-tencent-rest-'))
    room = await startLiveRoom({
      dataDir: join(dir, 'room'),
      host: '127.0.0.1',
      port: 0,
      sdkAppId: SDK_APP_ID,
      secretKey: SECRET_KEY,
      log: () => {},
    })
  })
  afterAll(async () => {
    await Promise.all(viewers.map((v) => v.close()))
    await room?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('lists online members and bans one through the REST API', async () => {
    for (const userId of ['mina', 'joon']) {
      const { client } = await joinMain(room, userId, { nick: userId })
      viewers.push(client)
    }
    const port = new FakeChatPort()
    port.profile = { ...port.profile, groupID: room.defaultRoomId, ownerID: room.ownerId }
    const backend = buildTencentBackend(
      {
        sdkAppId: SDK_APP_ID,
        groupId: room.defaultRoomId,
        userId: 'anchor',
        adminUserId: room.adminIdentifiers[0] ?? 'administrator',
        restBaseUrl: room.httpUrl,
      },
      SECRET_KEY,
      { createPort: async () => port },
    )
    await backend.start()

    const { members: before, missing } = await backend.members()
    expect(missing).toEqual([])
    expect(before.map((m) => m.userId)).toEqual(expect.arrayContaining(['mina', 'joon']))
    expect(before.find((m) => m.userId === 'mina')).toMatchObject({ role: 'Member', muteUntil: 0 })

    const startedAt = Date.now()
    const banUntil = await backend.ban('mina', 3600, 'spam')
    expect(banUntil).toBeGreaterThanOrEqual(startedAt + 3600_000)
    const { members: after } = await backend.members()
    expect(after.map((m) => m.userId)).not.toContain('mina')
    expect(after.map((m) => m.userId)).toContain('joon')
    expect(await backend.ban('mina', 0)).toBe(0)
    await backend.stop()
  })

  it('kicks with the secret key as ban + unban over REST: out now, and back at once', async () => {
    const { client } = await joinMain(room, 'kim', { nick: 'kim' })
    viewers.push(client)
    const port = new FakeChatPort()
    port.profile = { ...port.profile, groupID: room.defaultRoomId, ownerID: room.ownerId }
    const backend = buildTencentBackend(
      {
        sdkAppId: SDK_APP_ID,
        groupId: room.defaultRoomId,
        userId: 'anchor',
        adminUserId: room.adminIdentifiers[0] ?? 'administrator',
        restBaseUrl: room.httpUrl,
      },
      SECRET_KEY,
      { createPort: async () => port },
    )
    await backend.start()
    await backend.kick('kim', 'cool off')
    expect(await client.waitFor((f) => f.type === 'member-banned')).toMatchObject({
      userIds: ['kim'],
      reason: 'cool off',
    })
    // Not the SDK's deleteGroupMember: REST can lift the ban at once, and did.
    expect(port.calls.some((c) => c.startsWith('deleteGroupMember'))).toBe(false)
    expect((await client.request({ type: 'join', groupId: room.defaultRoomId })).code).toBe(0)
    await backend.stop()
  })

  it('falls back to REST get_online_member_num for the online count when the SDK call fails', async () => {
    const port = new FakeChatPort()
    // A count no room has: the first REST read always differs from it and is reported.
    port.profile = { ...port.profile, groupID: room.defaultRoomId, memberCount: -1 }
    port.onlineCount = { code: 2996, message: 'getGroupOnlineMemberCount is rate-limited' }
    const backend = buildTencentBackend(
      {
        sdkAppId: SDK_APP_ID,
        groupId: room.defaultRoomId,
        userId: 'anchor',
        adminUserId: room.adminIdentifiers[0] ?? 'administrator',
        restBaseUrl: room.httpUrl,
      },
      SECRET_KEY,
      { createPort: async () => port, onlineCountEveryMs: 50 },
    )
    const counts: number[] = []
    backend.onEvent((e) => {
      if (e.type === 'online-count') counts.push(e.count)
    })
    await backend.start()
    await until(() => counts.length >= 2, 'the first REST read')
    const before = counts.at(-1) ?? 0
    const { client } = await joinMain(room, 'hana', { nick: 'hana' })
    viewers.push(client)
    await until(() => counts.at(-1) === before + 1, 'the polled count to include the new viewer')
    await backend.stop()
    // Stopped: no more reads, no more events.
    const seen = counts.length
    await new Promise((r) => setTimeout(r, 200))
    expect(counts.length).toBe(seen)
  })

  it("rejects with Tencent's code when the admin's UserSig is signed with another key", async () => {
    const backend = buildTencentBackend(
      {
        sdkAppId: SDK_APP_ID,
        groupId: room.defaultRoomId,
        userId: 'anchor',
        adminUserId: 'administrator',
        restBaseUrl: room.httpUrl,
      },
      'not-the-room-secret-key',
      { createPort: async () => new FakeChatPort() },
    )
    const failure = await backend.members().catch((e: unknown) => e)
    // Reference §12: a sig signed with another key fails verification, 70009.
    expect(failure).toMatchObject({ name: 'RoomError', code: 70009 })
  })
})

/** Room connection settings through the console's own dispatch, across a restart. */
describe('room connection settings in the console', () => {
  let dir: string
  let app: ConsoleApp | null = null
  const port = new FakeChatPort()

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-room-connection-'))
  })
  afterAll(async () => {
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function value<T>(name: CommandName, input: unknown): Promise<T> {
    const result: Result<unknown> = await app!.dispatch(name, input, here)
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
    return result.value as T
  }
  const start = async () => {
    app = await startConsole({
      dataDir: dir,
      host: 'browser',
      version: 'test',
      log: () => {},
      tencent: { createPort: async () => port },
    })
  }
  /**
   * The console opens at once; the Tencent join ends behind it (perhaps before startConsole
   * resolved) and every console then gets the room as a whole.
   */
  const joinEnded = async (): Promise<void> => {
    const replaced = new Promise<void>((resolve) => {
      const stop = app!.events.subscribe((events) => {
        if (events.some((e) => e.name === 'room:snapshot-replaced')) {
          stop()
          resolve()
        }
      })
    })
    const now = await value<RoomConnectionSnapshot>('room:get-connection', {})
    if (now.joining) await replaced
  }
  const tencent = {
    sdkAppId: SDK_APP_ID,
    groupId: '@TGS#aLIVE01',
    userId: 'anchor_01',
    adminUserId: 'administrator',
    restBaseUrl: 'https://adminapikr.im.qcloud.com',
  }

  it('defaults to the embedded room, saves Tencent settings and never returns the key', async () => {
    await start()
    const initial = await value<RoomConnectionSnapshot>('room:get-connection', {})
    expect(initial).toEqual({
      settings: { backend: 'embedded' },
      active: 'embedded',
      restartRequired: false,
      secretKeySet: false,
      secretStorage: 'file',
      joining: false,
      startError: null,
    })

    const bad = await app!.dispatch(
      'room:save-connection',
      { backend: 'tencent', tencent: { ...tencent, userId: 'anchor 01' } },
      here,
    )
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 1002, message: expect.stringContaining('tencent.userId') },
    })

    const saved = await value<RoomConnectionSnapshot>('room:save-connection', {
      backend: 'tencent',
      tencent,
    })
    expect(saved).toMatchObject({
      settings: { backend: 'tencent', tencent },
      active: 'embedded',
      restartRequired: true,
    })
    const keyed = await app!.dispatch('room:set-secret-key', { value: SECRET_KEY }, here)
    expect(keyed).toMatchObject({ ok: true, value: { secretKeySet: true } })
    expect(JSON.stringify(keyed)).not.toContain(SECRET_KEY)
    const read = await app!.dispatch('room:get-connection', {}, here)
    expect(JSON.stringify(read)).not.toContain(SECRET_KEY)
    expect(read).toMatchObject({ ok: true, value: { settings: { backend: 'tencent', tencent } } })

    // The embedded room keeps running until the restart.
    const snapshot = await value<RoomSnapshot>('room:get-snapshot', {})
    expect(snapshot.roomId).toBe(app!.room.defaultRoomId)
  })

  it('joins the Tencent room at the next start, signed in with a UserSig from the key', async () => {
    await app!.close()
    app = null
    await start()
    await joinEnded()
    const connection = await value<RoomConnectionSnapshot>('room:get-connection', {})
    expect(connection).toMatchObject({
      active: 'tencent',
      restartRequired: false,
      joining: false,
      startError: null,
    })
    const snapshot = await value<RoomSnapshot>('room:get-snapshot', {})
    expect(snapshot).toMatchObject({
      roomId: '@TGS#aLIVE01',
      name: 'Friday show',
      connection: 'connected',
      selfUserId: 'anchor_01',
      viewerUrl: '',
    })
    const login = port.calls.find((c) => c.startsWith('login '))!
    const [, userId, userSig] = login.split(' ')
    expect(userId).toBe('anchor_01')
    expect(
      verifyUserSig({
        userSig: userSig!,
        sdkAppId: SDK_APP_ID,
        secretKey: SECRET_KEY,
        userId: 'anchor_01',
        nowSeconds: Math.floor(Date.now() / 1000),
      }).ok,
    ).toBe(true)
  })

  it('still opens when the Tencent room refuses, and says why', async () => {
    await app!.close()
    app = null
    port.loginError = { code: 70001, message: 'UserSig expired' }
    await start()
    await joinEnded()
    const connection = await value<RoomConnectionSnapshot>('room:get-connection', {})
    expect(connection.startError).toEqual({ code: 70001, message: 'UserSig expired' })
    const snapshot = await value<RoomSnapshot>('room:get-snapshot', {})
    expect(snapshot.connection).toBe('disconnected')
    // Settings can be put back to the embedded room from here.
    await value('room:save-connection', { backend: 'embedded' })
    expect(await value<RoomConnectionSnapshot>('room:get-connection', {})).toMatchObject({
      settings: { backend: 'embedded' },
      restartRequired: true,
    })
  })
})

/** Issue 9 §6: Tencent unreachable or misconfigured at start-up. */
describe('a Tencent room that does not answer at start-up', () => {
  let dir: string
  let app: ConsoleApp | null = null
  const clock = manualClock()
  const port = new FakeChatPort()
  let answering = false
  const login = port.login.bind(port)
  port.login = (userId, userSig) => (answering ? login(userId, userSig) : new Promise(() => {}))

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-tencent-down-'))
    const first = await startConsole({
      dataDir: dir,
      host: 'browser',
      version: 'test',
      log: () => {},
    })
    await first.dispatch(
      'room:save-connection',
      {
        backend: 'tencent',
        tencent: { sdkAppId: SDK_APP_ID, groupId: '@TGS#aLIVE01', userId: 'anchor_01' },
      },
      here,
    )
    await first.dispatch('room:set-secret-key', { value: SECRET_KEY }, here)
    await first.close()
  })
  afterAll(async () => {
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /**
   * The first replaced snapshot in `state`. A Retry replaces the snapshot twice — "connecting" at
   * once, then the outcome — and the two may come in one batch of events or in two.
   */
  const replaced = (state: RoomSnapshot['connection']) =>
    new Promise<RoomSnapshot>((resolve) => {
      const stop = app!.events.subscribe((events) => {
        const event = events.find(
          (e) =>
            e.name === 'room:snapshot-replaced' && (e.payload as RoomSnapshot).connection === state,
        )
        if (event) {
          stop()
          resolve(event.payload as RoomSnapshot)
        }
      })
    })
  const connection = async () => {
    const result = await app!.dispatch('room:get-connection', {}, here)
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    return result.value as RoomConnectionSnapshot
  }

  it('opens the console at once, says in words what failed after the time limit, and joins on Retry', async () => {
    // The SDK's sign-in never answers, yet the console is up: startConsole does not wait for it.
    app = await startConsole({
      dataDir: dir,
      host: 'browser',
      version: 'test',
      log: () => {},
      tencent: { createPort: async () => port, setTimer: clock.setTimer },
    })
    expect(await connection()).toMatchObject({ active: 'tencent', joining: true, startError: null })
    const snapshot = await app.dispatch('room:get-snapshot', {}, here)
    expect(snapshot).toMatchObject({ ok: true, value: { connection: 'connecting' } })

    const failed = replaced('disconnected')
    await clock.advanceAsync(TENCENT_CALL_TIMEOUT_MS)
    expect((await failed).connection).toBe('disconnected')
    const down = await connection()
    expect(down).toMatchObject({
      joining: false,
      startError: {
        code: ContractCode.notConnected,
        params: { reason: 'imTimeout', step: 'login', seconds: TENCENT_CALL_TIMEOUT_MS / 1000 },
      },
    })
    // What the room connection section shows, in words (not "Error 2801").
    expect(errorMessage(down.startError!)).toBe(
      'Tencent IM did not answer the sign-in within 15 s. Check the SDKAppID, the network, and that this computer can reach Tencent Cloud, then Retry.',
    )

    answering = true
    const joined = replaced('connected')
    const retry = await app.dispatch('room:retry-connection', {}, here)
    expect(retry).toMatchObject({ ok: true, value: { startError: null } })
    expect(await joined).toMatchObject({ connection: 'connected', name: 'Friday show' })
    expect(await connection()).toMatchObject({ joining: false, startError: null })
  })
})
