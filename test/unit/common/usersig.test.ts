import { createRequire } from 'node:module'
import { deflateSync, inflateSync } from 'node:zlib'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { decodeUserSig, signUserSig, verifyUserSig } from '../../../src-main/common/usersig'

interface OfficialApi {
  genUserSig(userId: string, expire: number): string
  genPrivateMapKey(userId: string, expire: number, roomId: number, privilegeMap: number): string
}
const require = createRequire(import.meta.url)
const { Api } = require('tls-sig-api-v2') as {
  Api: new (sdkAppId: number, key: string) => OfficialApi
}

const sdkAppId = 1400000000
const secretKey = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e'
const official = new Api(sdkAppId, secretKey)
const nowSeconds = () => Math.floor(Date.now() / 1000)

afterEach(() => {
  vi.restoreAllMocks()
})

describe('UserSig (TLS sig v2)', () => {
  it('verifies sigs made by the official tls-sig-api-v2 package', () => {
    const sig = official.genUserSig('xiaojun', 86400)
    expect(
      verifyUserSig({
        userSig: sig,
        sdkAppId,
        secretKey,
        userId: 'xiaojun',
        nowSeconds: nowSeconds(),
      }),
    ).toMatchObject({ ok: true, userId: 'xiaojun', sdkAppId })
  })

  it('produces exactly the official package’s string for the same inputs and time', () => {
    const fixed = 1_700_000_000
    vi.spyOn(Date, 'now').mockReturnValue(fixed * 1000 + 123)
    const theirs = official.genUserSig('user_1-a', 3600)
    const ours = signUserSig({
      sdkAppId,
      secretKey,
      userId: 'user_1-a',
      expireSeconds: 3600,
      nowSeconds: fixed + 0.123,
    })
    expect(ours).toBe(theirs)
  })

  it('uses the URL-safe alphabet and a zlib-wrapped JSON document', () => {
    const sig = signUserSig({
      sdkAppId,
      secretKey,
      userId: 'a',
      expireSeconds: 60,
      nowSeconds: 1_700_000_000,
    })
    expect(sig).toMatch(/^[A-Za-z0-9*_-]+$/)
    const base64 = sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=')
    const doc = JSON.parse(inflateSync(Buffer.from(base64, 'base64')).toString()) as Record<
      string,
      unknown
    >
    expect(doc).toMatchObject({
      'TLS.ver': '2.0',
      'TLS.identifier': 'a',
      'TLS.sdkappid': sdkAppId,
      'TLS.time': 1_700_000_000,
      'TLS.expire': 60,
    })
    expect(decodeUserSig(sig)).toEqual(doc)
  })

  it('names the failure: wrong app, wrong user, forged, tampered, expired', () => {
    const now = 1_700_000_000
    const sig = signUserSig({
      sdkAppId,
      secretKey,
      userId: 'alice',
      expireSeconds: 60,
      nowSeconds: now,
    })
    const check = (overrides: Partial<Parameters<typeof verifyUserSig>[0]>) =>
      verifyUserSig({
        userSig: sig,
        sdkAppId,
        secretKey,
        userId: 'alice',
        nowSeconds: now,
        ...overrides,
      })

    expect(check({})).toMatchObject({ ok: true, expiresAt: now + 60 })
    expect(check({ nowSeconds: now + 60 })).toMatchObject({ ok: true })
    expect(check({ nowSeconds: now + 61 })).toMatchObject({
      ok: false,
      code: ErrorCode.userSigExpired,
    })
    // Reference §12: a sig for another app, or signed with another key, fails verification
    // (70009); one that cannot be parsed is 70003.
    expect(check({ sdkAppId: sdkAppId + 1 })).toMatchObject({ ok: false, code: 70009 })
    expect(check({ userId: 'bob' })).toMatchObject({
      ok: false,
      code: ErrorCode.identifierMismatch,
    })
    expect(check({ secretKey: 'other' })).toMatchObject({ ok: false, code: 70009 })
    expect(check({ userSig: sig.slice(0, -8) })).toMatchObject({
      ok: false,
      code: ErrorCode.userSigInvalid,
    })
    expect(check({ userSig: 'x' + sig })).toMatchObject({
      ok: false,
      code: ErrorCode.userSigInvalid,
    })
    expect(check({ userSig: '' })).toMatchObject({ ok: false, code: ErrorCode.userSigInvalid })
  })

  it('rejects a re-signed document whose fields were changed without the key', () => {
    const now = 1_700_000_000
    const sig = signUserSig({
      sdkAppId,
      secretKey,
      userId: 'alice',
      expireSeconds: 60,
      nowSeconds: now,
    })
    const doc = decodeUserSig(sig)
    expect(doc).toBeDefined()
    // Stretch the lifetime but keep the old HMAC: the signature no longer matches.
    const forgedDoc = { ...doc, 'TLS.expire': 86400 * 365 }
    const forged = deflateSync(Buffer.from(JSON.stringify(forgedDoc)))
      .toString('base64')
      .replace(/\+/g, '*')
      .replace(/\//g, '-')
      .replace(/=/g, '_')
    expect(
      verifyUserSig({
        userSig: forged,
        sdkAppId,
        secretKey,
        userId: 'alice',
        nowSeconds: now + 120,
      }),
    ).toMatchObject({ ok: false, code: ErrorCode.userSigVerificationFailed })
  })

  it('refuses a PrivateMapKey in place of a UserSig', () => {
    const key = official.genPrivateMapKey('alice', 300, 1234, 255)
    expect(
      verifyUserSig({
        userSig: key,
        sdkAppId,
        secretKey,
        userId: 'alice',
        nowSeconds: nowSeconds(),
      }),
    ).toMatchObject({
      ok: false,
      code: ErrorCode.userSigVerificationFailed,
      reason: expect.stringContaining('PrivateMapKey'),
    })
  })
})
