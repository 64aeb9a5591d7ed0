import net from 'node:net'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { PROTOCOL_PATH } from '../../../src-shared/protocol/frames'
import { callbackSign } from '../../../src-main/common/im-callbacks'
import { startBusinessServer } from '../../../src-main/liveroom/business'
import { businessDataDir, startTestRoom, waitTimeoutMs } from './helpers'

/** One raw HTTP exchange: what the server answers (its first line) and when it hung up. */
function rawExchange(
  port: number,
  request: string,
): Promise<{ firstLine: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    let received = ''
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request))
    socket.on('data', (chunk) => (received += chunk.toString()))
    socket.on('close', () =>
      resolve({ firstLine: received.split('\r\n')[0] ?? '', closedAfterMs: Date.now() - started }),
    )
    socket.on('error', reject)
    socket.setTimeout(waitTimeoutMs, () => {
      socket.destroy()
      reject(new Error(`still open after ${waitTimeoutMs} ms: ${received}`))
    })
  })
}

const slowBody = (host: string) =>
  `POST /api/viewer-session HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"nick`

function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers })
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.on('open', () => {
      ws.close()
      resolve(101)
    })
    ws.on('error', () => resolve(-1))
  })
}

describe('the room server against DNS rebinding (issue 9 §5)', () => {
  it('answers its IP, localhost and the names it was given, and refuses any other Host', async () => {
    const t = await startTestRoom({ allowedHosts: ['room.example.com'] })
    const port = t.room.port
    const get = (host: string) =>
      rawExchange(port, `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)
    expect((await get(`127.0.0.1:${port}`)).firstLine).toBe('HTTP/1.1 200 OK')
    expect((await get(`localhost:${port}`)).firstLine).toBe('HTTP/1.1 200 OK')
    expect((await get(`192.0.2.10:${port}`)).firstLine).toBe('HTTP/1.1 200 OK')
    expect((await get('room.example.com')).firstLine).toBe('HTTP/1.1 200 OK')
    expect((await get(`evil.example:${port}`)).firstLine).toBe('HTTP/1.1 403 Forbidden')
    expect((await get('')).firstLine).toMatch(/^HTTP\/1\.1 (400|403)/)

    const ws = `ws://127.0.0.1:${port}${PROTOCOL_PATH}`
    expect(await upgradeStatus(ws, {})).toBe(101)
    expect(await upgradeStatus(ws, { host: `evil.example:${port}` })).toBe(403)
  })
})

describe('time limits of the HTTP servers (issue 9 §7)', () => {
  const limits = { headersMs: 300, requestMs: 600, keepAliveMs: 300 }

  it('the room server ends a request whose body does not come, and one that never says anything', async () => {
    const t = await startTestRoom({ httpTimeLimits: limits })
    const slow = await rawExchange(t.room.port, slowBody('127.0.0.1'))
    expect(slow.firstLine).toBe('HTTP/1.1 408 Request Timeout')
    expect(slow.closedAfterMs).toBeLessThan(limits.requestMs + 1500)
    const silent = await rawExchange(t.room.port, '')
    expect(silent.closedAfterMs).toBeLessThan(limits.headersMs + 1500)
    // A request in time is answered as ever.
    expect((await fetch(`${t.room.httpUrl}/healthz`)).status).toBe(200)
  })

  it('so does the business host', async () => {
    const server = await startBusinessServer({
      dataDir: businessDataDir(),
      imRestUrl: 'http://127.0.0.1:9',
      sdkAppId: 1400000001,
      secretKey: 'key',
      callbackToken: 'token',
      httpTimeLimits: limits,
    })
    try {
      // A callback that passes the query's checks, so the host waits for its body.
      const now = Math.floor(Date.now() / 1000)
      const query = new URLSearchParams({
        SdkAppid: '1400000001',
        CallbackCommand: 'State.StateChange',
        contenttype: 'json',
        RequestTime: String(now),
        Sign: callbackSign('token', now),
      })
      const slow = await rawExchange(
        server.port,
        `POST /callbacks/im?${query} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{`,
      )
      expect(slow.firstLine).toBe('HTTP/1.1 408 Request Timeout')
      expect(slow.closedAfterMs).toBeLessThan(limits.requestMs + 1500)
    } finally {
      await server.close()
    }
  })
})
