import { createHmac, timingSafeEqual } from 'node:crypto'
import { deflateSync, inflateSync } from 'node:zlib'
import { ErrorCode } from '../../src-shared/protocol/codes'

/**
 * UserSig, Tencent's TLS sig v2 (shared/reference/tencent-im-css.md §7), byte-compatible with the
 * official `tls-sig-api-v2` packages: a client holding a sig from Tencent's tools logs in here, and
 * a sig made here verifies with Tencent's algorithm.
 */

/** The Python and Go libraries' default lifetime: 180 days. */
export const defaultUserSigSeconds = 180 * 86400

export interface SignUserSigInput {
  sdkAppId: number
  secretKey: string
  userId: string
  /** Lifetime in seconds from `nowSeconds`. */
  expireSeconds: number
  nowSeconds: number
}

export type UserSigFailureCode =
  | typeof ErrorCode.userSigInvalid
  | typeof ErrorCode.userSigExpired
  | typeof ErrorCode.userSigVerificationFailed
  | typeof ErrorCode.identifierMismatch
  | typeof ErrorCode.sdkAppIdMismatch

export type VerifyUserSigResult =
  | { ok: true; userId: string; sdkAppId: number; issuedAt: number; expiresAt: number }
  | { ok: false; code: UserSigFailureCode; reason: string }

export interface VerifyUserSigInput {
  userSig: string
  sdkAppId: number
  secretKey: string
  userId: string
  nowSeconds: number
}

interface SigDoc {
  'TLS.ver': string
  'TLS.identifier': string
  'TLS.sdkappid': number
  'TLS.time': number
  'TLS.expire': number
  'TLS.sig': string
  'TLS.userbuf'?: string
}

// A real sig document is ~200 bytes; the cap stops a crafted deflate stream from inflating into
// megabytes on the login path.
const maxInflatedBytes = 8192

function hmacBase64(
  secretKey: string,
  userId: string,
  sdkAppId: number,
  time: number,
  expire: number,
): string {
  const content =
    `TLS.identifier:${userId}\n` +
    `TLS.sdkappid:${sdkAppId}\n` +
    `TLS.time:${time}\n` +
    `TLS.expire:${expire}\n`
  return createHmac('sha256', secretKey).update(content, 'utf8').digest('base64')
}

function escapeBase64(base64: string): string {
  return base64.replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_')
}

function unescapeBase64(escaped: string): string {
  return escaped.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=')
}

export function signUserSig(input: SignUserSigInput): string {
  const time = Math.floor(input.nowSeconds)
  // Key order matches the official libraries so the same inputs give the same string.
  const doc: SigDoc = {
    'TLS.ver': '2.0',
    'TLS.identifier': input.userId,
    'TLS.sdkappid': input.sdkAppId,
    'TLS.time': time,
    'TLS.expire': input.expireSeconds,
    'TLS.sig': hmacBase64(input.secretKey, input.userId, input.sdkAppId, time, input.expireSeconds),
  }
  return escapeBase64(deflateSync(Buffer.from(JSON.stringify(doc), 'utf8')).toString('base64'))
}

/** Decodes a UserSig's JSON document without checking its signature. */
export function decodeUserSig(userSig: string): SigDoc | undefined {
  if (!/^[A-Za-z0-9*_-]+$/.test(userSig)) return undefined
  let doc: unknown
  try {
    const compressed = Buffer.from(unescapeBase64(userSig), 'base64')
    doc = JSON.parse(
      inflateSync(compressed, { maxOutputLength: maxInflatedBytes }).toString('utf8'),
    )
  } catch {
    return undefined
  }
  if (typeof doc !== 'object' || doc === null) return undefined
  const d = doc as Record<string, unknown>
  const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v)
  if (
    d['TLS.ver'] !== '2.0' ||
    typeof d['TLS.identifier'] !== 'string' ||
    !isInt(d['TLS.sdkappid']) ||
    !isInt(d['TLS.time']) ||
    !isInt(d['TLS.expire']) ||
    typeof d['TLS.sig'] !== 'string' ||
    (d['TLS.userbuf'] !== undefined && typeof d['TLS.userbuf'] !== 'string')
  ) {
    return undefined
  }
  return d as unknown as SigDoc
}

/**
 * Checks a UserSig the way Tencent's Go library does (app, then identifier, then signature, then
 * expiry). The signature is checked before expiry so a forged sig is never reported as "expired".
 * Codes (reference §12): 70003 when it cannot be parsed; 70009 when it parses but does not verify
 * — another SDKAppID inside, an HMAC made with another key, or a PrivateMapKey; 70013 for another
 * UserID; 70001 when expired.
 */
export function verifyUserSig(input: VerifyUserSigInput): VerifyUserSigResult {
  const doc = decodeUserSig(input.userSig)
  if (!doc) {
    return {
      ok: false,
      code: ErrorCode.userSigInvalid,
      reason: 'UserSig cannot be parsed: it is not a TLS sig v2 token',
    }
  }
  if (doc['TLS.sdkappid'] !== input.sdkAppId) {
    return {
      ok: false,
      code: ErrorCode.userSigVerificationFailed,
      reason: `UserSig was issued for SDKAppID ${doc['TLS.sdkappid']}, this server is ${input.sdkAppId}; sign it with this app's secret key`,
    }
  }
  if (doc['TLS.identifier'] !== input.userId) {
    return {
      ok: false,
      code: ErrorCode.identifierMismatch,
      reason: `UserSig was issued for another UserID, not "${input.userId}"`,
    }
  }
  if (doc['TLS.userbuf'] !== undefined) {
    return {
      ok: false,
      code: ErrorCode.userSigVerificationFailed,
      reason: 'This is a PrivateMapKey (it carries a userbuf), not a UserSig',
    }
  }
  const expected = Buffer.from(
    hmacBase64(
      input.secretKey,
      doc['TLS.identifier'],
      input.sdkAppId,
      doc['TLS.time'],
      doc['TLS.expire'],
    ),
  )
  const actual = Buffer.from(doc['TLS.sig'])
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return {
      ok: false,
      code: ErrorCode.userSigVerificationFailed,
      reason: 'UserSig signature does not verify: was it signed with this app’s secret key?',
    }
  }
  const expiresAt = doc['TLS.time'] + doc['TLS.expire']
  if (input.nowSeconds > expiresAt) {
    return {
      ok: false,
      code: ErrorCode.userSigExpired,
      reason: `UserSig expired at ${new Date(expiresAt * 1000).toISOString()}; get a new one`,
    }
  }
  return {
    ok: true,
    userId: doc['TLS.identifier'],
    sdkAppId: doc['TLS.sdkappid'],
    issuedAt: doc['TLS.time'],
    expiresAt,
  }
}
