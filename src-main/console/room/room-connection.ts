import {
  ContractCode,
  RoomConnectionSettings,
  type ContractError,
  type RoomConnectionSnapshot,
  type TencentRoomConnection,
} from '../../../src-shared/contract'
import type { SecretStore } from '../secret-store'
import type { SettingsStore } from '../store/settings'
import type { ChatPort } from './chat-port'
import { realTimer, type SetTimer } from '../../common/clock'
import { ImRestClient } from '../../common/im-rest-client'
import { createSdkChatPort } from './tencent-chat-sdk'
import { TencentRoomBackend } from './tencent-backend'
import { fetchUserSig, signWithSecretKey } from './tencent-user-sig'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { RoomError } from '../../common/room-error'
import { contractErrorOf } from '../contract/dispatch'

const SETTINGS_KEY = 'room-connection'
/** The App admin's REST UserSig lifetime (made per call; the same hour as the console's). */
const ADMIN_USERSIG_SECONDS = 3600
/** The SecretStore's name for the Tencent IM app's secret key. */
export const IM_SECRET_KEY = 'imSecretKey'

/**
 * Which room the console runs and how it signs in to Tencent Cloud: settings in SQLite, the IM
 * secret key in the SecretStore (never sent back, only whether it is set). What is saved applies
 * at the next start: the room session is built once, at startup.
 */
export class RoomConnectionService {
  /** The settings and key this run started with. */
  private readonly startedWith: string
  private startError: ContractError | null = null
  /** A join (at start, or a retry) is under way. */
  private joining = false

  constructor(
    private readonly store: SettingsStore,
    private readonly secrets: SecretStore,
  ) {
    this.startedWith = this.fingerprint()
  }

  settings(): RoomConnectionSettings {
    return this.store.get(SETTINGS_KEY, RoomConnectionSettings, { backend: 'embedded' })
  }

  secretKey(): string | null {
    return this.secrets.get(IM_SECRET_KEY)
  }

  /**
   * Records why this run could not join the Tencent room: a coded error keeps its code and params
   * (the renderer words them); anything else is an internal error.
   */
  failedToStart(err: unknown): ContractError {
    this.joining = false
    this.startError = contractErrorOf(err) ?? {
      code: ErrorCode.internal,
      message: err instanceof Error ? err.message : String(err),
    }
    return this.startError
  }

  /** A join begins: what failed before no longer stands. */
  joinStarted(): void {
    this.joining = true
    this.startError = null
  }

  joined(): void {
    this.joining = false
    this.startError = null
  }

  snapshot(active: RoomConnectionSettings['backend']): RoomConnectionSnapshot {
    return {
      settings: this.settings(),
      active,
      restartRequired: this.fingerprint() !== this.startedWith,
      secretKeySet: this.secretKey() !== null,
      secretStorage: this.secrets.encrypted ? 'encrypted' : 'file',
      joining: this.joining,
      startError: this.startError,
    }
  }

  save(settings: RoomConnectionSettings): void {
    this.store.put(SETTINGS_KEY, settings)
  }

  setSecretKey(value: string | null): void {
    if (value === null || value === '') this.secrets.delete(IM_SECRET_KEY)
    else this.secrets.set(IM_SECRET_KEY, value)
  }

  private fingerprint(): string {
    return JSON.stringify([this.settings(), this.secretKey()])
  }
}

export interface TencentBackendDeps {
  /** The SDK port; the real `@tencentcloud/chat` by default. */
  createPort?: (sdkAppId: number) => Promise<ChatPort>
  fetch?: typeof fetch
  /** How often the online count is read over REST (default 10 s). */
  onlineCountEveryMs?: number
  /** How long one SDK call may take (default TENCENT_CALL_TIMEOUT_MS). */
  callTimeoutMs?: number
  /** The timers of those limits (default Node's; tests pass the manual clock's). */
  setTimer?: SetTimer
}

/**
 * How long one call of the SDK may take. The SDK's own limit is 90 s (then error 2801), far too
 * long for a console that waits to show the room; 15 s is plenty for a sign-in over a slow link.
 */
export const TENCENT_CALL_TIMEOUT_MS = 15_000
/** The SDK's own "request timed out" (its code table, 2801). */
const SDK_REQUEST_TIMEOUT = 2801

/** The step a call is, in the words the renderer has for it (`params.step`). */
const steps: Partial<Record<string, 'sdk' | 'login' | 'join' | 'profile'>> = {
  create: 'sdk',
  login: 'login',
  joinGroup: 'join',
  getGroupProfile: 'profile',
}

/**
 * `call` within `ms`: past it, and on the SDK's own timeout (2801), it rejects with 1005
 * `imTimeout` naming its step.
 */
function withinTime<T>(
  method: string,
  call: () => Promise<T>,
  ms: number,
  setTimer: SetTimer,
): Promise<T> {
  const seconds = Math.round(ms / 1000)
  const timedOut = () =>
    new RoomError(
      ContractCode.notConnected,
      `Tencent IM did not answer ${method} within ${seconds} s`,
      undefined,
      { reason: 'imTimeout', step: steps[method] ?? 'request', seconds },
    )
  return new Promise<T>((resolve, reject) => {
    const cancel = setTimer(() => reject(timedOut()), ms)
    call().then(
      (value) => {
        cancel()
        resolve(value)
      },
      (err: unknown) => {
        cancel()
        const code = (err as { code?: unknown } | null)?.code
        reject(code === SDK_REQUEST_TIMEOUT ? timedOut() : err)
      },
    )
  })
}

/**
 * The SDK behind time limits: every call that has not settled within `ms` fails, in words (see
 * withinTime) — so a start against an unreachable or misconfigured app fails in seconds instead
 * of hanging on, and so does the sign-out after it.
 */
export function timeLimitedPort(port: ChatPort, ms: number, setTimer: SetTimer): ChatPort {
  const limit = <T>(method: string, call: () => Promise<T>): Promise<T> =>
    withinTime(method, call, ms, setTimer)
  return {
    login: (userId, userSig) => limit('login', () => port.login(userId, userSig)),
    joinGroup: (groupId) => limit('joinGroup', () => port.joinGroup(groupId)),
    getGroupProfile: (groupId) => limit('getGroupProfile', () => port.getGroupProfile(groupId)),
    sendText: (groupId, text, priority) =>
      limit('sendText', () => port.sendText(groupId, text, priority)),
    setGroupMemberMuteTime: (groupId, userId, seconds) =>
      limit('setGroupMemberMuteTime', () => port.setGroupMemberMuteTime(groupId, userId, seconds)),
    getGroupOnlineMemberCount: (groupId) =>
      limit('getGroupOnlineMemberCount', () => port.getGroupOnlineMemberCount(groupId)),
    setMuteAllMembers: (groupId, on) =>
      limit('setMuteAllMembers', () => port.setMuteAllMembers(groupId, on)),
    setGroupNotice: (groupId, notification, introduction) =>
      limit('setGroupNotice', () => port.setGroupNotice(groupId, notification, introduction)),
    deleteGroupMember: (groupId, userId, reason, seconds) =>
      limit('deleteGroupMember', () => port.deleteGroupMember(groupId, userId, reason, seconds)),
    on: (event, handler) => port.on(event, handler),
    off: (event, handler) => port.off(event, handler),
    logout: () => limit('logout', () => port.logout()),
    destroy: () => limit('destroy', () => port.destroy()),
  }
}

/**
 * The anchor's UserSig signer for saved settings: from the business server when a URL is set,
 * else from the secret key (development only). IM's login and the TRTC engine's enterRoom
 * (issue 17) both sign in with it: one SDKAppID, one anchor.
 */
export function anchorUserSig(
  settings: Pick<TencentRoomConnection, 'sdkAppId' | 'userId' | 'userSigUrl'>,
  secretKey: string | null,
  deps: Pick<TencentBackendDeps, 'fetch'> = {},
): () => Promise<string> {
  const { sdkAppId, userId, userSigUrl } = settings
  return async () => {
    if (userSigUrl) return fetchUserSig(userSigUrl, userId, sdkAppId, deps.fetch)
    if (secretKey) return signWithSecretKey(sdkAppId, secretKey, userId)
    throw new RoomError(
      ErrorCode.userSigInvalid,
      "No UserSig for Tencent IM: set a UserSig URL (your business server) or the IM app's " +
        'secret key (development only) in Room connection settings',
      undefined,
      { reason: 'noUserSigSource' },
    )
  }
}

/**
 * The Tencent backend for saved settings: the anchor's UserSig from the business server when a
 * URL is set, else from the secret key (development only); REST as the App admin when the key is
 * kept.
 */
export function buildTencentBackend(
  settings: Omit<TencentRoomConnection, 'customRestBaseUrl'> & { customRestBaseUrl?: boolean },
  secretKey: string | null,
  deps: TencentBackendDeps = {},
): TencentRoomBackend {
  const { sdkAppId, groupId, userId, adminUserId, restBaseUrl } = settings
  const userSig = anchorUserSig(settings, secretKey, deps)
  const rest = secretKey
    ? new ImRestClient({
        baseUrl: restBaseUrl,
        sdkAppId,
        identifier: adminUserId,
        // Made for each call and carried in the request URL: an hour, not the login's day.
        userSig: () => signWithSecretKey(sdkAppId, secretKey, adminUserId, ADMIN_USERSIG_SECONDS),
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      })
    : null
  const createPort = deps.createPort ?? createSdkChatPort
  const ms = deps.callTimeoutMs ?? TENCENT_CALL_TIMEOUT_MS
  const setTimer = deps.setTimer ?? realTimer
  return new TencentRoomBackend({
    sdkAppId,
    groupId,
    userId,
    appAdmin: adminUserId,
    userSig,
    rest,
    createPort: async () =>
      timeLimitedPort(
        await withinTime('create', () => createPort(sdkAppId), ms, setTimer),
        ms,
        setTimer,
      ),
    onlineCountEveryMs: deps.onlineCountEveryMs,
  })
}
