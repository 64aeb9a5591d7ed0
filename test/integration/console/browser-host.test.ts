import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { ContractEvent, HostServerFrame, Result } from '../../../src-shared/contract'
import { startConsole, type ConsoleApp } from '../../../src-main/console/console-app'
import { startBrowserHost, type BrowserHost } from '../../../src-main/host/browser-host'

/** A contract client over the browser host's WebSocket, as the renderer's api module speaks it. */
class ContractClient {
  readonly events: ContractEvent[] = []
  readonly batches: number[] = []
  private nextId = 1
  private readonly waiting = new Map<number, (r: Result<unknown>) => void>()
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as HostServerFrame
      if (frame.kind === 'result') this.waiting.get(frame.id)?.(frame.result)
      else {
        this.batches.push(frame.events.length)
        this.events.push(...frame.events)
      }
    })
  }
  static async open(url: string, headers: Record<string, string> = {}): Promise<ContractClient> {
    const ws = new WebSocket(url, { headers })
    await new Promise((resolve, reject) => {
      ws.once('open', resolve)
      ws.once('error', reject)
    })
    return new ContractClient(ws)
  }
  call(name: string, input: unknown): Promise<Result<unknown>> {
    const id = this.nextId++
    return new Promise((resolve) => {
      this.waiting.set(id, resolve)
      this.ws.send(JSON.stringify({ kind: 'call', id, name, input }))
    })
  }
  async waitFor(predicate: (e: ContractEvent) => boolean): Promise<ContractEvent> {
    for (let i = 0; i < 200; i++) {
      const found = this.events.find(predicate)
      if (found) return found
      await new Promise((r) => setTimeout(r, 25))
    }
    throw new Error('event did not arrive')
  }
}

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

describe('browser host', () => {
  let dir: string
  let app: ConsoleApp
  let host: BrowserHost
  let wsBase: string
  let token: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-host-'))
    const rendererDir = join(dir, 'renderer')
    mkdirSync(join(rendererDir, 'console'), { recursive: true })
    mkdirSync(join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(
      join(rendererDir, 'console', 'index.html'),
      '<!doctype html><title>LiveDesk</title>',
    )
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
    app = await startConsole({
      dataDir: join(dir, 'data'),
      host: 'browser',
      version: 'test',
      rendererDir,
      log: () => {},
    })
    host = await startBrowserHost({ app, rendererDir })
    token = new URL(host.consoleUrl).searchParams.get('token')!
    wsBase = host.url.replace('http', 'ws')
  })
  afterAll(async () => {
    await host?.close()
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('listens on loopback and prints a URL with a random token', () => {
    expect(host.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/)
  })

  it('answers 401 and nothing else without the right token', async () => {
    for (const path of ['/', '/?token=nope', '/assets/app.js', '/contract']) {
      const res = await fetch(`${host.url}${path}`)
      expect(res.status).toBe(401)
      expect(await res.text()).not.toContain('LiveDesk</title>')
    }
    expect(await upgradeStatus(`${wsBase}/contract`)).toBe(401)
    expect(await upgradeStatus(`${wsBase}/contract?token=nope`)).toBe(401)
  })

  it('serves the console with the token, then its assets by cookie', async () => {
    const page = await fetch(host.consoleUrl)
    expect(page.status).toBe(200)
    const cookie = page.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const asset = await fetch(`${host.url}/assets/app.js`, {
      headers: { cookie: cookie.split(';')[0]! },
    })
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-type')).toContain('javascript')
    const escape = await fetch(`${host.url}/assets/..%2f..%2fconsole/index.html?token=${token}`)
    expect(escape.status).toBe(404)
  })

  it('refuses a WebSocket from another origin even with the cookie', async () => {
    const status = await upgradeStatus(`${wsBase}/contract`, {
      cookie: `livedesk_token=${token}`,
      origin: 'http://evil.example',
    })
    expect(status).toBe(401)
  })

  it('speaks the contract: commands answer Results, events arrive in batches', async () => {
    const client = await ContractClient.open(`${wsBase}/contract?token=${token}`)
    const info = await client.call('app:get-info', {})
    expect(info).toMatchObject({
      ok: true,
      value: { host: 'browser', roomId: app.room.defaultRoomId },
    })
    const snap = await client.call('room:get-snapshot', {})
    expect(snap).toMatchObject({
      ok: true,
      value: { connection: 'connected', selfUserId: 'anchor' },
    })

    expect(await client.call('room:nope', {})).toMatchObject({ ok: false, error: { code: 1001 } })
    expect(await client.call('moderation:mute', { userId: 'x', seconds: 'soon' })).toMatchObject({
      ok: false,
      error: { code: 1002 },
    })

    const sent = await client.call('room:send-message', { text: 'hello, room' })
    expect(sent).toMatchObject({
      ok: true,
      value: { message: { text: 'hello, room', self: true } },
    })
    const received = await client.waitFor((e) => e.name === 'room:messages-received')
    expect(JSON.stringify(received.payload)).toContain('hello, room')
    client.ws.close()
  })

  it('keeps running after garbage on the contract socket', async () => {
    const client = await ContractClient.open(`${wsBase}/contract?token=${token}`)
    client.ws.send('not json')
    client.ws.send(JSON.stringify({ kind: 'call', id: 'x' }))
    expect(await client.call('app:get-info', {})).toMatchObject({ ok: true })
    client.ws.close()
  })
})
