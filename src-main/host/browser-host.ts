import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import {
  ACCESS_RESET_CLOSE,
  MODERATOR_ENDED_CLOSE,
  ContractCode,
  fail,
  roleHears,
  type HostClientFrame,
  type HostServerFrame,
} from '../../src-shared/contract'
import { detectLocale, translate, type MessageKey } from '../../src-shared/i18n'
import type { ConsoleApp } from '../console/console-app'
import type { Caller, ModeratorCaller } from '../console/contract/dispatch'
import {
  hostAllowed,
  hostnameOf,
  isLoopbackAddress,
  isLoopbackHostname,
  machineNames,
  portOf,
} from '../common/host-check'
import { httpServerOptions, type HttpTimeLimits } from '../common/http-limits'
import { readStatic } from '../common/static-files'
import { AccessLink } from './access-link'

export interface BrowserHostOptions {
  app: ConsoleApp
  /** Built renderer (out/renderer). */
  rendererDir: string
  /** 127.0.0.1 unless the user asks for the LAN (`--host 0.0.0.0`). */
  host?: string
  port?: number
  /** The access token (kept in the data folder by the callers); a random one when not given. */
  access?: AccessLink
  /** Serve HTTPS/WSS with this certificate and key (`--tls-cert`, `--tls-key`). */
  tls?: { cert: Buffer | string; key: Buffer | string }
  /** Host names the console answers to besides IP literals, localhost and this machine's names. */
  allowedHosts?: readonly string[]
  timeLimits?: Partial<HttpTimeLimits>
}

export interface BrowserHost {
  readonly url: string
  /** The link with its token; changes when the access link is reset. */
  readonly consoleUrl: string
  readonly port: number
  close(): Promise<void>
}

const MAX_FRAME_BYTES = 64 * 1024

/** Headers of every answer: nothing of the console may be framed, sniffed, cached or referred. */
const baseHeaders = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy': "frame-ancestors 'none'",
} as const

/**
 * The console page's policy: its own scripts and styles, its own contract socket, and the room
 * server's HTTP side (the Stage monitor plays the ingest's FLV from there), at the host the page
 * was opened by. No plugins, no <base>, no framing.
 */
function consolePolicy(wsOrigin: string, roomOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "media-src 'self' blob:",
    `connect-src 'self' ${wsOrigin} ${roomOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ')
}

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/?>/i

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=')
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  }
  return out
}

/**
 * The console in a browser: serves the built renderer and speaks the contract over one WebSocket
 * at /contract (DESIGN.md, Hosts). What it checks (issue 9 §5):
 *
 * - Host: one of ours (host-check.ts), else 403 — a page that rebinds its DNS name to this
 *   machine reaches nothing.
 * - Access: the token in the link the first time; then a cookie derived from it (access-link.ts),
 *   HttpOnly, SameSite=Strict, host-only, named by this console's port (`__Host-` and Secure over
 *   TLS). Without either: 401 and nothing else. A WebSocket that comes with the cookie must come
 *   from this console's own page (Origin), so another site cannot drive it with the user's cookie.
 * - Framing: `frame-ancestors 'none'` and `X-Frame-Options: DENY` on every answer.
 * - The caller's standing: `thisMachine` when the socket's peer is loopback and Host (and Origin)
 *   name this console's loopback address; a LAN browser, even on this machine via its LAN IP, is
 *   not. Dispatch gets it with every command (local-only settings, resetting the link).
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { app, rendererDir } = options
  const access = options.access ?? new AccessLink(undefined)
  const tls = options.tls
  const scheme = tls ? 'https' : 'http'
  const names = [...machineNames(), ...(options.allowedHosts ?? [])]
  let port = 0
  const cookieName = () => (tls ? `__Host-livedesk-${port}` : `livedesk-${port}`)
  // A moderator's console (issue 13 §4) has its own cookie, from its invite, never the owner's.
  const team = app.moderators
  const modCookieName = () => (tls ? `__Host-livedesk-mod-${port}` : `livedesk-mod-${port}`)
  const cookieAttributes = `; HttpOnly; SameSite=Strict; Path=/${tls ? '; Secure' : ''}`
  const cleared = (name: string) => `${name}=; Max-Age=0${cookieAttributes}`

  const words = (req: IncomingMessage, key: MessageKey) => {
    const language = req.headers['accept-language']?.split(',')[0]
    return translate(detectLocale('', language), key)
  }
  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, key: MessageKey) => {
    res.writeHead(status, { ...baseHeaders, 'content-type': 'text/plain; charset=utf-8' })
    res.end(`${words(req, key)}\n`)
  }

  const queryToken = (req: IncomingMessage) =>
    new URL(req.url ?? '/', 'http://host').searchParams.get('token')
  const cookieOk = (req: IncomingMessage) =>
    access.cookieMatches(port, parseCookies(req.headers.cookie)[cookieName()])
  const queryInvite = (req: IncomingMessage) =>
    new URL(req.url ?? '/', 'http://host').searchParams.get('invite')
  const modCookie = (req: IncomingMessage) => parseCookies(req.headers.cookie)[modCookieName()]
  const modFromCookie = (req: IncomingMessage): ModeratorCaller | null =>
    team?.fromCookie(modCookie(req), port) ?? null

  /** The Origin is this console's own (scheme, host and port as the Host header says). */
  const sameOrigin = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin
    return origin !== undefined && origin === `${scheme}://${req.headers.host}`
  }

  const fromThisMachine = (req: IncomingMessage): boolean => {
    const host = req.headers.host
    if (!isLoopbackAddress(req.socket.remoteAddress)) return false
    if (!isLoopbackHostname(hostnameOf(host)) || portOf(host) !== port) return false
    return req.headers.origin === undefined || sameOrigin(req)
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handleHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { ...baseHeaders, 'content-type': 'text/plain' })
      res.end('Internal error')
    })
  }
  const server: Server = tls
    ? createTlsServer({ ...httpServerOptions(options.timeLimits), ...tls }, handler)
    : createServer(httpServerOptions(options.timeLimits), handler)

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.resume()
    if (!hostAllowed(req.headers.host, names)) return refuse(req, res, 403, 'access.wrongHost')
    const withToken = access.matches(queryToken(req))
    // An invite link makes this page that moderator's, whatever else the browser holds; then the
    // owner's link or cookie; then a moderator's cookie (issue 13 §4).
    const invite = queryInvite(req)
    let moderator: ModeratorCaller | null = null
    if (invite !== null && !withToken) {
      moderator = team?.authenticate(invite) ?? null
      if (!moderator) return refuse(req, res, 403, 'access.moderatorEnded')
    } else if (!withToken && !cookieOk(req)) {
      moderator = modFromCookie(req)
      if (!moderator) {
        // A page whose invite was revoked or ran out says so when it reloads.
        if (modCookie(req)) return refuse(req, res, 403, 'access.moderatorEnded')
        return refuse(req, res, 401, 'access.unauthorized')
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...baseHeaders, allow: 'GET, HEAD' }).end()
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
      res.writeHead(404, { ...baseHeaders, 'content-type': 'text/plain; charset=utf-8' })
      res.end(relative ? 'Not found (is the renderer built? run npm start)' : 'Not found')
      return
    }
    const page = relative === 'console/index.html'
    const headers: Record<string, string | string[]> = {
      ...baseHeaders,
      'content-type': file.contentType,
    }
    let body: Buffer = file.body
    if (page) {
      // hostAllowed passed: the name is an IP, a loopback name or one of ours, safe in a header.
      const name = hostnameOf(req.headers.host) ?? '127.0.0.1'
      const hostname = name.includes(':') ? `[${name}]` : name
      const policy = consolePolicy(
        `${tls ? 'wss' : 'ws'}://${req.headers.host}`,
        `http://${hostname}:${app.room.port}`,
      )
      headers['content-security-policy'] = policy
      // The page's own meta policy is the build's default; this host's is the precise one.
      body = Buffer.from(
        body
          .toString('utf8')
          .replace(CSP_META, `<meta http-equiv="Content-Security-Policy" content="${policy}" />`),
      )
      // One console per browser: the cookie of the other kind goes, so a reload stays this one.
      headers['set-cookie'] = moderator
        ? [
            `${modCookieName()}=${team?.cookieValue(moderator, port) ?? ''}${cookieAttributes}`,
            cleared(cookieName()),
          ]
        : [`${cookieName()}=${access.cookieValue(port)}${cookieAttributes}`]
      if (!moderator && modCookie(req)) headers['set-cookie'].push(cleared(modCookieName()))
    }
    res.writeHead(200, headers)
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  const sockets = new Set<WebSocket>()
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(req.url ?? '/', 'http://host')
    const origin = req.headers.origin
    // A browser always sends Origin; a tool with the token in the URL may not.
    const owner =
      (cookieOk(req) && sameOrigin(req)) ||
      (access.matches(queryToken(req)) && (origin === undefined || sameOrigin(req)))
    // A moderator's page by its cookie; a tool by the invite in the URL (as the owner's token).
    const moderator = owner
      ? null
      : sameOrigin(req)
        ? modFromCookie(req)
        : origin === undefined
          ? (team?.authenticate(queryInvite(req)) ?? null)
          : null
    if (
      pathname !== '/contract' ||
      !hostAllowed(req.headers.host, names) ||
      (!owner && !moderator)
    ) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    // A moderator is never "this machine": local-only settings are the owner's (issue 9 §5).
    // Each socket is its own connection: a panel popped out over it docks back when it closes.
    const connection = {}
    const caller: Caller = moderator
      ? { thisMachine: false, moderator, connection }
      : { thisMachine: fromThisMachine(req), connection }
    wss.handleUpgrade(req, socket, head, (ws) => serveContract(ws, caller))
  })

  /** The socket whose call is resetting the link keeps its answer (the page then moves on). */
  let resetting: WebSocket | null = null
  const stopListening = access.onReset(() => {
    // Moderators' consoles hold their own invites, which a new owner link does not change.
    const old = [...sockets].filter((ws) => ws !== resetting && !moderatorSockets.has(ws))
    // After the current answers went out: the old link's pages learn it and reload.
    setImmediate(() => {
      for (const ws of old) ws.close(ACCESS_RESET_CLOSE, 'access link reset')
    })
  })

  /** The open consoles of each invite, closed the moment it is revoked or runs out. */
  const moderatorSockets = new Map<WebSocket, number>()
  const stopEnding = team?.onEnded((id) => {
    const ended = [...moderatorSockets].filter(([, of]) => of === id).map(([ws]) => ws)
    // After the current answers went out (the revoke's own, on the owner's socket).
    setImmediate(() => {
      for (const ws of ended) ws.close(MODERATOR_ENDED_CLOSE, 'moderator access ended')
    })
  })

  function serveContract(ws: WebSocket, caller: Caller): void {
    sockets.add(ws)
    if (caller.moderator && team) {
      moderatorSockets.set(ws, caller.moderator.id)
      const gone = team.connected(caller.moderator.id)
      ws.on('close', () => {
        moderatorSockets.delete(ws)
        gone()
      })
    }
    const send = (frame: HostServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame))
    }
    const role = caller.moderator?.role ?? 'owner'
    const unsubscribe = app.events.subscribe((batch) => {
      const events = role === 'owner' ? batch : batch.filter((e) => roleHears(role, e.name))
      if (events.length > 0) send({ kind: 'events', events })
    })
    ws.on('close', () => {
      sockets.delete(ws)
      unsubscribe()
      if (caller.connection) app.connectionClosed?.(caller.connection)
    })
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
      // Dispatch runs the handler at once, up to its first await: a reset happens inside this call.
      if (frame.name === 'app:reset-access-link') resetting = ws
      const answer = app.dispatch(frame.name, frame.input, caller)
      resetting = null
      answer.then(
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
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  const shownHost = !options.host || options.host === '0.0.0.0' ? '127.0.0.1' : options.host
  const url = `${scheme}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`
  return {
    url,
    get consoleUrl() {
      return `${url}/?token=${encodeURIComponent(access.current)}`
    },
    port,
    async close() {
      stopListening()
      stopEnding?.()
      for (const client of wss.clients) client.terminate()
      wss.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}
