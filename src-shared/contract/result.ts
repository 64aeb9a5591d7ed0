import { z } from 'zod'
import { ErrorCode } from '../protocol/codes'

const PARAM_NAME = /^[A-Za-z]\w{0,31}$/
const MAX_PARAM_CHARS = 300
const MAX_PARAMS = 12

/**
 * Facts the renderer needs to word an error's code in the user's language: hosts, ports, sizes,
 * paths, field names, times (Unix ms), counts — never a sentence. Flat and small.
 *
 * Conventions the renderer relies on (src-renderer/shared/error-message.ts):
 * - `reason`: for a code that covers several situations the user fixes differently, which one —
 *   a word from the contract's lists (`errorReasons` below, `StreamErrorReasons` in stream.ts).
 * - `detail`: a third party's own words (an ffmpeg line, an errno text, a push server's reply),
 *   passed on verbatim; the renderer shows it after its sentence, marked as such.
 */
export const ErrorParams = z
  .record(z.string().regex(PARAM_NAME), z.union([z.string().max(MAX_PARAM_CHARS), z.number()]))
  .refine((params) => Object.keys(params).length <= MAX_PARAMS, 'Too many error params')
export type ErrorParams = z.infer<typeof ErrorParams>

/**
 * Errors cross process boundaries as data, never as thrown exceptions. `message` is the
 * developer's text for logs (English); what a person reads is worded in the renderer from `code`
 * and `params`.
 */
export const ContractError = z.object({
  code: z.number().int(),
  message: z.string(),
  params: ErrorParams.optional(),
})
export type ContractError = z.infer<typeof ContractError>

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}
export function fail(
  code: number,
  message: string,
  params?: ErrorParams,
): { ok: false; error: ContractError } {
  return { ok: false, error: params ? { code, message, params } : { code, message } }
}

/**
 * Keeps what can travel as params: valid names, strings (cut to size) and finite numbers, at most
 * a dozen. Undefined when nothing is left, so errors without facts stay `{code, message}`.
 */
export function errorParams(input: Record<string, unknown> | undefined): ErrorParams | undefined {
  if (!input) return undefined
  const kept: ErrorParams = {}
  let count = 0
  for (const [name, value] of Object.entries(input)) {
    if (count >= MAX_PARAMS || !PARAM_NAME.test(name)) continue
    if (typeof value === 'number' && Number.isFinite(value)) kept[name] = value
    else if (typeof value === 'string') kept[name] = cut(value)
    else continue
    count += 1
  }
  return count > 0 ? kept : undefined
}

function cut(text: string): string {
  return text.length <= MAX_PARAM_CHARS ? text : `${text.slice(0, MAX_PARAM_CHARS - 1)}…`
}

/**
 * The facts a live room sends in an error's `data` that the renderer words: `muteUntil` (10017),
 * `muteAll` (10017 under mute-all, as 1), `bannedUntil` (10007 on join), `retryAfter` (10023) —
 * times in the room's Unix ms. Everything else in `data` (a whole REST answer) stays in main.
 */
export function roomErrorParams(data: unknown): ErrorParams | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const facts = data as Record<string, unknown>
  return errorParams({
    muteUntil: facts.muteUntil,
    bannedUntil: facts.bannedUntil,
    retryAfter: facts.retryAfter,
    muteAll: facts.muteAll === true ? 1 : undefined,
    reason: typeof facts.reason === 'string' ? facts.reason : undefined,
    max: facts.max,
  })
}

/** Contract-level codes (the 1xxx range is ours; room errors carry Tencent's codes). */
export const ContractCode = {
  unknownCommand: 1001,
  invalidPayload: 1002,
  forbiddenSender: 1003,
  internal: 1004,
  notConnected: 1005,
  /**
   * A setting only this machine may change (local-only.ts), sent from a browser on the LAN:
   * `params.field` names it.
   */
  localOnly: 1006,
} as const

/**
 * Codes the console's IM REST client answers with when Tencent's envelope never arrives
 * (reference §3.1: HTTP is always 200 unless the network or a proxy failed, e.g. 502). Here, not
 * in main, so the renderer can name them.
 */
export const RestTransportCode = {
  /** Tencent's "HTTP or JSON parse error": a non-200 answer (`params.status`). */
  httpError: ErrorCode.parseError,
  /** Tencent's "response JSON parse error": 200 but not the envelope. */
  badResponse: 60013,
  /** No answer at all (refused, DNS, timeout). */
  unreachable: ContractCode.notConnected,
} as const

/**
 * `params.reason` words of the room-side codes the console sends for several situations: a room
 * that did not answer, why Tencent IM signed the console out, why the room is not reachable,
 * which UserSig source failed, what an App-admin call lacks.
 */
export const errorReasons = {
  [ErrorCode.internal]: ['noAnswer'],
  [ErrorCode.notLoggedIn]: ['signingInAgain', 'signedInElsewhere', 'signedOut'],
  [ContractCode.notConnected]: ['restUnreachable', 'restTimeout', 'imNotReady', 'imTimeout'],
  [ErrorCode.userSigInvalid]: ['noUserSigSource', 'userSigUnreachable', 'userSigBadAnswer'],
  [ErrorCode.needsAppAdmin]: ['noSecretKey'],
  // A refused nickname (src-main/common/unicode-text.ts says what each means).
  [ErrorCode.invalidParameter]: [
    'nicknameEmpty',
    'nicknameTooLong',
    'nicknameInvisible',
    'nicknameControl',
    'nicknameDirection',
    'nicknameMalformed',
    'nicknameMarks',
    'nicknameLooksLikeHost',
  ],
} as const satisfies Record<number, readonly string[]>

/** The reasons a code may carry: none unless `errorReasons` lists some for it. */
export type ErrorReason<C extends number> = C extends keyof typeof errorReasons
  ? (typeof errorReasons)[C][number]
  : never

/** Params for an error with code C: any facts, and only a reason the contract lists for C. */
export type ParamsFor<C extends number> = { reason?: ErrorReason<C> } & Record<
  string,
  string | number | undefined
>
