import http from 'node:http'
import { DEFAULT_APP_ADMIN } from '../../../src-shared/protocol/codes'
import { type Clock, systemClock } from '../../common/clock'
import { httpServerOptions, type HttpTimeLimits } from '../../common/http-limits'
import { ImRestClient } from '../../common/im-rest-client'
import path from 'node:path'
import { signUserSig, verifyUserSig } from '../../common/usersig'
import { BUSINESS_HTTP_PREFIX } from './business-http'
import { openBusinessStore } from './business-store'
import { privateDir } from '../../common/private-files'
import { type BusinessOptions, createBusinessHost } from './built-in'
import { CALLBACK_PATH, createCallbackEndpoint } from './callback-endpoint'
import { CallbackRefusalCode } from './callback-refusal'
import { listen, urlHost } from '../../common/listen'

/**
 * `npm run server -- --business-only`: the business host alone, for a room on Tencent Cloud (or an
 * embedded room started with --callback-url): callbacks in over HTTP, the IM REST API out as the
 * App admin. No IM engine, no ingest, no database of the room.
 */

export interface BusinessServerOptions extends BusinessOptions {
  /** Where its own database lives (business.db); created when missing. */
  dataDir: string
  /** better-sqlite3's `nativeBinding` (the Electron-ABI build inside Electron). */
  sqliteNativeBinding?: string
  /** The IM REST API's base: `https://adminapisgp.im.qcloud.com` etc., or a room's httpUrl. */
  imRestUrl: string
  sdkAppId: number
  /** The application's secret key: it signs the App admin's UserSig for REST. */
  secretKey: string
  /** The webhook token set in the IM console; every callback must carry its Sign. */
  callbackToken: string
  /** The App admin REST calls are made as; default `administrator`. */
  admin?: string
  /** Default 127.0.0.1. */
  host?: string
  /** Default 0: an ephemeral port. */
  port?: number
  clock?: Clock
  log?: (line: string) => void
  /** Largest callback body, bytes (default: callback-endpoint.ts). */
  maxBodyBytes?: number
  /** Header and body time limits (common/http-limits.ts). */
  httpTimeLimits?: Partial<HttpTimeLimits>
}

export interface BusinessServer {
  /** `http://host:port`. */
  readonly url: string
  /** The URL to give the IM console as the callback URL. */
  readonly callbackUrl: string
  readonly port: number
  close(): Promise<void>
}

/**
 * Each REST call carries a fresh UserSig, so a short life costs nothing, and a sig that leaks
 * (it sits in the request URL) is soon worthless. An hour still allows for a skewed clock.
 */
const restUserSigSeconds = 3600

function sendJson(response: http.ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  })
  response.end(text)
}

export async function startBusinessServer(options: BusinessServerOptions): Promise<BusinessServer> {
  const clock = options.clock ?? systemClock
  const log = options.log ?? (() => {})
  const host = options.host ?? '127.0.0.1'
  const admin = options.admin ?? DEFAULT_APP_ADMIN
  if (options.callbackToken.trim() === '') {
    throw new Error('callbackToken must not be empty: every callback is checked against it')
  }
  const rest = new ImRestClient({
    baseUrl: options.imRestUrl,
    sdkAppId: options.sdkAppId,
    identifier: admin,
    userSig: () =>
      signUserSig({
        sdkAppId: options.sdkAppId,
        secretKey: options.secretKey,
        userId: admin,
        expireSeconds: restUserSigSeconds,
        nowSeconds: clock.now() / 1000,
      }),
  })
  // Orders and balances are the app's alone: the folder 0700 (the database itself is made 0600).
  privateDir(options.dataDir)
  const store = openBusinessStore(
    path.join(options.dataDir, 'business.db'),
    options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {},
  )
  const business = createBusinessHost(options, {
    rest,
    clock,
    log,
    store,
    admin,
    verifyUserSig: (userId, userSig) =>
      verifyUserSig({
        userSig,
        userId,
        nowSeconds: clock.now() / 1000,
        sdkAppId: options.sdkAppId,
        secretKey: options.secretKey,
      }).ok,
    onClose: () => store.close(),
  })
  const endpoint = createCallbackEndpoint({
    sdkAppId: options.sdkAppId,
    token: options.callbackToken,
    clock,
    receiver: business,
    log,
    maxBodyBytes: options.maxBodyBytes,
  })
  const server = http.createServer(
    httpServerOptions(options.httpTimeLimits),
    (request, response) => {
      let pathname: string
      try {
        pathname = new URL(request.url ?? '/', 'http://business').pathname
      } catch {
        request.resume()
        return sendJson(response, 400, {
          ActionStatus: 'FAIL',
          ErrorInfo: 'Bad URL',
          ErrorCode: CallbackRefusalCode.notFound,
        })
      }
      if (pathname === CALLBACK_PATH) return endpoint(request, response)
      if (pathname.startsWith(BUSINESS_HTTP_PREFIX)) {
        void business.handleHttp(request, response)
        return
      }
      request.resume()
      if (pathname === '/healthz' && request.method === 'GET') {
        return sendJson(response, 200, { ok: true })
      }
      sendJson(response, 404, {
        ActionStatus: 'FAIL',
        ErrorInfo: `Nothing here; callbacks go to ${CALLBACK_PATH}`,
        ErrorCode: CallbackRefusalCode.notFound,
      })
    },
  )
  let port: number
  try {
    port = await listen(server, options.port ?? 0, host)
  } catch (error) {
    business.close()
    throw error
  }
  const url = `http://${urlHost(host)}:${port}`
  log(
    `business: listening on ${url} (SDKAppID ${options.sdkAppId}, REST ${options.imRestUrl} as ${admin})`,
  )
  let closing: Promise<void> | undefined
  return {
    url,
    callbackUrl: `${url}${CALLBACK_PATH}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        business.close()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}
