import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { ErrorCode } from '../../src-shared/protocol/codes'
import { GroupId, ViewerSessionRequest } from '../../src-shared/protocol/frames'
import { BUSINESS_HTTP_PREFIX } from './business/business-http'
import { REPLAYS_PATH } from './replays/replay-paths'
import { type ReplayFiles, serveReplay } from './replays/replay-route'
import type { RestApi } from './rest-api'
import { readBody } from '../common/read-body'
import { contentTypeOf, resolveStaticPath } from '../common/static-files'
import type { Store } from './store'
import { viewerCredentialSeconds } from './viewer-credential'
import { createViewerSession, type ViewerSessionDeps } from './viewer-session'

export interface HttpHandlerOptions {
  store: Store
  rendererDir: string | undefined
  viewerSessions: ViewerSessionDeps
  log: (line: string) => void
  /** Tencent-compatible REST API under /v4/ (docs/rest-api.md). */
  rest?: RestApi
  /** The built-in business host's HTTP API under /business/ (business/business-http.ts). */
  business?: (request: IncomingMessage, response: ServerResponse) => Promise<void>
  /** Published shows' recordings under /replays/ (replays/replay-route.ts). */
  replays?: ReplayFiles
}

const maxBodyBytes = 4096
/** The viewer credential's cookie (viewer-credential.ts). */
const viewerCookie = 'livedesk_viewer'

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/** The client's address as the server sees it; an IPv4-mapped IPv6 address as plain IPv4. */
function clientAddress(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? ''
  return address.startsWith('::ffff:') ? address.slice(7) : address
}

function hostForCsp(request: IncomingMessage): string | undefined {
  const host = request.headers.host
  // Only a plain host[:port] goes into the header; anything else falls back to 'self' alone.
  return host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)
    ? host
    : undefined
}

function htmlHeaders(request: IncomingMessage): Record<string, string> {
  const host = hostForCsp(request)
  // 'self' covers same-origin WebSockets in current browsers; the explicit ws: source is for
  // older ones, which did not map 'self' to ws:.
  const connect = host ? `'self' ws://${host} wss://${host}` : `'self'`
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "media-src 'self' blob:",
      "worker-src 'self' blob:",
      `connect-src ${connect}`,
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  }
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  })
  response.end(text.endsWith('\n') ? text : `${text}\n`)
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  })
  response.end(JSON.stringify(body))
}

function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: string,
  headers: Record<string, string>,
): void {
  fs.stat(file, (statError, stats) => {
    if (statError || !stats.isFile()) {
      sendText(response, 404, 'Not found')
      return
    }
    response.writeHead(200, { ...headers, 'Content-Length': String(stats.size) })
    if (request.method === 'HEAD') {
      response.end()
      return
    }
    const stream = fs.createReadStream(file)
    stream.on('error', () => response.destroy())
    stream.pipe(response)
  })
}

/** Reads a small body; resolves undefined after answering 413 when it is over the limit. */
async function readSmallBody(
  request: IncomingMessage,
  response: ServerResponse,
): Promise<string | undefined> {
  const body = await readBody(request, maxBodyBytes)
  if (body !== 'too-big') return body
  sendJson(response, 413, {
    code: ErrorCode.invalidParameter,
    message: `Request body is over ${maxBodyBytes} bytes`,
  })
  return undefined
}

/**
 * A request whose Host is not one of the room server's names (common/host-check.ts): a page that
 * rebound its DNS name to this machine gets nothing, not even the viewer page.
 */
export function refuseHost(request: IncomingMessage, response: ServerResponse): void {
  request.resume()
  sendText(
    response,
    403,
    'This room server does not answer to that host name. Start it with --allowed-host NAME to serve it under a name.',
  )
}

/**
 * HTTP side of the room server: the viewer page and its assets, the viewer-session endpoint, the
 * REST API under /v4/, published replays under /replays/ and a health check. Everything else answers 404.
 */
export function createHttpHandler(
  options: HttpHandlerOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const { store, rendererDir, log } = options

  async function viewerSession(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // JSON only: a cross-site form or text/plain POST (no CORS preflight) gets nothing.
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
    if (contentType !== 'application/json') {
      sendJson(response, 415, {
        code: ErrorCode.badRequest,
        message: 'Send the body as application/json: {"nickname": "..."}',
      })
      return
    }
    const body = await readSmallBody(request, response)
    if (body === undefined) return
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch {
      sendJson(response, 400, {
        code: ErrorCode.parseError,
        message: 'Body must be JSON: {"nickname": "..."}',
      })
      return
    }
    const parsed = ViewerSessionRequest.safeParse(json)
    if (!parsed.success) {
      sendJson(response, 400, {
        code: ErrorCode.invalidParameter,
        message: 'Body must be {"nickname": "<1–32 characters>"}',
      })
      return
    }
    const created = createViewerSession(options.viewerSessions, {
      nickname: parsed.data.nickname,
      credential: cookieValue(request.headers.cookie, viewerCookie),
      address: clientAddress(request),
    })
    if (!created.ok) {
      const status = created.code === ErrorCode.restRateLimit ? 429 : 400
      sendJson(response, status, {
        code: created.code,
        message: created.message,
        data: created.data,
      })
      return
    }
    // The page never sees its credential: HttpOnly, sent back only to this endpoint.
    response.setHeader(
      'Set-Cookie',
      `${viewerCookie}=${created.credential}; HttpOnly; SameSite=Strict; Path=/api/viewer-session; Max-Age=${viewerCredentialSeconds}`,
    )
    sendJson(response, 200, created.session)
  }

  function viewerPage(request: IncomingMessage, response: ServerResponse, roomId: string): void {
    const page = rendererDir ? path.join(rendererDir, 'viewer', 'index.html') : undefined
    if (!page || !fs.existsSync(page)) {
      sendText(
        response,
        503,
        `The viewer page is not built (looked for ${page ?? 'out/renderer/viewer/index.html'}). ` +
          'Run `npm run build`, then reload.',
      )
      return
    }
    if (!GroupId.safeParse(roomId).success || !store.groups.get(roomId)) {
      sendText(response, 404, `Room "${roomId.slice(0, 48)}" does not exist on this server.`)
      return
    }
    sendFile(request, response, page, htmlHeaders(request))
  }

  function asset(request: IncomingMessage, response: ServerResponse, rest: string): void {
    if (!rendererDir) {
      sendText(response, 503, 'The viewer page is not built. Run `npm run build`.')
      return
    }
    const file = resolveStaticPath(path.join(rendererDir, 'assets'), rest)
    if (!file) {
      sendText(response, 400, 'Bad asset path')
      return
    }
    sendFile(request, response, file, {
      'Content-Type': contentTypeOf(file),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'public, max-age=3600',
    })
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/'
    const method = request.method ?? 'GET'
    const readOnly = method === 'GET' || method === 'HEAD'

    if (rawPath === '/healthz' && readOnly) return sendText(response, 200, 'ok')
    if (rawPath.startsWith('/v4/') && options.rest) return options.rest.handle(request, response)
    if (rawPath.startsWith(BUSINESS_HTTP_PREFIX) && options.business) {
      return options.business(request, response)
    }
    if (rawPath === '/api/viewer-session') {
      if (method !== 'POST') return sendText(response, 405, 'Use POST')
      return viewerSession(request, response)
    }
    if (rawPath.startsWith('/room/') && readOnly) {
      let roomId: string
      try {
        roomId = decodeURIComponent(rawPath.slice('/room/'.length).replace(/\/$/, ''))
      } catch {
        return sendText(response, 400, 'Bad room path')
      }
      return viewerPage(request, response, roomId)
    }
    if (rawPath.startsWith('/assets/') && readOnly) {
      return asset(request, response, rawPath.slice('/assets/'.length))
    }
    if (rawPath.startsWith(REPLAYS_PATH) && readOnly && options.replays) {
      return serveReplay(request, response, rawPath, options.replays)
    }
    // A raw '..' anywhere outside the routes above is still refused loudly rather than 404'd.
    if (/(^|\/)(\.|%2e){2}(\/|%2f|$)/i.test(rawPath)) return sendText(response, 400, 'Bad path')
    sendText(response, 404, 'Not found')
  }

  return (request, response) => {
    route(request, response).catch((error: unknown) => {
      // The path only: a REST URL's query carries the caller's usersig.
      const pathname = (request.url ?? '/').split('?')[0]?.slice(0, 120)
      const what = `liveroom: HTTP ${request.method} ${pathname}`
      if (request.destroyed || (error as NodeJS.ErrnoException)?.code === 'ECONNRESET') {
        // The client went away mid-request (a dropped phone): its doing, one line, no stack.
        log(`${what} ended early: the client went away`)
        response.destroy()
        return
      }
      log(`${what} failed: ${(error as Error).message}`)
      if (!response.headersSent) sendText(response, 500, 'Internal server error')
      else response.destroy()
    })
  }
}
