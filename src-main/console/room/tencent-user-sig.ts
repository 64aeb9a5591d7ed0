import { z } from 'zod'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { RoomError } from '../../common/room-error'
import { signUserSig } from '../../common/usersig'

/** Lifetime of sigs made here: a day, renewed on every login and REST call. */
const SIG_SECONDS = 86_400

/**
 * A UserSig (TLS sig v2, reference §7) made from the app's secret key with the project's one
 * signer (common/usersig.ts, byte-compatible with Tencent's `tls-sig-api-v2`). Whoever holds the
 * key can sign in as anyone, so production takes the anchor's sig from the business server instead
 * (fetchUserSig); the App admin's sig for the REST API still needs the key.
 */
export function signWithSecretKey(
  sdkAppId: number,
  secretKey: string,
  userId: string,
  expireSeconds = SIG_SECONDS,
  now: () => number = Date.now,
): string {
  return signUserSig({ sdkAppId, secretKey, userId, expireSeconds, nowSeconds: now() / 1000 })
}

const UserSigAnswer = z.object({ userSig: z.string().min(1) })

/**
 * The business server's UserSig endpoint: POST `{"userId","sdkAppId"}` as JSON, answer 200 with
 * `{"userSig":"…"}`. Failures reject with a RoomError that names the URL's host.
 */
export async function fetchUserSig(
  url: string,
  userId: string,
  sdkAppId: number,
  fetcher: typeof fetch = globalThis.fetch,
): Promise<string> {
  const host = safeHost(url)
  let response: Response
  try {
    response = await fetcher(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId, sdkAppId }),
      signal: AbortSignal.timeout(10_000),
    })
  } catch {
    throw new RoomError(
      ErrorCode.userSigInvalid,
      `The UserSig server (${host}) could not be reached`,
      undefined,
      { reason: 'userSigUnreachable', host },
    )
  }
  const body: unknown = await response.json().catch(() => null)
  const parsed = UserSigAnswer.safeParse(body)
  if (response.status !== 200 || !parsed.success) {
    throw new RoomError(
      ErrorCode.userSigInvalid,
      `The UserSig server (${host}) answered HTTP ${response.status} without {"userSig": "…"}`,
      undefined,
      { reason: 'userSigBadAnswer', host, status: response.status },
    )
  }
  return parsed.data.userSig
}

function safeHost(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
