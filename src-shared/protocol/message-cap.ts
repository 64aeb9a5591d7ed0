/**
 * The room's message cap: messages each group admits per second before the frequency control sheds
 * by priority (reference §1.1). Tencent's default is 40; an app can have Tencent raise it, and the
 * embedded room takes it as `--msg-cap N` or the console's room settings (issue 15 §4).
 */
export const defaultMessageCap = 40
/** Past this a single PC's room cannot fan out what it admits; a larger show belongs on Tencent. */
export const maxMessageCap = 10_000

export function isMessageCap(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= maxMessageCap
}
