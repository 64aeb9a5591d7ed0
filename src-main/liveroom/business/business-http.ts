import type { IncomingMessage, ServerResponse } from 'node:http'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { readBody } from '../../common/read-body'

/**
 * The business host's own HTTP API, beside the callbacks: what a viewer page or a console asks of
 * the business server directly (the seed: a gift is a short request to the business server, which
 * bills it, and only then a room message). Mounted under `/business/` on the embedded room's HTTP
 * port, and on the business-only server. A capability declares routes; this module reads the
 * request (bounded, JSON only), authenticates the caller, and writes the answer.
 */

export const BUSINESS_HTTP_PREFIX = '/business/'

/** Who is asking: an identity of the IM app, proved by its UserSig. */
export interface BusinessCaller {
  userId: string
  /** The client's address as the server sees it (IPv4-mapped IPv6 as plain IPv4). */
  address: string
}

export interface BusinessRequest {
  method: string
  /** The path after `/business/`, e.g. `gifts/orders`. */
  path: string
  query: URLSearchParams
  /** The JSON body (POST/PUT/DELETE), parsed; undefined for GET. */
  body: unknown
  /** The caller, when the request carried a valid UserSig; else undefined. */
  caller: BusinessCaller | undefined
}

export type BusinessResponse =
  | { status: number; body: unknown }
  /** Bytes as they are (a gift's image): public, cached for an hour. */
  | { status: number; bytes: Buffer; contentType: string }
  | { status: number; error: { code: number; message: string; data?: Record<string, unknown> } }

export interface BusinessRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** The path after `/business/`, exact (`gifts/orders`), or a prefix ending in `*` (`gifts/images/*`). */
  path: string
  /** When true (the default), a request without a valid UserSig is refused with 70009 first. */
  authenticated?: boolean
  handle(request: BusinessRequest): BusinessResponse | Promise<BusinessResponse>
}

export interface BusinessHttpOptions {
  routes: readonly BusinessRoute[]
  /** Checks a UserSig of the IM app for `userId` (the room's own key, or the app's). */
  verifyUserSig(userId: string, userSig: string): boolean
  log: (line: string) => void
  /** Largest request body, bytes; default 16 KB. */
  maxBodyBytes?: number
}

const defaultMaxBodyBytes = 16 * 1024

function send(response: ServerResponse, answer: BusinessResponse): void {
  if ('bytes' in answer) {
    response.writeHead(answer.status, {
      'Content-Type': answer.contentType,
      'Content-Length': answer.bytes.length,
      'Cache-Control': 'public, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
      // An SVG opened on its own runs no script and loads nothing.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    })
    response.end(answer.bytes)
    return
  }
  const text = JSON.stringify('error' in answer ? answer.error : answer.body)
  response.writeHead(answer.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  response.end(text)
}

const refuse = (status: number, code: number, message: string): BusinessResponse => ({
  status,
  error: { code, message },
})

/**
 * The caller of a request: `Authorization: UserSig <userId> <userSig>` (the header keeps the sig
 * out of URLs and logs), checked with the app's key.
 */
function callerOf(
  request: IncomingMessage,
  verify: BusinessHttpOptions['verifyUserSig'],
): BusinessCaller | undefined {
  const header = request.headers.authorization ?? ''
  const match = /^UserSig ([A-Za-z0-9_-]{1,32}) (\S{1,2048})$/.exec(header)
  if (!match || !verify(match[1]!, match[2]!)) return undefined
  const address = request.socket.remoteAddress ?? ''
  return {
    userId: match[1]!,
    address: address.startsWith('::ffff:') ? address.slice(7) : address,
  }
}

/** How long a UserSig that verified is taken as verified again without the crypto, ms. */
const verifiedForMs = 10_000
const maxVerified = 10_000

/**
 * Verifying a UserSig (base64, inflate, HMAC) was a tenth of the business host's time in a gift
 * storm, where one viewer sends the same sig several times a second: a sig that verified is taken
 * as verified for 10 s. A refusal is not remembered (a forged sig costs the crypto every time).
 */
function rememberVerified(
  verify: BusinessHttpOptions['verifyUserSig'],
): BusinessHttpOptions['verifyUserSig'] {
  const verified = new Map<string, number>()
  return (userId, userSig) => {
    const key = `${userId} ${userSig}`
    const now = Date.now()
    const until = verified.get(key)
    if (until !== undefined && until > now) return true
    if (!verify(userId, userSig)) return false
    verified.delete(key)
    if (verified.size >= maxVerified) verified.delete(verified.keys().next().value!)
    verified.set(key, now + verifiedForMs)
    return true
  }
}

/** Answers one request under `/business/` with the matching route, or 404/405/415/401. */
export function createBusinessHttp(
  options: BusinessHttpOptions,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes
  const verify = rememberVerified(options.verifyUserSig)
  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://business')
    const path = url.pathname.slice(BUSINESS_HTTP_PREFIX.length)
    const method = request.method ?? 'GET'
    const routes = options.routes.filter((route) =>
      route.path.endsWith('*') ? path.startsWith(route.path.slice(0, -1)) : route.path === path,
    )
    const route = routes.find((r) => r.method === method)
    if (!route) {
      request.resume()
      return send(
        response,
        routes.length
          ? refuse(405, ErrorCode.badRequest, `Use ${routes.map((r) => r.method).join(' or ')}`)
          : refuse(
              404,
              ErrorCode.badResourceUrl,
              `No business API at ${url.pathname.slice(0, 80)}`,
            ),
      )
    }
    let body: unknown
    if (method !== 'GET') {
      const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
      if (type !== 'application/json') {
        request.resume()
        return send(
          response,
          refuse(415, ErrorCode.badRequest, 'Send the body as application/json'),
        )
      }
      const text = await readBody(request, maxBodyBytes)
      if (text === 'too-big') {
        return send(response, refuse(413, ErrorCode.badRequest, `Body over ${maxBodyBytes} bytes`))
      }
      try {
        body = JSON.parse(text)
      } catch {
        return send(response, refuse(400, ErrorCode.requestJsonInvalid, 'The body is not JSON'))
      }
    } else request.resume()
    const caller = callerOf(request, verify)
    if ((route.authenticated ?? true) && !caller) {
      return send(
        response,
        refuse(
          401,
          ErrorCode.userSigVerificationFailed,
          'Sign the request: Authorization: UserSig <userId> <userSig>',
        ),
      )
    }
    try {
      send(response, await route.handle({ method, path, query: url.searchParams, body, caller }))
    } catch (error) {
      options.log(`business: ${method} ${url.pathname} failed: ${(error as Error).message}`)
      send(response, refuse(500, ErrorCode.internal, 'The business server failed; try again'))
    }
  }
}
