import { timingSafeEqual } from 'node:crypto'
import { callbackSign, type CallbackContext, type OptPlatform } from '../../common/im-callbacks'
import {
  type CallbackRefusal,
  CallbackRefusalCode,
  type CallbackRefusalCodeValue,
  refusal,
} from './callback-refusal'

/**
 * The checks a callback's URL must pass before a byte of its body is read (reference §5.1):
 * Tencent's query parameters, our SDKAppID, and the webhook token's Sign over a RequestTime within
 * a minute of now. Pure: the endpoint passes the query and the time in.
 */

export interface CallbackQueryExpectations {
  sdkAppId: number
  /** The webhook token set in Tencent's console (Callback configuration → authentication token). */
  token: string
  /** Unix ms. */
  now: number
}

export type CheckedQuery =
  { ok: true; command: string; context: CallbackContext } | { ok: false; refusal: CallbackRefusal }

/** Tencent: reject a RequestTime more than one minute from now (either way). */
export const requestTimeWindowSeconds = 60

const platforms: ReadonlySet<string> = new Set<OptPlatform>([
  'RESTAPI',
  'Web',
  'Android',
  'iOS',
  'Windows',
  'Mac',
  'iPad',
  'Unknown',
])

const refuse = (
  status: number,
  code: CallbackRefusalCodeValue,
  message: string,
): Extract<CheckedQuery, { ok: false }> => ({ ok: false, refusal: refusal(status, code, message) })

/** Equal hex signatures, compared in constant time (the Sign is a secret-derived value). */
function sameSign(given: string, expected: string): boolean {
  const a = Buffer.from(given.toLowerCase(), 'utf8')
  const b = Buffer.from(expected, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

export function checkCallbackQuery(
  query: URLSearchParams,
  expected: CallbackQueryExpectations,
): CheckedQuery {
  const appId = query.get('SdkAppid')
  if (appId === null || appId === '') {
    return refuse(
      400,
      CallbackRefusalCode.sdkAppIdMissing,
      'The callback URL has no SdkAppid parameter; Tencent IM adds it to every callback',
    )
  }
  if (appId !== String(expected.sdkAppId)) {
    return refuse(
      403,
      CallbackRefusalCode.sdkAppIdWrong,
      `SdkAppid ${appId.slice(0, 16)} is not this business host's application (${expected.sdkAppId}); point only that application's callback URL here`,
    )
  }

  const sign = query.get('Sign')
  const requestTime = query.get('RequestTime')
  if (!sign || !requestTime) {
    return refuse(
      401,
      CallbackRefusalCode.signMissing,
      'The callback has no Sign and RequestTime; turn on the callback authentication token in the IM console and give this business host the same token',
    )
  }
  const seconds = /^\d{1,12}$/.test(requestTime) ? Number(requestTime) : NaN
  const skew = Math.abs(Math.floor(expected.now / 1000) - seconds)
  if (!(skew <= requestTimeWindowSeconds)) {
    return refuse(
      401,
      CallbackRefusalCode.requestTimeStale,
      Number.isNaN(seconds)
        ? `RequestTime "${requestTime.slice(0, 16)}" is not Unix seconds`
        : `RequestTime ${seconds} is ${skew} s from this host's clock (over ${requestTimeWindowSeconds} s): a replayed request, or a clock to set right (NTP)`,
    )
  }
  if (!sameSign(sign, callbackSign(expected.token, seconds))) {
    return refuse(
      401,
      CallbackRefusalCode.signWrong,
      'Sign does not match sha256(token + RequestTime): the callback token here differs from the one in the IM console',
    )
  }

  const command = query.get('CallbackCommand')
  if (!command) {
    return refuse(
      400,
      CallbackRefusalCode.badRequest,
      'The callback URL has no CallbackCommand parameter',
    )
  }
  const contentType = query.get('contenttype')
  if (contentType !== null && contentType !== 'json') {
    return refuse(
      415,
      CallbackRefusalCode.notJson,
      `contenttype is "${contentType.slice(0, 16)}"; callbacks are JSON (contenttype=json)`,
    )
  }
  const platform = query.get('OptPlatform') ?? ''
  return {
    ok: true,
    command,
    context: {
      // A string for logs; capped so a long one costs nothing.
      clientIp: (query.get('ClientIP') ?? '').slice(0, 64),
      platform: (platforms.has(platform) ? platform : 'Unknown') as OptPlatform,
    },
  }
}
