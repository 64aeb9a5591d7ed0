import {
  RoomConnectionSettings,
  type ContractError,
  type RoomConnectionSnapshot,
  type TencentRoomConnection,
} from '../../../src-shared/contract'
import type { SecretStore } from '../secret-store'
import type { SettingsStore } from '../store/settings'
import type { ChatPort } from './chat-port'
import { ImRestClient } from '../../common/im-rest-client'
import { createSdkChatPort } from './tencent-chat-sdk'
import { TencentRoomBackend } from './tencent-backend'
import { fetchUserSig, signWithSecretKey } from './tencent-user-sig'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { RoomError } from '../../common/room-error'
import { contractErrorOf } from '../contract/dispatch'

const SETTINGS_KEY = 'room-connection'
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
    this.startError = contractErrorOf(err) ?? {
      code: ErrorCode.internal,
      message: err instanceof Error ? err.message : String(err),
    }
    return this.startError
  }

  snapshot(active: RoomConnectionSettings['backend']): RoomConnectionSnapshot {
    return {
      settings: this.settings(),
      active,
      restartRequired: this.fingerprint() !== this.startedWith,
      secretKeySet: this.secretKey() !== null,
      secretStorage: this.secrets.encrypted ? 'encrypted' : 'file',
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
}

/**
 * The Tencent backend for saved settings: the anchor's UserSig from the business server when a
 * URL is set, else from the secret key (development only); REST as the App admin when the key is
 * kept.
 */
export function buildTencentBackend(
  settings: TencentRoomConnection,
  secretKey: string | null,
  deps: TencentBackendDeps = {},
): TencentRoomBackend {
  const { sdkAppId, groupId, userId, adminUserId, restBaseUrl, userSigUrl } = settings
  const userSig = async (): Promise<string> => {
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
  const rest = secretKey
    ? new ImRestClient({
        baseUrl: restBaseUrl,
        sdkAppId,
        identifier: adminUserId,
        userSig: () => signWithSecretKey(sdkAppId, secretKey, adminUserId),
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      })
    : null
  const createPort = deps.createPort ?? createSdkChatPort
  return new TencentRoomBackend({
    sdkAppId,
    groupId,
    userId,
    appAdmin: adminUserId,
    userSig,
    rest,
    createPort: () => createPort(sdkAppId),
    onlineCountEveryMs: deps.onlineCountEveryMs,
  })
}
