import { ErrorCode, Limits } from '../../src-shared/protocol/codes'
import { displayName, looksAlike, type DisplayNameProblem } from '../common/unicode-text'

/** Why a nickname was refused: the reasons of 10004 the renderer words (result.ts). */
export type NicknameReason =
  | 'nicknameEmpty'
  | 'nicknameTooLong'
  | 'nicknameInvisible'
  | 'nicknameControl'
  | 'nicknameDirection'
  | 'nicknameMalformed'
  | 'nicknameMarks'
  | 'nicknameLooksLikeHost'

export type NicknameResult =
  | { ok: true; nick: string }
  | {
      ok: false
      code: typeof ErrorCode.invalidParameter
      message: string
      data: { reason: NicknameReason; max?: number }
    }

const problems: Record<DisplayNameProblem, [NicknameReason, string]> = {
  empty: ['nicknameEmpty', 'Nickname is empty'],
  invisible: ['nicknameInvisible', 'Nickname is made only of invisible characters'],
  control: ['nicknameControl', 'Nickname contains control or line-break characters'],
  direction: ['nicknameDirection', 'Nickname contains text-direction characters'],
  malformed: ['nicknameMalformed', 'Nickname is not well-formed text (a lone surrogate)'],
  marks: ['nicknameMarks', 'Nickname stacks too many combining marks on one letter'],
}

const refuse = (reason: NicknameReason, message: string, max?: number): NicknameResult => ({
  ok: false,
  code: ErrorCode.invalidParameter,
  message,
  data: max === undefined ? { reason } : { reason, max },
})

/**
 * A nickname as others will see it (common/unicode-text.ts: NFKC, trimmed, invisibles dropped),
 * 1–32 characters; refused with the reason when it would disguise itself. `reserved` are names a
 * newcomer may not look like (the hosts' and admins' nicks and user IDs, by TR39 skeleton).
 */
export function normalizeNickname(raw: string, reserved: readonly string[] = []): NicknameResult {
  const checked = displayName(raw)
  if (!checked.ok) {
    const [reason, message] = problems[checked.problem]
    return refuse(reason, message)
  }
  const nick = checked.name
  const length = [...nick].length
  if (length > Limits.maxNickChars) {
    return refuse(
      'nicknameTooLong',
      `Nickname is ${length} characters; the limit is ${Limits.maxNickChars}`,
      Limits.maxNickChars,
    )
  }
  if (reserved.some((name) => looksAlike(name, nick))) {
    return refuse('nicknameLooksLikeHost', 'Nickname looks like the host’s or an admin’s name')
  }
  return { ok: true, nick }
}
