import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import {
  ContractCode,
  fail,
  type HostClientFrame,
  type HostServerFrame,
} from '../../src-shared/contract'
import type { ConsoleApp } from '../console/console-app'
import { readStatic } from '../common/static-files'

export interface BrowserHostOptions {
  app: ConsoleApp
  /** Built renderer (out/renderer). */
  rendererDir: string
  /** 127.0.0.1 unless the user asks for the LAN (`--host 0.0.0.0`). */
  host?: string
  port?: number
  /** Access token; random when not given. */
  token?: string
}

export interface BrowserHost {
  readonly url: string
  readonly consoleUrl: string
  readonly port: number
  close(): Promise<void>
}

const COOKIE = 'livedesk_token'
const MAX_FRAME_BYTES = 64 * 1024

/**
 * The console in a browser: serves the built renderer and speaks the contract over one WebSocket
 * at /contract. Every request needs the access token — in the URL the first time, then in an
 * HttpOnly cookie — and anything without it gets 401 and nothing else.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { app, rendererDir } = options
  const token = options.token ?? randomBytes(24).toString('base64url')
  const tokenBuf = Buffer.from(token)

  const authorized = (req: IncomingMessage): string | null => {
    const url = new URL(req.url ?? '/', 'http://host')
    const fromQuery = url.searchParams.get('token')
    const fromCookie = parseCookies(req.headers.cookie)[COOKIE]
    for (const candidate of [fromQuery, fromCookie]) {
      if (candidate && safeEqual(Buffer.from(candidate), tokenBuf)) return candidate
    }
    return null
  }

  const server = createServer((req, res) => {
    handleHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('Internal error')
    })
  })

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!authorized(req)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('Unauthorized: open the Console URL that LiveDesk printed, with its token.')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
      return
    }
    const { pathname } = new URL(req.url ?? '/', 'http://host')
    const relative =
      pathname === '/'
        ? 'console/index.html'
        : pathname.startsWith('/assets/')
          ? pathname.slice(1)
          : null
    const file = relative ? await readStatic(rendererDir, relative) : null
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(relative ? 'Not found (is the renderer built? run npm start)' : 'Not found')
      return
    }
    res.writeHead(200, {
      'content-type': file.contentType,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...(relative === 'console/index.html'
        ? { 'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` }
        : {}),
    })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  server.on('upgrade', (req, socket, head) => {
    const { pathname } = new URL(req.url ?? '/', 'http://host')
    if (pathname !== '/contract' || !authorized(req) || !sameOrigin(req)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveContract(ws))
  })

  function serveContract(ws: WebSocket): void {
    const send = (frame: HostServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame))
    }
    const unsubscribe = app.events.subscribe((events) => send({ kind: 'events', events }))
    ws.on('close', unsubscribe)
    ws.on('error', () => ws.terminate())
    ws.on('message', (data) => {
      let frame: HostClientFrame
      try {
        frame = JSON.parse(data.toString()) as HostClientFrame
      } catch {
        return // not our client; a result needs an id to go to
      }
      if (frame?.kind !== 'call' || typeof frame.id !== 'number') return
      const reply = (result: HostServerFrame & { kind: 'result' }) => send(result)
      app.dispatch(frame.name, frame.input).then(
        (result) => reply({ kind: 'result', id: frame.id, result }),
        () =>
          reply({
            kind: 'result',
            id: frame.id,
            result: fail(ContractCode.internal, 'Internal error'),
          }),
      )
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const shownHost = !options.host || options.host === '0.0.0.0' ? '127.0.0.1' : options.host
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`
  return {
    url,
    consoleUrl: `${url}/?token=${encodeURIComponent(token)}`,
    port,
    async close() {
      for (const client of wss.clients) client.terminate()
      wss.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=')
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  }
  return out
}

/** A browser page on another origin must not drive the console with the user's cookie. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (!origin) return true // not a browser (tests, tools): the token alone decides
  try {
    return new URL(origin).host === req.headers.host
  } catch {
    return false
  }
}
