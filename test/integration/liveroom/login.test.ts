import { describe, expect, it } from 'vitest'
import { CloseCode, ErrorCode } from '../../../src-shared/protocol/codes'
import { connect, joinNotice, leaveNotice, login, startTestRoom, testClock } from './helpers'

describe('login', () => {
  it('accepts a valid UserSig and answers with the profile nick', async () => {
    const t = await startTestRoom()
    const client = await connect(t.room.wsUrl)
    const ack = await client.request({
      type: 'login',
      version: 1,
      sdkAppId: t.room.sdkAppId,
      userId: 'alice',
      userSig: t.room.signUserSig('alice'),
      nick: '  Alice  ',
    })
    expect(ack).toMatchObject({ code: 0, data: { userId: 'alice', nick: 'Alice' } })
    await client.close()
  })

  it('defaults the nick to the UserID', async () => {
    const t = await startTestRoom()
    const client = await connect(t.room.wsUrl)
    const ack = await client.request({
      type: 'login',
      version: 1,
      sdkAppId: t.room.sdkAppId,
      userId: 'bob',
      userSig: t.room.signUserSig('bob'),
    })
    expect(ack).toMatchObject({ code: 0, data: { nick: 'bob' } })
  })

  it('rejects a forged UserSig and closes with 4001', async () => {
    const t = await startTestRoom()
    const client = await connect(t.room.wsUrl)
    const ack = await client.request({
      type: 'login',
      version: 1,
      sdkAppId: t.room.sdkAppId,
      userId: 'alice',
      userSig: t.room.signUserSig('mallory'),
    })
    expect(ack.code).toBe(ErrorCode.identifierMismatch)
    await client.waitFor((f) => f.type === 'kicked' && f.reason === 'userSigInvalid')
    const closed = await client.closed
    expect(closed.code).toBe(CloseCode.userSigInvalid)
    expect(closed.reason).toMatch(/another UserID/)
  })

  it('rejects garbage as a UserSig', async () => {
    const t = await startTestRoom()
    const client = await connect(t.room.wsUrl)
    const ack = await client.request({
      type: 'login',
      version: 1,
      sdkAppId: t.room.sdkAppId,
      userId: 'alice',
      userSig: 'not-a-sig',
    })
    expect(ack.code).toBe(ErrorCode.userSigInvalid)
    expect((await client.closed).code).toBe(CloseCode.userSigInvalid)
  })

  it('rejects an expired UserSig and closes with 4002', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const sig = t.room.signUserSig('alice', 60)
    clock.advance(61_000)
    const client = await connect(t.room.wsUrl)
    const ack = await client.request({
      type: 'login',
      version: 1,
      sdkAppId: t.room.sdkAppId,
      userId: 'alice',
      userSig: sig,
    })
    expect(ack.code).toBe(ErrorCode.userSigExpired)
    await client.waitFor((f) => f.type === 'kicked' && f.reason === 'userSigExpired')
    const closed = await client.closed
    expect(closed.code).toBe(CloseCode.userSigExpired)
    expect(closed.reason).toMatch(/expired/)
  })

  it('rejects a login for another SDKAppID', async () => {
    const t = await startTestRoom()
    const client = await connect(t.room.wsUrl)
    const ack = await client.request({
      type: 'login',
      version: 1,
      sdkAppId: t.room.sdkAppId + 1,
      userId: 'alice',
      userSig: t.room.signUserSig('alice'),
    })
    expect(ack.code).toBe(ErrorCode.sdkAppIdMismatch)
    expect((await client.closed).code).toBe(CloseCode.userSigInvalid)
  })

  it('rejects a sig signed with another secret key', async () => {
    const t = await startTestRoom({ secretKey: 'one-key' })
    const other = await startTestRoom({ secretKey: 'another-key', sdkAppId: t.room.sdkAppId })
    try {
      const client = await connect(t.room.wsUrl)
      const ack = await client.request({
        type: 'login',
        version: 1,
        sdkAppId: t.room.sdkAppId,
        userId: 'alice',
        userSig: other.room.signUserSig('alice'),
      })
      // Reference §12: 70009, verification failed (70003 is for a sig that cannot be parsed).
      expect(ack.code).toBe(ErrorCode.userSigVerificationFailed)
      expect((await client.closed).code).toBe(CloseCode.userSigInvalid)
    } finally {
      await other.cleanup()
    }
  })

  it('answers requests before login with 6014 and keeps the socket open', async () => {
    const t = await startTestRoom()
    const client = await connect(t.room.wsUrl)
    const ack = await client.request({ type: 'join', groupId: 'main' })
    expect(ack.code).toBe(ErrorCode.notLoggedIn)
    const logged = await client.request({
      type: 'login',
      version: 1,
      sdkAppId: t.room.sdkAppId,
      userId: 'alice',
      userSig: t.room.signUserSig('alice'),
    })
    expect(logged.code).toBe(0)
  })

  it('rejects an invalid nick without closing', async () => {
    const t = await startTestRoom()
    const client = await connect(t.room.wsUrl)
    const ack = await client.request({
      type: 'login',
      version: 1,
      sdkAppId: t.room.sdkAppId,
      userId: 'alice',
      userSig: t.room.signUserSig('alice'),
      nick: 'a\u0007b',
    })
    expect(ack.code).toBe(ErrorCode.invalidParameter)
    expect((await client.request({ type: 'ping' })).code).toBe(ErrorCode.notLoggedIn)
  })

  it('closes a connection that speaks another protocol version with 4005', async () => {
    const t = await startTestRoom()
    const client = await connect(t.room.wsUrl)
    client.sendRaw(
      JSON.stringify({ type: 'login', seq: 1, version: 4, sdkAppId: 1, userId: 'a', userSig: 'x' }),
    )
    const ack = await client.waitFor((f) => f.type === 'ack' && f.seq === 1)
    expect(ack).toMatchObject({ code: ErrorCode.invalidParameter })
    expect((await client.closed).code).toBe(CloseCode.protocolVersion)
  })

  it('reports a replacing login with one State.StateChange: the Login, naming the kicked device', async () => {
    const t = await startTestRoom()
    const changes: { Action: string; To_Account: string; kicked: boolean }[] = []
    t.room.onCallback('State.StateChange', (body) =>
      changes.push({ ...body.Info, kicked: body.KickedDevice !== undefined }),
    )
    const first = await login(t.room, 'alice')
    const second = await login(t.room, 'alice')
    expect((await first.closed).code).toBe(CloseCode.replaced)
    // The old connection's close is handled by now; a round trip on the new one confirms it.
    expect((await second.request({ type: 'ping' })).code).toBe(0)
    // Reference §12 (Web SDK ≥ 2.14.0): no Logout for the replaced connection.
    expect(changes).toEqual([
      { Action: 'Login', To_Account: 'alice', Reason: 'Register', kicked: false },
      { Action: 'Login', To_Account: 'alice', Reason: 'Register', kicked: true },
    ])
    await second.close()
    await login(t.room, 'bob')
    expect(changes.at(-2)).toMatchObject({ Action: 'Logout', To_Account: 'alice' })
  })

  it('kicks the older connection when the same user logs in again', async () => {
    const t = await startTestRoom()
    const first = await login(t.room, 'alice')
    await first.request({ type: 'join', groupId: 'main' })
    const watcher = await login(t.room, 'bob')
    await watcher.request({ type: 'join', groupId: 'main' })
    // Seen joining first: a join and a leave within one notice interval cancel out.
    await joinNotice(watcher, 'alice')

    const second = await login(t.room, 'alice')
    const kicked = await first.waitFor((f) => f.type === 'kicked')
    expect(kicked).toEqual({ type: 'kicked', reason: 'multipleAccount', code: CloseCode.replaced })
    expect(await first.closed).toEqual({ code: CloseCode.replaced, reason: 'multipleAccount' })
    await leaveNotice(watcher, 'alice')

    expect((await second.request({ type: 'ping' })).code).toBe(0)
    const joined = await second.request({ type: 'join', groupId: 'main' })
    expect(joined).toMatchObject({ code: 0, data: { group: { onlineCount: 2 } } })
  })
})
