import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import https from 'node:https'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import {
  ACCESS_RESET_CLOSE,
  ContractCode,
  type AccessSnapshot,
  type HostServerFrame,
  type Result,
  type StageSnapshot,
} from '../../../src-shared/contract'
import { startConsole, type ConsoleApp } from '../../../src-main/console/console-app'
import { AccessLink, browserConsoleReach } from '../../../src-main/host/access-link'
import { startBrowserHost, type BrowserHost } from '../../../src-main/host/browser-host'
import { lanAddresses } from '../../../src-main/common/lan'

/** A contract socket: calls answered in order of their ids; how it closed, when it did. */
class Client {
  private nextId = 1
  private readonly waiting = new Map<number, (r: Result<unknown>) => void>()
  readonly closed: Promise<number>
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as HostServerFrame
      if (frame.kind === 'result') this.waiting.get(frame.id)?.(frame.result)
    })
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)))
  }
  static open(
    url: string,
    headers: Record<string, string> = {},
    options: WebSocket.ClientOptions = {},
  ) {
    const ws = new WebSocket(url, { headers, ...options })
    return new Promise<Client>((resolve, reject) => {
      ws.once('open', () => resolve(new Client(ws)))
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
      ws.once('error', reject)
    })
  }
  call<T = unknown>(name: string, input: unknown = {}): Promise<Result<T>> {
    const id = this.nextId++
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (r: Result<unknown>) => void)
      this.ws.send(JSON.stringify({ kind: 'call', id, name, input }))
    })
  }
  async value<T>(name: string, input: unknown = {}): Promise<T> {
    const result = await this.call<T>(name, input)
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`)
    return result.value
  }
}

/** The upgrade's answer: 101, or the HTTP status it was refused with. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
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

/** A GET with a Host of our choosing (fetch will not send another Host). */
function rawGet(port: number, path: string, host: string, extra = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = ''
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`),
    )
    socket.on('data', (chunk) => (received += chunk.toString()))
    socket.on('close', () => resolve(received))
    socket.on('error', reject)
  })
}

function stubRenderer(dir: string): string {
  const rendererDir = join(dir, 'renderer')
  mkdirSync(join(rendererDir, 'console'), { recursive: true })
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(
    join(rendererDir, 'console', 'index.html'),
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="connect-src 'self' ws: wss:" /><title>LiveDesk</title>`,
  )
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  return rendererDir
}

describe('browser host: who may come in, and from where (issue 9 §5)', () => {
  let dir: string
  let app: ConsoleApp
  let host: BrowserHost
  let access: AccessLink
  let saved: string[]
  let wsBase: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-host-sec-'))
    const rendererDir = stubRenderer(dir)
    saved = []
    access = new AccessLink(undefined, (token) => saved.push(token))
    app = await startConsole({
      dataDir: join(dir, 'data'),
      host: 'browser',
      version: 'test',
      rendererDir,
      log: () => {},
      roomHost: '0.0.0.0',
      reach: browserConsoleReach({
        access,
        lan: true,
        encrypted: false,
        consoleUrl: () => (host ? host.consoleUrl : null),
        portChanges: () => [],
      }),
    })
    host = await startBrowserHost({ app, rendererDir, host: '0.0.0.0', access })
    wsBase = `ws://127.0.0.1:${host.port}/contract`
  })
  afterAll(async () => {
    await host?.close()
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("binds its cookie to this console's port, and the cookie is not the link's token", async () => {
    const page = await fetch(host.consoleUrl)
    expect(page.status).toBe(200)
    const cookie = page.headers.get('set-cookie') ?? ''
    const [pair, ...attributes] = cookie.split(';').map((part) => part.trim())
    expect(pair?.split('=')[0]).toBe(`livedesk-${host.port}`)
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']))
    // Host-only: no Domain, so no other name of this machine gets it.
    expect(cookie).not.toMatch(/domain=/i)
    expect(cookie).not.toContain(access.current)
    const asset = await fetch(`${host.url}/assets/app.js`, { headers: { cookie: pair! } })
    expect(asset.status).toBe(200)
    // Another port's console cookie (same token!) is no key here.
    const other = new AccessLink(access.current).cookieValue(host.port + 1)
    const foreign = await fetch(`${host.url}/assets/app.js`, {
      headers: { cookie: `livedesk-${host.port}=${other}` },
    })
    expect(foreign.status).toBe(401)
  })

  it('cannot be framed, and its page names the room server instead of any ws:', async () => {
    const page = await fetch(host.consoleUrl)
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("base-uri 'none'")
    expect(csp).toContain(
      `connect-src 'self' ws://127.0.0.1:${host.port} http://127.0.0.1:${app.room.port}`,
    )
    // The page's own meta policy says the same (a meta and a header both apply).
    const html = await page.text()
    expect(html).toContain(`content="${csp}"`)
    expect(html).not.toMatch(/ws: wss:/)
    const refused = await fetch(`${host.url}/`)
    expect(refused.status).toBe(401)
    expect(refused.headers.get('x-frame-options')).toBe('DENY')
  })

  it('answers only to its own names: a rebound DNS name gets nothing, even with the token', async () => {
    const token = `/?token=${encodeURIComponent(access.current)}`
    expect(await rawGet(host.port, token, `127.0.0.1:${host.port}`)).toMatch(/^HTTP\/1\.1 200/)
    expect(await rawGet(host.port, token, `localhost:${host.port}`)).toMatch(/^HTTP\/1\.1 200/)
    const evil = await rawGet(host.port, token, `evil.example:${host.port}`)
    expect(evil).toMatch(/^HTTP\/1\.1 403/)
    expect(evil).not.toContain('<title>LiveDesk')
    expect(
      await upgradeStatus(`${wsBase}?token=${access.current}`, {
        host: `evil.example:${host.port}`,
      }),
    ).toBe(401)
  })

  it('takes a socket with the cookie only from its own page (Origin), and one with the token from tools', async () => {
    const cookie = `livedesk-${host.port}=${access.cookieValue(host.port)}`
    const origin = `http://127.0.0.1:${host.port}`
    expect(await upgradeStatus(wsBase, { cookie, origin })).toBe(101)
    // No Origin with only a cookie: not the console's page; another site's page: refused.
    expect(await upgradeStatus(wsBase, { cookie })).toBe(401)
    expect(await upgradeStatus(wsBase, { cookie, origin: 'http://127.0.0.1:9' })).toBe(401)
    expect(await upgradeStatus(wsBase, { cookie, origin: 'http://evil.example' })).toBe(401)
    expect(await upgradeStatus(`${wsBase}?token=${access.current}`)).toBe(101)
  })

  it('tells a caller on this machine from one over the LAN, and keeps local-only settings local', async () => {
    const local = await Client.open(`${wsBase}?token=${access.current}`)
    const localAccess = await local.value<AccessSnapshot>('app:get-access')
    expect(localAccess).toMatchObject({
      thisMachine: true,
      browserConsole: true,
      consoleUrl: host.consoleUrl,
      lan: true,
      encrypted: false,
    })
    // Through the machine's LAN address (Host names it), even from this machine: not "here".
    const viaLan = await Client.open(`${wsBase}?token=${access.current}`, {
      host: `192.0.2.2:${host.port}`,
    })
    expect(await viaLan.value<AccessSnapshot>('app:get-access')).toMatchObject({
      thisMachine: false,
      consoleUrl: null,
      lanConsoleUrls: [],
    })
    const stage = await viaLan.value<StageSnapshot>('stage:get-snapshot')
    const refused = await viaLan.call('stage:save-settings', {
      ...stage.settings,
      ffmpegPath: '/tmp/evil.sh',
    })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: ContractCode.localOnly, params: { field: 'ffmpegPath' } },
    })
    for (const change of [
      { source: { kind: 'file', path: '/etc/shadow' } },
      { record: { ...stage.settings.record, dir: '/tmp' } },
      { target: { kind: 'rtmp', url: 'rtmp://evil.example/live' } },
      { overlays: [{ kind: 'image', path: '/home/anchor/secret.png' }] },
    ]) {
      const answer = await viaLan.call('stage:save-settings', { ...stage.settings, ...change })
      expect(answer, JSON.stringify(change)).toMatchObject({
        ok: false,
        error: { code: ContractCode.localOnly },
      })
    }
    // What a moderator may change, they can: the profile.
    const profile = { ...stage.settings.profile, preset: '1080p30' }
    expect(await viaLan.call('stage:save-settings', { ...stage.settings, profile })).toMatchObject({
      ok: true,
      value: { settings: { profile: { preset: '1080p30' } } },
    })
    // The REST base URL gets the App admin's UserSig: this machine only.
    const tencent = {
      sdkAppId: 1400000001,
      groupId: '@TGS#a1',
      userId: 'anchor',
      restBaseUrl: 'https://adminapikr.im.qcloud.com',
    }
    expect(await local.call('room:save-connection', { backend: 'tencent', tencent })).toMatchObject(
      { ok: true },
    )
    expect(
      await viaLan.call('room:save-connection', {
        backend: 'tencent',
        tencent: { ...tencent, restBaseUrl: 'https://evil.example', customRestBaseUrl: true },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: ContractCode.localOnly, params: { field: 'tencent.restBaseUrl' } },
    })
    expect(
      await viaLan.call('room:save-connection', {
        backend: 'tencent',
        tencent: { ...tencent, groupId: '@TGS#a2' },
      }),
    ).toMatchObject({ ok: true })
    expect(await viaLan.call('app:reset-access-link')).toMatchObject({
      ok: false,
      error: { code: ContractCode.localOnly, params: { field: 'accessLink' } },
    })
    await local.call('room:save-connection', { backend: 'embedded' })
    local.ws.close()
    viaLan.ws.close()
  })

  it('is a LAN caller from another address too (when this machine has one)', async ({ skip }) => {
    const address = lanAddresses()[0]
    // The Host-header case above covers the rule; a real LAN peer needs an address to come from.
    if (!address) return skip('this machine has no LAN address to connect from')
    const client = await Client.open(
      `ws://${address}:${host.port}/contract?token=${access.current}`,
      {},
      { localAddress: address },
    )
    expect(await client.value<AccessSnapshot>('app:get-access')).toMatchObject({
      thisMachine: false,
    })
    client.ws.close()
  })

  it('resets the access link: the old one stops working and its pages are told, the asker keeps its answer', async () => {
    const before = access.current
    const oldUrl = host.consoleUrl
    const moderator = await Client.open(`${wsBase}?token=${before}`, {
      host: `192.0.2.2:${host.port}`,
    })
    const anchor = await Client.open(`${wsBase}?token=${before}`)
    const answer = await anchor.value<AccessSnapshot>('app:reset-access-link')
    expect(access.current).not.toBe(before)
    expect(saved.at(-1)).toBe(access.current)
    expect(answer.consoleUrl).toBe(host.consoleUrl)
    expect(answer.consoleUrl).not.toBe(oldUrl)
    expect(await moderator.closed).toBe(ACCESS_RESET_CLOSE)
    // The one that asked stays until its page moves on to the new link.
    expect(await anchor.value<AccessSnapshot>('app:get-access')).toMatchObject({
      thisMachine: true,
    })
    expect((await fetch(oldUrl)).status).toBe(401)
    expect((await fetch(host.consoleUrl)).status).toBe(200)
    anchor.ws.close()
  })
})

describe('browser host time limits (issue 9 §7)', () => {
  it('ends a request whose headers or body do not come in time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livedesk-host-slow-'))
    const rendererDir = stubRenderer(dir)
    const app = await startConsole({
      dataDir: join(dir, 'data'),
      host: 'browser',
      version: 'test',
      rendererDir,
      log: () => {},
    })
    const host = await startBrowserHost({
      app,
      rendererDir,
      timeLimits: { headersMs: 300, requestMs: 600, keepAliveMs: 300 },
    })
    try {
      const exchange = (request: string) =>
        new Promise<{ firstLine: string; ms: number }>((resolve, reject) => {
          const started = Date.now()
          let received = ''
          const socket = net.connect(host.port, '127.0.0.1', () => socket.write(request))
          socket.on('data', (chunk) => (received += chunk.toString()))
          socket.on('close', () =>
            resolve({ firstLine: received.split('\r\n')[0] ?? '', ms: Date.now() - started }),
          )
          socket.on('error', reject)
        })
      const slowHeaders = await exchange(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n`)
      expect(slowHeaders.firstLine).toBe('HTTP/1.1 408 Request Timeout')
      expect(slowHeaders.ms).toBeLessThan(2000)
      // The host answers a body it never reads at once; the connection does not stay held either.
      const slowBody = await exchange(
        `POST / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Length: 100\r\n\r\nx`,
      )
      expect(slowBody.firstLine).toBe('HTTP/1.1 401 Unauthorized')
      expect(slowBody.ms).toBeLessThan(2000)
    } finally {
      await host.close()
      await app.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('browser host over TLS (--tls-cert, --tls-key)', () => {
  let dir: string
  let app: ConsoleApp
  let host: BrowserHost
  let cert: Buffer

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-host-tls-'))
    // A self-signed certificate for 127.0.0.1, made by Debian's openssl.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    )
    cert = readFileSync(join(dir, 'cert.pem'))
    const rendererDir = stubRenderer(dir)
    app = await startConsole({
      dataDir: join(dir, 'data'),
      host: 'browser',
      version: 'test',
      rendererDir,
      log: () => {},
    })
    host = await startBrowserHost({
      app,
      rendererDir,
      tls: { cert, key: readFileSync(join(dir, 'key.pem')) },
    })
  })
  afterAll(async () => {
    await host?.close()
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves the console over HTTPS with a Secure __Host- cookie, and the contract over WSS', async () => {
    expect(host.consoleUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/\?token=/)
    const answer = await new Promise<{ status: number; cookie: string }>((resolve, reject) => {
      https
        .get(host.consoleUrl, { ca: cert }, (res) => {
          res.resume()
          resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie'] ?? '') })
        })
        .on('error', reject)
    })
    expect(answer.status).toBe(200)
    expect(answer.cookie).toMatch(new RegExp(`^__Host-livedesk-${host.port}=`))
    expect(answer.cookie).toMatch(/; Secure/)
    const token = new URL(host.consoleUrl).searchParams.get('token')!
    const client = await Client.open(
      `wss://127.0.0.1:${host.port}/contract?token=${token}`,
      {},
      { ca: cert },
    )
    expect(await client.value('app:get-info')).toMatchObject({ host: 'browser' })
    client.ws.close()
    // Plain HTTP on the same port gets no console.
    const plain = await fetch(`http://127.0.0.1:${host.port}/`).catch(() => null)
    expect(plain === null || plain.status >= 400).toBe(true)
  })
})
