import { randomInt } from 'node:crypto'
import { Limits } from '../../src-shared/protocol/codes'
import type { ViewerSession } from '../../src-shared/protocol/frames'
import { normalizeNickname, type NicknameResult } from './nickname'
import { reservedNames } from './reserved-names'
import type { Store } from './store'

export interface ViewerSessionDeps {
  store: Store
  /** App admin identities: a viewer may not name themselves after one either. */
  appAdmins: readonly string[]
  sdkAppId: number
  now: () => number
  signUserSig: (userId: string, expireSeconds: number) => string
}

const idAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** Viewer UserIDs: `v_` and 12 random [a-z0-9], so they never collide with the owner's IDs. */
export function newViewerUserId(): string {
  let id = 'v_'
  for (let i = 0; i < 12; i++) id += idAlphabet[randomInt(idAlphabet.length)]
  return id
}

/**
 * Issues an anonymous viewer identity for the viewer page: a fresh UserID, its profile nick and a
 * UserSig valid for Limits.viewerSigSeconds.
 */
export function createViewerSession(
  deps: ViewerSessionDeps,
  nickname: string,
): { ok: true; session: ViewerSession } | Extract<NicknameResult, { ok: false }> {
  const checked = normalizeNickname(nickname, reservedNames(deps.store, deps.appAdmins))
  if (!checked.ok) return checked
  const userId = newViewerUserId()
  const now = deps.now()
  deps.store.profiles.setNick(userId, checked.nick, now)
  return {
    ok: true,
    session: {
      sdkAppId: deps.sdkAppId,
      userId,
      userSig: deps.signUserSig(userId, Limits.viewerSigSeconds),
      nick: checked.nick,
      expiresAt: (Math.floor(now / 1000) + Limits.viewerSigSeconds) * 1000,
    },
  }
}
