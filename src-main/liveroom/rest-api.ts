import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBody } from '../common/read-body'
import { ErrorCode } from '../../src-shared/protocol/codes'
import { unlessSignedOut } from './im-engine'
import { avChatRoomService } from './rest-avchatroom-svc'
import { type CommandHandler, type RestDeps, RestError, type RestFields } from './rest-common'
import { groupAttrCommands, groupAttrService } from './rest-group-attr'
import { groupService } from './rest-group-svc'
import { loginService } from './rest-login-svc'
import { profileService } from './rest-profile-svc'
import { moderationCommands } from './rest-moderation'
import type { VerifyUserSigResult } from '../common/usersig'

/**
 * Tencent's IM REST API (reference §3) on the room's HTTP port:
 * `POST /v4/<service>/<command>?sdkappid=&identifier=&usersig=&random=&contenttype=json`, JSON in
 * and out, HTTP 200 with `ActionStatus`/`ErrorCode`/`ErrorInfo` on every answer.
 */

export interface RestApiOptions extends RestDeps {
  sdkAppId: number
  verifyUserSig: (userSig: string, userId: string, nowSeconds: number) => VerifyUserSigResult
  /** Calls per second per command (Tencent's default is 200; over it: 60007). */
  maxCallsPerSecond: number
  log: (line: string) => void
}

/**
 * Services and their commands are looked up as own properties of prototype-less maps only: a URL
 * naming `__proto__`, `constructor` or `toString` must not reach Object's own functions (which
 * would answer with the server's internals, or write into them).
 */
type CommandTable = Readonly<Record<string, CommandHandler>>
const table = (entries: Record<string, CommandHandler>): CommandTable =>
  Object.freeze(Object.assign(Object.create(null) as Record<string, CommandHandler>, entries))
const services: Readonly<Record<string, CommandTable>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, CommandTable>, {
    group_open_http_svc: table({ ...groupService, ...moderationCommands, ...groupAttrCommands }),
    group_open_avchatroom_http_svc: table(avChatRoomService),
    group_open_attr_http_svc: table(groupAttrService),
    im_open_login_svc: table(loginService),
    profile: table(profileService),
  }),
)

function ownEntry<T>(map: Readonly<Record<string, T>>, name: string | undefined): T | undefined {
  return name !== undefined && Object.hasOwn(map, name) ? map[name] : undefined
}

/** Large enough for get_group_info over many groups and an 8,000-byte message with escapes. */
const maxBodyBytes = 64 * 1024

function send(response: ServerResponse, fields: RestFields): void {
  const body = JSON.stringify(fields)
  response.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  response.end(body)
}

function ok(response: ServerResponse, fields: RestFields): void {
  send(response, { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...fields })
}

function failed(response: ServerResponse, code: number, info: string): void {
  send(response, { ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: info })
}

export interface RestApi {
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>
}

export function createRestApi(options: RestApiOptions): RestApi {
  const rate = new Map<string, { second: number; count: number }>()

  function overRate(key: string): boolean {
    const second = Math.floor(options.now() / 1000)
    const entry = rate.get(key)
    if (!entry || entry.second !== second) {
      rate.set(key, { second, count: 1 })
      return false
    }
    entry.count++
    return entry.count > options.maxCallsPerSecond
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
    // Read the body first so an early answer never leaves the client writing into a closed socket.
    const body = await readBody(request, maxBodyBytes)
    const [, v4, service, command, extra] = url.pathname.split('/')
    const handlers = ownEntry(services, service)
    if (v4 !== 'v4' || !handlers || extra !== undefined) {
      return failed(
        response,
        ErrorCode.badResourceUrl,
        `Unknown REST URL ${url.pathname.slice(0, 80)}; use /v4/<service>/<command> with service ${Object.keys(services).join(', ')}`,
      )
    }
    const handler = ownEntry(handlers, command)
    if (!handler) {
      return failed(
        response,
        ErrorCode.invalidCommand,
        `Unknown command "${(command ?? '').slice(0, 48)}" in ${service}; this server implements ${Object.keys(handlers).join(', ')}`,
      )
    }
    if (request.method !== 'POST') {
      return failed(response, ErrorCode.badRequest, `Use POST for ${url.pathname}`)
    }
    const query = url.searchParams
    const appIdText = query.get('sdkappid')
    if (!appIdText) {
      return failed(response, ErrorCode.sdkAppIdMissing, 'The query must carry sdkappid')
    }
    if (appIdText !== String(options.sdkAppId)) {
      return failed(
        response,
        ErrorCode.sdkAppIdInvalid,
        `SDKAppID ${appIdText.slice(0, 20)} is not this server's (${options.sdkAppId})`,
      )
    }
    const contentType = query.get('contenttype')
    if (contentType !== null && contentType !== 'json') {
      return failed(response, ErrorCode.badRequest, 'contenttype must be json')
    }
    const identifier = query.get('identifier') ?? ''
    const userSig = query.get('usersig') ?? ''
    if (identifier === '' || userSig === '') {
      return failed(
        response,
        ErrorCode.badSignature,
        'The query must carry identifier (an App admin) and usersig (its UserSig)',
      )
    }
    const verified = unlessSignedOut(
      options.store,
      options.verifyUserSig(userSig, identifier, Math.floor(options.now() / 1000)),
    )
    if (!verified.ok) return failed(response, verified.code, verified.reason)
    if (!options.isAppAdmin(identifier)) {
      return failed(
        response,
        ErrorCode.needsAppAdmin,
        `"${identifier}" is not an App admin of this server; REST calls need one (adminIdentifiers)`,
      )
    }
    if (overRate(`${service}/${command}`)) {
      return failed(
        response,
        ErrorCode.restRateLimit,
        `Over ${options.maxCallsPerSecond} calls per second to ${service}/${command}; retry in a second`,
      )
    }
    if (body === 'too-big') {
      return failed(response, ErrorCode.badRequest, `Request body is over ${maxBodyBytes} bytes`)
    }
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch (error) {
      return failed(
        response,
        ErrorCode.requestJsonInvalid,
        `Request body is not valid JSON (${(error as Error).message})`,
      )
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return failed(response, ErrorCode.requestJsonInvalid, 'Request body must be a JSON object')
    }
    try {
      const fields = await handler(
        options,
        {
          identifier,
          clientIp: request.socket.remoteAddress ?? '',
        },
        json,
      )
      ok(response, fields)
    } catch (error) {
      if (error instanceof RestError) return failed(response, error.code, error.message)
      // Our own fault, not the caller's (its mistakes are RestErrors): the stack helps us fix it.
      // The request URL is not logged: it carries the caller's usersig.
      options.log(
        `liveroom: REST ${service}/${command} failed: ${(error as Error)?.stack ?? String(error)}`,
      )
      failed(
        response,
        ErrorCode.internal,
        'Internal server error; the request may not have completed',
      )
    }
  }

  return { handle }
}
