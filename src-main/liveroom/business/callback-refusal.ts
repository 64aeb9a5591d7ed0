import { ErrorCode } from '../../../src-shared/protocol/codes'

/**
 * Why the callback endpoint refused a request, with a stable code and an HTTP status. Tencent's
 * public codes are reused where one means the same (reference §3.1, §12); the webhook-token checks
 * (reference §5.1) have none, so they have ours, 1101–1105 (the 1xxx range is LiveDesk's, see
 * ContractCode).
 *
 * Every refusal is a non-200 answer on purpose: Tencent, and the embedded room, deliver a message
 * whose before-send callback failed (reference §5.1). A misconfigured token then costs the
 * business rules, not every chat line of the room — a 200 with a non-zero ErrorCode would be read
 * as "reject".
 */
export const CallbackRefusalCode = {
  /** Tencent's "bad resource URL". */
  notFound: ErrorCode.badResourceUrl,
  /** Tencent's "timeout or bad request format": not a POST, or no/another CallbackCommand. */
  badRequest: ErrorCode.badRequest,
  sdkAppIdMissing: ErrorCode.sdkAppIdMissing,
  sdkAppIdWrong: ErrorCode.sdkAppIdInvalid,
  signMissing: 1101,
  requestTimeStale: 1102,
  signWrong: 1103,
  notJson: 1104,
  tooBig: 1105,
  /** Tencent's "request JSON could not be parsed" (reference §12). */
  jsonParse: 60003,
  /** The body is JSON but not the command's fields. */
  invalidBody: ErrorCode.invalidParameter,
  internal: ErrorCode.internal,
} as const
export type CallbackRefusalCodeValue =
  (typeof CallbackRefusalCode)[keyof typeof CallbackRefusalCode]

export interface CallbackRefusal {
  status: number
  code: CallbackRefusalCodeValue
  /** Words the person setting up the callback URL can act on. */
  message: string
}

export function refusal(
  status: number,
  code: CallbackRefusalCodeValue,
  message: string,
): CallbackRefusal {
  return { status, code, message }
}
