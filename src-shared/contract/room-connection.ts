import { z } from 'zod'
import { ContractError } from './result'
import { DEFAULT_APP_ADMIN } from '../protocol/codes'

/**
 * Tencent IM's REST API domains (shared/reference/tencent-im-css.md §3.1): China, Singapore,
 * Seoul, Frankfurt, Silicon Valley, Jakarta. The app's region decides which one answers.
 */
export const TENCENT_REST_BASE_URLS = [
  'https://console.tim.qq.com',
  'https://adminapisgp.im.qcloud.com',
  'https://adminapikr.im.qcloud.com',
  'https://adminapiger.im.qcloud.com',
  'https://adminapiusa.im.qcloud.com',
  'https://adminapiidn.im.qcloud.com',
  'https://adminapijpn.im.qcloud.com',
  'https://adminapiind.im.qcloud.com',
] as const
export const DEFAULT_TENCENT_REST_BASE_URL = TENCENT_REST_BASE_URLS[0]

/**
 * Whether a REST base URL is one of Tencent's domains over https. The console signs every REST
 * call as the App admin, so the UserSig goes wherever this URL points: anything else is the
 * person's explicit choice (`customRestBaseUrl`), shown with a warning.
 */
export function isTencentRestBaseUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return false
  }
  const hosts = TENCENT_REST_BASE_URLS.map((base) => new URL(base).host)
  return (
    parsed.protocol === 'https:' &&
    hosts.includes(parsed.host) &&
    parsed.username === '' &&
    parsed.password === '' &&
    (parsed.pathname === '/' || parsed.pathname === '') &&
    parsed.search === ''
  )
}

/** Tencent's UserID: ≤ 32 bytes of [A-Za-z0-9_-] (reference §7). */
const TencentUserId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'Use 1–32 letters, digits, _ or -')

const HttpUrl = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/, 'Enter a URL that starts with https://')

/** One AVChatRoom of a Tencent Cloud IM app, and how the console signs in to it. */
export const TencentRoomConnection = z
  .object({
    /** The IM app's SDKAppID (Tencent's console, "Basic configuration"). */
    sdkAppId: z
      .number({ error: 'Enter the SDKAppID (a number)' })
      .int('Enter the SDKAppID (a number)')
      .min(1, 'Enter the SDKAppID (a number)')
      .max(4_294_967_295),
    /** The AVChatRoom's group ID. */
    groupId: z.string().trim().min(1, 'Enter the group ID').max(128),
    /** The anchor's own account: the console logs in as this user. */
    userId: TencentUserId,
    /** An App admin account: the REST API's `identifier` (kick, ban, member list). */
    adminUserId: TencentUserId.default(DEFAULT_APP_ADMIN),
    /** Where the IM REST API answers: one of TENCENT_REST_BASE_URLS unless `customRestBaseUrl`. */
    restBaseUrl: HttpUrl.default(DEFAULT_TENCENT_REST_BASE_URL),
    /**
     * The person chose a REST server that is not Tencent's (a test server, an embedded room):
     * the App admin's UserSig goes there, and the settings say so.
     */
    customRestBaseUrl: z.boolean().default(false),
    /**
     * The business server's UserSig endpoint. The console POSTs `{"userId","sdkAppId"}` as JSON
     * and expects `{"userSig":"…"}`. Without it the UserSig is made from the secret key, which
     * is for development only.
     */
    userSigUrl: HttpUrl.optional(),
  })
  .strict()
  .superRefine((connection, ctx) => {
    if (!connection.customRestBaseUrl && !isTencentRestBaseUrl(connection.restBaseUrl)) {
      ctx.addIssue({
        code: 'custom',
        path: ['restBaseUrl'],
        message: "Choose one of Tencent's REST API domains (https://…), or allow a custom server",
      })
    }
  })
export type TencentRoomConnection = z.infer<typeof TencentRoomConnection>

/** Which room the console runs: the embedded one (default) or a Tencent Cloud AVChatRoom. */
export const RoomConnectionSettings = z.discriminatedUnion('backend', [
  z.object({ backend: z.literal('embedded') }).strict(),
  z.object({ backend: z.literal('tencent'), tencent: TencentRoomConnection }).strict(),
])
export type RoomConnectionSettings = z.infer<typeof RoomConnectionSettings>
export type RoomBackendKind = RoomConnectionSettings['backend']

export const RoomConnectionSnapshot = z.object({
  /** What is saved; it takes effect the next time LiveDesk starts. */
  settings: RoomConnectionSettings,
  /** The backend this run of the console uses. */
  active: z.enum(['embedded', 'tencent']),
  /** The saved settings (or the secret key) changed since this run started. */
  restartRequired: z.boolean(),
  /** Whether the IM app's secret key is kept; the key itself never leaves main. */
  secretKeySet: z.boolean(),
  secretStorage: z.enum(['encrypted', 'file']),
  /** The join (at start, or after "Retry") is under way. */
  joining: z.boolean(),
  /** Why this run could not join the Tencent room, when it could not. */
  startError: ContractError.nullable(),
})
export type RoomConnectionSnapshot = z.infer<typeof RoomConnectionSnapshot>
