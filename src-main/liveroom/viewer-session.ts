import { randomInt } from 'node:crypto'
import { ErrorCode, Limits } from '../../src-shared/protocol/codes'
import type { ViewerSession } from '../../src-shared/protocol/frames'
import { normalizeNickname, type NicknameResult } from './nickname'
import { reservedNames } from './reserved-names'
import type { Store } from './store'
import type { ViewerCredentials } from './viewer-credential'

export interface ViewerSessionDeps {
  store: Store
  /** App admin identities: a viewer may not name themselves after one either. */
  appAdmins: readonly string[]
  sdkAppId: number
  now: () => number
  signUserSig: (userId: string, expireSeconds: number) => string
  credentials: ViewerCredentials
  /**
   * New identities one address may mint per minute (a household or a LAN party shares one
   * address; default 10, at least 5).
   */
  mintsPerMinute?: number
}

export const defaultMintsPerMinute = 10

const idAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** Viewer UserIDs: `v_` and 12 random [a-z0-9], so they never collide with the owner's IDs. */
export function newViewerUserId(): string {
  let id = 'v_'
  for (let i = 0; i < 12; i++) id += idAlphabet[randomInt(idAlphabet.length)]
  return id
}

export type ViewerSessionOutcome =
  | { ok: true; session: ViewerSession; credential: string }
  | Extract<NicknameResult, { ok: false }>
  | {
      ok: false
      code: typeof ErrorCode.restRateLimit
      message: string
      data: { retryAfter: number }
    }

/**
 * A viewer page's session (issue 9, §2): the identity its credential names — the same person
 * after a reload or a browser restart, under whatever nickname they give now — or, without one, a
 * new anonymous identity minted for `address` (at most `mintsPerMinute` a minute per address). The
 * answer carries a fresh UserSig and a fresh credential for the page's cookie.
 */
export function createViewerSession(
  deps: ViewerSessionDeps,
  request: { nickname: string; credential: string | undefined; address: string },
): ViewerSessionOutcome {
  const { store } = deps
  const now = deps.now()
  const known = request.credential ? deps.credentials.verify(request.credential, now) : undefined
  // A credential whose identity was pruned (or never ours) starts afresh.
  let userId = known !== undefined && store.viewerIdentities.get(known) ? known : undefined
  const checked = normalizeNickname(request.nickname, reservedNames(store, deps.appAdmins, userId))
  if (!checked.ok) return checked
  if (userId === undefined) {
    const perMinute = Math.max(5, deps.mintsPerMinute ?? defaultMintsPerMinute)
    if (store.viewerIdentities.mintedSince(request.address, now - 60_000) >= perMinute) {
      return {
        ok: false,
        code: ErrorCode.restRateLimit,
        message: `This address has made ${perMinute} new viewer identities in the last minute; wait a minute`,
        data: { retryAfter: now + 60_000 },
      }
    }
    userId = newViewerUserId()
    store.viewerIdentities.mint(userId, request.address, now)
  } else {
    store.viewerIdentities.seen(userId, now)
  }
  store.profiles.setNick(userId, checked.nick, now)
  return {
    ok: true,
    credential: deps.credentials.issue(userId, now),
    session: {
      sdkAppId: deps.sdkAppId,
      userId,
      userSig: deps.signUserSig(userId, Limits.viewerSigSeconds),
      nick: checked.nick,
      expiresAt: (Math.floor(now / 1000) + Limits.viewerSigSeconds) * 1000,
    },
  }
}
