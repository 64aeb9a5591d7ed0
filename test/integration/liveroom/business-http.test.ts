import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import {
  BUSINESS_HTTP_PREFIX,
  createBusinessHttp,
  type BusinessRequest,
} from '../../../src-main/liveroom/business/business-http'

/** The business host's HTTP API as a viewer page or a console calls it: every byte untrusted. */
let server: http.Server | undefined
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

async function serve() {
  const seen: BusinessRequest[] = []
  const handle = createBusinessHttp({
    routes: [
      {
        method: 'POST',
        path: 'gifts/orders',
        handle: (request) => {
          seen.push(request)
          return { status: 200, body: { ok: true, you: request.caller?.userId } }
        },
      },
      {
        method: 'GET',
        path: 'gifts/catalogue',
        authenticated: false,
        handle: () => ({ status: 200, body: [] }),
      },
      {
        method: 'GET',
        path: 'boom',
        authenticated: false,
        handle: () => {
          throw new Error('internal detail')
        },
      },
    ],
    verifyUserSig: (userId, userSig) => userId === 'v_ann' && userSig === 'good-sig',
    log: () => {},
    maxBodyBytes: 100,
  })
  server = http.createServer((request, response) => {
    if ((request.url ?? '').startsWith(BUSINESS_HTTP_PREFIX)) void handle(request, response)
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}${BUSINESS_HTTP_PREFIX}`
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(base + path, init)
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
  return { call, seen }
}

const json = (body: unknown, sig?: string): RequestInit => ({
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    ...(sig ? { Authorization: `UserSig v_ann ${sig}` } : {}),
  },
  body: JSON.stringify(body),
})

describe('the business HTTP API', () => {
  it('answers an authenticated request with the route, naming its caller', async () => {
    const { call, seen } = await serve()
    expect(await call('gifts/orders', json({ giftId: 'rose' }, 'good-sig'))).toEqual({
      status: 200,
      body: { ok: true, you: 'v_ann' },
    })
    expect(seen[0]).toMatchObject({
      body: { giftId: 'rose' },
      caller: { userId: 'v_ann', address: '127.0.0.1' },
    })
    expect((await call('gifts/catalogue')).status).toBe(200)
  })

  it('refuses without a valid UserSig, other methods, other types, big or broken bodies, unknown paths', async () => {
    const { call, seen } = await serve()
    expect(await call('gifts/orders', json({}))).toMatchObject({
      status: 401,
      body: { code: ErrorCode.userSigVerificationFailed },
    })
    expect((await call('gifts/orders', json({}, 'forged'))).status).toBe(401)
    expect((await call('gifts/orders')).status).toBe(405)
    expect(
      (
        await call('gifts/orders', {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain', Authorization: 'UserSig v_ann good-sig' },
          body: '{}',
        })
      ).status,
    ).toBe(415)
    expect((await call('gifts/orders', json({ pad: 'x'.repeat(200) }, 'good-sig'))).status).toBe(
      413,
    )
    expect(
      await call('gifts/orders', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'UserSig v_ann good-sig' },
        body: '{not json',
      }),
    ).toMatchObject({ status: 400, body: { code: ErrorCode.requestJsonInvalid } })
    expect((await call('nope')).status).toBe(404)
    expect(seen).toEqual([])
  })

  it('answers a failing route with 500 and no internals', async () => {
    const { call } = await serve()
    const answer = await call('boom')
    expect(answer).toMatchObject({ status: 500, body: { code: ErrorCode.internal } })
    expect(JSON.stringify(answer.body)).not.toContain('internal detail')
  })
})
