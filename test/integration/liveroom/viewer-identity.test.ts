import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { connect, rest, startTestRoom, testClock, type TestRoom } from './helpers'

/**
 * Issue 9, §2: identities that stick and bans that hold, against a real room. An address is the
 * client's IP as the server sees it; each loopback address stands in for another person.
 */

interface SessionAnswer {
  status: number
  body: Record<string, unknown> & { userId?: string; userSig?: string; nick?: string }
  cookie: string | undefined
}

/** POST /api/viewer-session from `localAddress`, with the cookie a browser would send. */
function session(
  t: TestRoom,
  nickname: string,
  options: { localAddress?: string; cookie?: string; contentType?: string } = {},
): Promise<SessionAnswer> {
  const url = new URL(`${t.room.httpUrl}/api/viewer-session`)
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        localAddress: options.localAddress ?? '127.0.0.1',
        headers: {
          'Content-Type': options.contentType ?? 'application/json',
          ...(options.cookie ? { Cookie: options.cookie } : {}),
        },
      },
      (response) => {
        let text = ''
        response.on('data', (chunk) => (text += chunk))
        response.on('end', () => {
          const setCookie = response.headers['set-cookie']?.[0]
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(text) as SessionAnswer['body'],
            cookie: setCookie?.split(';')[0],
          })
        })
      },
    )
    request.on('error', reject)
    request.end(JSON.stringify({ nickname }))
  })
}

async function joinAs(t: TestRoom, answer: SessionAnswer, localAddress = '127.0.0.1') {
  const client = await connect(t.room.wsUrl, localAddress)
  const login = await client.request({
    type: 'login',
    version: 2,
    sdkAppId: t.room.sdkAppId,
    userId: answer.body.userId!,
    userSig: answer.body.userSig!,
    nick: answer.body.nick!,
  })
  expect(login.code).toBe(0)
  return { client, join: await client.request({ type: 'join', groupId: 'main' }) }
}

describe('a viewer’s identity', () => {
  it('stays the same across reloads with its credential, whatever nickname they give', async () => {
    const t = await startTestRoom()
    const first = await session(t, 'Mina')
    expect(first.status).toBe(200)
    expect(first.cookie).toMatch(/^livedesk_viewer=v_[a-z0-9]{12}\./)
    const reload = await session(t, 'Mina 민아', { cookie: first.cookie })
    expect(reload.body).toMatchObject({ userId: first.body.userId, nick: 'Mina 민아' })
    // Another browser (no cookie) is another person.
    const other = await session(t, 'Mina')
    expect(other.body.userId).not.toBe(first.body.userId)
    // A forged or altered credential is no identity at all: a new one is made.
    const forged = `${first.cookie!.slice(0, -4)}AAAA`
    expect((await session(t, 'Mina', { cookie: forged })).body.userId).not.toBe(first.body.userId)
  })

  it('is banned, not its nickname: a reload under the same name is still out', async () => {
    const t = await startTestRoom()
    const banned = await session(t, 'Troll', { localAddress: '127.0.0.21' })
    expect(
      await rest(t, 'group_open_http_svc/ban_group_member', {
        GroupId: 'main',
        Members_Account: [banned.body.userId],
        Duration: 3600,
      }),
    ).toMatchObject({ ErrorCode: 0 })
    const again = await session(t, 'Troll', { cookie: banned.cookie, localAddress: '127.0.0.21' })
    expect(again.body.userId).toBe(banned.body.userId)
    const { join } = await joinAs(t, again, '127.0.0.21')
    expect(join).toMatchObject({
      code: ErrorCode.noPermission,
      data: { bannedUntil: expect.any(Number) },
    })
  })

  it('a ban also keeps out identities minted later from the same address, not earlier ones or other addresses', async () => {
    const t = await startTestRoom()
    const housemate = await session(t, 'Housemate', { localAddress: '127.0.0.31' })
    const troll = await session(t, 'Troll', { localAddress: '127.0.0.31' })
    await rest(t, 'group_open_http_svc/ban_group_member', {
      GroupId: 'main',
      Members_Account: [troll.body.userId],
      Duration: 600,
    })
    // The troll clears cookies and comes back as "someone new" from the same address.
    const fresh = await session(t, 'Newcomer', { localAddress: '127.0.0.31' })
    expect(fresh.body.userId).not.toBe(troll.body.userId)
    expect((await joinAs(t, fresh, '127.0.0.31')).join).toMatchObject({
      code: ErrorCode.noPermission,
    })
    // Someone else in the house, whose identity is older than the ban, still watches.
    expect((await joinAs(t, housemate, '127.0.0.31')).join.code).toBe(0)
    // Someone on another address is not touched.
    const elsewhere = await session(t, 'Elsewhere', { localAddress: '127.0.0.32' })
    expect((await joinAs(t, elsewhere, '127.0.0.32')).join.code).toBe(0)
    // Lifting the troll's ban lifts the address's with it.
    await rest(t, 'group_open_http_svc/unban_group_member', {
      GroupId: 'main',
      Members_Account: [troll.body.userId],
    })
    expect((await joinAs(t, fresh, '127.0.0.31')).join.code).toBe(0)
  })

  it('is minted at most 10 a minute per address, so a household still gets its 5', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    for (let i = 0; i < 10; i++) {
      expect((await session(t, `Guest ${i}`, { localAddress: '127.0.0.41' })).status).toBe(200)
    }
    const refused = await session(t, 'One more', { localAddress: '127.0.0.41' })
    expect(refused).toMatchObject({ status: 429, body: { code: ErrorCode.restRateLimit } })
    // A known viewer (their credential) is not a new identity: still let in.
    const known = await session(t, 'Known', { localAddress: '127.0.0.42' })
    expect(
      (await session(t, 'Known', { localAddress: '127.0.0.41', cookie: known.cookie })).status,
    ).toBe(200)
    // Another address, and the same one a minute later, mint again.
    expect((await session(t, 'Next door', { localAddress: '127.0.0.43' })).status).toBe(200)
    clock.advance(60_001)
    expect((await session(t, 'One more', { localAddress: '127.0.0.41' })).status).toBe(200)
  })

  it('is asked for only as JSON: a cross-site form or text/plain POST gets nothing', async () => {
    const t = await startTestRoom()
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
    ]) {
      const answer = await session(t, 'Mina', { contentType })
      expect(answer.status).toBe(415)
      expect(answer.cookie).toBeUndefined()
    }
  })
})

describe('abandoned identities', () => {
  it('are forgotten after 90 days unused, unless a mute or ban still holds them', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const gone = await session(t, 'Passer-by')
    const muted = await session(t, 'Muted')
    await rest(t, 'group_open_http_svc/forbid_send_msg', {
      GroupId: 'main',
      Members_Account: [muted.body.userId],
      ShutUpTime: 200 * 86_400,
    })
    clock.advance(91 * 86_400_000)
    // The room prunes when it starts (and once a day).
    await t.restart()
    expect((await session(t, 'Passer-by', { cookie: gone.cookie })).body.userId).not.toBe(
      gone.body.userId,
    )
    expect((await session(t, 'Muted', { cookie: muted.cookie })).body.userId).toBe(
      muted.body.userId,
    )
  })
})

describe('anonymous viewers on one address', () => {
  it('share a flood gate four times one person’s, so forty identities of one person cannot spam', async () => {
    const t = await startTestRoom()
    const spammers = []
    for (let i = 0; i < 8; i++) {
      const answer = await session(t, `Spam ${i}`, { localAddress: '127.0.0.51' })
      spammers.push((await joinAs(t, answer, '127.0.0.51')).client)
    }
    const codes: number[] = []
    for (const spammer of spammers) {
      for (let n = 0; n < 2; n++) {
        const ack = await spammer.request({
          type: 'send',
          groupId: 'main',
          msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'buy now' } }],
        })
        codes.push(ack.code)
      }
    }
    // Each sent only 2 (under their own 3 in 2 s), yet after 12 the address is held.
    expect(codes.filter((code) => code === 0)).toHaveLength(12)
    expect(codes.slice(12)).toEqual(new Array(4).fill(ErrorCode.sendFrequencyLimit))
  })
})
