import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImRestClient } from '../../../src-main/common/im-rest-client'

interface Seen {
  method: string
  path: string
  query: URLSearchParams
  contentType: string
  body: string
}

/** A stub of Tencent's REST host: answers whatever the test sets, records what it was asked. */
describe('ImRestClient envelope', () => {
  let server: http.Server
  let baseUrl: string
  let seen: Seen[] = []
  let answer: { status: number; body: string } = { status: 200, body: '{}' }

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://stub')
        seen.push({
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          contentType: req.headers['content-type'] ?? '',
          body,
        })
        res.writeHead(answer.status, { 'Content-Type': 'application/json' })
        res.end(answer.body)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  const client = (overrides: Partial<ConstructorParameters<typeof ImRestClient>[0]> = {}) => {
    let sigs = 0
    return new ImRestClient({
      baseUrl,
      sdkAppId: 1400000001,
      identifier: 'administrator',
      userSig: () => `sig-${++sigs}`,
      ...overrides,
    })
  }
  const reply = (body: unknown, status = 200) => {
    seen = []
    answer = { status, body: typeof body === 'string' ? body : JSON.stringify(body) }
  }

  it("POSTs Tencent's URL and JSON body, with a fresh UserSig each call, and returns the fields", async () => {
    reply({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', OnlineMemberNum: 3 })
    const rest = client()
    const first = await rest.call('group_open_http_svc', 'get_online_member_num', { GroupId: 'g' })
    await rest.call('group_open_http_svc', 'get_online_member_num', { GroupId: 'g' })
    expect(first).toMatchObject({ ActionStatus: 'OK', OnlineMemberNum: 3 })
    const [a, b] = seen
    expect(a).toMatchObject({
      method: 'POST',
      path: '/v4/group_open_http_svc/get_online_member_num',
      contentType: 'application/json',
    })
    expect(JSON.parse(a!.body)).toEqual({ GroupId: 'g' })
    expect(Object.fromEntries(a!.query)).toMatchObject({
      sdkappid: '1400000001',
      identifier: 'administrator',
      usersig: 'sig-1',
      contenttype: 'json',
    })
    // Tencent's random: a uint32, in decimal (a missing one must not pass as Number(null) = 0).
    const random = a!.query.get('random')
    expect(random).toMatch(/^\d{1,10}$/)
    expect(Number(random)).toBeLessThanOrEqual(4_294_967_295)
    expect(b!.query.get('usersig')).toBe('sig-2')
  })

  it("throws Tencent's ErrorCode and ErrorInfo when the envelope says FAIL", async () => {
    reply({
      ActionStatus: 'FAIL',
      ErrorCode: 10007,
      ErrorInfo: 'The group owner cannot be removed',
    })
    await expect(
      client().call('group_open_http_svc', 'delete_group_member', {}),
    ).rejects.toMatchObject({ code: 10007, message: 'The group owner cannot be removed' })
  })

  it('names the command when the room gives no words', async () => {
    reply({ ActionStatus: 'FAIL', ErrorCode: 10003, ErrorInfo: '' })
    await expect(
      client().call('group_open_http_svc', 'ban_group_member', {}),
    ).rejects.toMatchObject({
      code: 10003,
      message: expect.stringContaining('group_open_http_svc/ban_group_member') as unknown,
    })
  })

  it('treats a non-200 answer as 60002 and a 200 that is not the envelope as 60013', async () => {
    reply('<html>Bad gateway</html>', 502)
    await expect(client().call('s', 'c', {})).rejects.toMatchObject({
      code: 60002,
      message: expect.stringContaining('HTTP 502') as unknown,
      params: { status: 502, command: 's/c' },
    })
    reply('not json')
    await expect(client().call('s', 'c', {})).rejects.toMatchObject({ code: 60013 })
    reply({ hello: 'world' })
    await expect(client().call('s', 'c', {})).rejects.toMatchObject({ code: 60013 })
  })

  it('says the API could not be reached (1005) when nobody listens', async () => {
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    await expect(
      client({ baseUrl: `http://127.0.0.1:${port}` }).call('s', 'c', {}),
    ).rejects.toMatchObject({
      code: 1005,
      message: expect.stringContaining('s/c') as unknown,
      params: { reason: 'restUnreachable', command: 's/c' },
    })
  })
})
