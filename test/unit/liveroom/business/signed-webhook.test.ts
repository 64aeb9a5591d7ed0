import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  postSigned,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  webhookUrl,
} from '../../../../src-main/liveroom/business/signed-webhook'

/** The business host's webhook signature (the media reviewer's and the billing system's). */

const servers: http.Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function serve(handle: http.RequestListener): Promise<URL> {
  const server = http.createServer(handle)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=t`)
}

describe('signWebhook', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>", hex, as openssl computes it', () => {
    // printf '%s' '1700000000.{"type":"charge","orderId":"order-0001"}' |
    //   openssl dgst -sha256 -hmac 'billing-secret'
    expect(
      signWebhook('billing-secret', '1700000000', '{"type":"charge","orderId":"order-0001"}'),
    ).toBe('sha256=e93cb2d8fea171ef3059a7d5fbbf0425316241e50eaf8021693ca7ca1323952d')
    // Another timestamp or one changed byte of the body is another signature.
    expect(
      signWebhook('billing-secret', '1700000001', '{"type":"charge","orderId":"order-0001"}'),
    ).not.toBe('sha256=e93cb2d8fea171ef3059a7d5fbbf0425316241e50eaf8021693ca7ca1323952d')
    expect(
      signWebhook('billing-secret', '1700000000', '{"type":"charge","orderId":"order-0002"}'),
    ).not.toBe('sha256=e93cb2d8fea171ef3059a7d5fbbf0425316241e50eaf8021693ca7ca1323952d')
  })
})

describe('postSigned', () => {
  it('POSTs the body as JSON with the timestamp and a signature that verifies over the raw bytes', async () => {
    const seen: { headers: http.IncomingHttpHeaders; raw: string; url: string }[] = []
    const url = await serve((req, res) => {
      let raw = ''
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
      req.on('end', () => {
        seen.push({ headers: req.headers, raw, url: req.url ?? '' })
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}')
      })
    })
    const body = '{"type":"balance","userId":"v_ann","note":"한국어"}'
    const response = await postSigned(url, 's3cret', body, {
      timeoutMs: 5000,
      now: () => 1_700_000_000_999,
    })
    expect(await response.json()).toEqual({ ok: true })
    const [request] = seen
    expect(request?.url).toBe('/hook?token=t')
    expect(request?.raw).toBe(body)
    expect(request?.headers['content-type']).toBe('application/json')
    expect(request?.headers[TIMESTAMP_HEADER]).toBe('1700000000')
    expect(request?.headers[SIGNATURE_HEADER]).toBe(signWebhook('s3cret', '1700000000', body))
  })

  it('does not follow a redirect, and gives up after its timeout', async () => {
    const redirecting = await serve((_req, res) =>
      res.writeHead(307, { Location: 'http://127.0.0.1:1/elsewhere' }).end(),
    )
    await expect(postSigned(redirecting, 's', '{}', { timeoutMs: 5000 })).rejects.toThrow()
    const silent = await serve(() => undefined)
    await expect(postSigned(silent, 's', '{}', { timeoutMs: 50 })).rejects.toMatchObject({
      name: 'TimeoutError',
    })
  })
})

describe('webhookUrl', () => {
  it('takes http(s) URLs with a secret and refuses the rest with what to fix', () => {
    expect(webhookUrl('https://billing.example/charge', 's', 'The billing webhook').host).toBe(
      'billing.example',
    )
    expect(() => webhookUrl('ftp://billing.example/', 's', 'The billing webhook')).toThrow(
      'The billing webhook must be an http(s) URL, not ftp:',
    )
    expect(() => webhookUrl('https://billing.example/', '', 'The billing webhook')).toThrow(
      'The billing webhook needs a secret to sign with',
    )
  })
})
