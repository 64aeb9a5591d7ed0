import { z } from 'zod'

/** Errors cross process boundaries as data, never as thrown exceptions. */
export const ContractError = z.object({ code: z.number().int(), message: z.string() })
export type ContractError = z.infer<typeof ContractError>

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}
export function fail(code: number, message: string): { ok: false; error: ContractError } {
  return { ok: false, error: { code, message } }
}

/** Contract-level codes (the 1xxx range is ours; room errors carry Tencent's codes). */
export const ContractCode = {
  unknownCommand: 1001,
  invalidPayload: 1002,
  forbiddenSender: 1003,
  internal: 1004,
  notConnected: 1005,
} as const
