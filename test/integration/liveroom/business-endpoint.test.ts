import http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { callbackSign } from '../../../src-main/common/im-callbacks'
import { type BusinessServer, startBusinessServer } from '../../../src-main/liveroom/business'
import { CallbackRefusalCode } from '../../../src-main/liveroom/business/callback-refusal'
import { businessDataDir } from './helpers'

/** The callback endpoint's answers to what Tencent would never send: every byte is untrusted. */

const sdkAppId = 1400000321
const token = 'endpoint-token'

let server: BusinessServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function start(maxBodyBytes?: number): Promise<BusinessServer> {
  server = await startBusinessServer({
    dataDir: businessDataDir(),
    // No REST call is made by these requests; nothing needs to listen there.
    imRestUrl: 'http://127.0.0.1:9',
    sdkAppId,
    secretKey: 'k',
    callbackToken: token,
    maxBodyBytes,
  })
  return server
}

function signedUrl(target: BusinessServer, command = 'State.StateChange'): string {
  const now = Math.floor(Date.now() / 1000)
  const query = new URLSearchParams({
    SdkAppid: String(sdkAppId),
    CallbackCommand: command,
    contenttype: 'json',
    RequestTime: String(now),
    Sign: callbackSign(token, now),
  })
  return `${target.callbackUrl}?${query}`
}

async function answer(url: string, init: RequestInit = {}) {
  const response = await fetch(url, { method: 'POST', ...init })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('business callback endpoint', () => {
  it('refuses a body that is not JSON, not an object, or names another command', async () => {
    const target = await start()
    expect(await answer(signedUrl(target), { body: '{"Info":' })).toMatchObject({
      status: 400,
      body: { ActionStatus: 'FAIL', ErrorCode: CallbackRefusalCode.jsonParse },
    })
    expect(await answer(signedUrl(target), { body: '[1]' })).toMatchObject({
      status: 400,
      body: { ErrorCode: CallbackRefusalCode.invalidBody },
    })
    expect(
      await answer(signedUrl(target), {
        body: JSON.stringify({ CallbackCommand: 'Group.CallbackAfterSendMsg' }),
      }),
    ).toMatchObject({ status: 400, body: { ErrorCode: CallbackRefusalCode.badRequest } })
    expect(
      await answer(signedUrl(target), { body: JSON.stringify({ Info: { Action: 'Dance' } }) }),
    ).toMatchObject({
      status: 400,
      body: {
        ErrorCode: CallbackRefusalCode.invalidBody,
        ErrorInfo: expect.stringContaining('Info.Action'),
      },
    })
  })

  it('refuses a body over the limit, declared or streamed', async () => {
    const target = await start(1024)
    const big = JSON.stringify({
      Info: { Action: 'Login', To_Account: 'x'.repeat(2000), Reason: 'R' },
    })
    expect(await answer(signedUrl(target), { body: big })).toMatchObject({
      status: 413,
      body: { ErrorCode: CallbackRefusalCode.tooBig },
    })
    // Chunked, with no Content-Length to refuse it early.
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(signedUrl(target), { method: 'POST' }, (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
      })
      request.on('error', reject)
      for (let i = 0; i < 4; i++) request.write(big.slice(i * 500, (i + 1) * 500))
      request.end(big.slice(2000))
    })
    expect(status).toBe(413)
  })

  it('serves only POST on its path, and a health check', async () => {
    const target = await start()
    const get = await fetch(target.callbackUrl)
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    expect(await answer(`${target.url}/elsewhere`)).toMatchObject({
      status: 404,
      body: {
        ErrorCode: CallbackRefusalCode.notFound,
        ErrorInfo: expect.stringContaining('/callbacks/im'),
      },
    })
    expect((await fetch(`${target.url}/healthz`)).status).toBe(200)
  })

  it('refuses an unsigned request without reading its body', async () => {
    const target = await start()
    const unsigned = `${target.callbackUrl}?SdkAppid=${sdkAppId}&CallbackCommand=State.StateChange`
    expect(await answer(unsigned, { body: 'not even json' })).toMatchObject({
      status: 401,
      body: { ErrorCode: CallbackRefusalCode.signMissing },
    })
  })
})
