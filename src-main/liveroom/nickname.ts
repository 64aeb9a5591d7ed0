import { ErrorCode, Limits } from '../../src-shared/protocol/codes'

export type NicknameResult =
  | { ok: true; nick: string }
  | { ok: false; code: typeof ErrorCode.invalidParameter; message: string }

// Control characters, line/paragraph separators and bidi overrides/isolates: they break chat
// layout or make one name impersonate another when displayed.
const forbidden = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u

/** Trims and checks a nickname: 1–32 characters (code points), no control characters. */
export function normalizeNickname(raw: string): NicknameResult {
  const nick = raw.trim()
  const length = [...nick].length
  if (length === 0) {
    return { ok: false, code: ErrorCode.invalidParameter, message: 'Nickname is empty' }
  }
  if (length > Limits.maxNickChars) {
    return {
      ok: false,
      code: ErrorCode.invalidParameter,
      message: `Nickname is ${length} characters; the limit is ${Limits.maxNickChars}`,
    }
  }
  if (forbidden.test(nick)) {
    return {
      ok: false,
      code: ErrorCode.invalidParameter,
      message: 'Nickname contains control or text-direction characters; use plain text',
    }
  }
  return { ok: true, nick }
}
