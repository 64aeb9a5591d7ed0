import { Limits } from '../../src-shared/protocol/codes'

export const MUTE_UNITS = { minutes: 60, hours: 3600, days: 86_400 } as const
export type MuteUnit = keyof typeof MUTE_UNITS

export type MuteDuration =
  | { ok: true; seconds: number }
  | { ok: false; error: 'muteDuration.invalid' | 'muteDuration.tooLong' }

/** What the "Mute…" form's number and unit mean in Tencent's ShutUpTime seconds. */
export function parseMuteDuration(amount: string, unit: MuteUnit): MuteDuration {
  const text = amount.trim()
  if (!/^\d+$/.test(text)) return { ok: false, error: 'muteDuration.invalid' }
  const value = Number(text)
  if (value < 1) return { ok: false, error: 'muteDuration.invalid' }
  const seconds = value * MUTE_UNITS[unit]
  if (!Number.isSafeInteger(seconds) || seconds > Limits.maxMuteSeconds) {
    return { ok: false, error: 'muteDuration.tooLong' }
  }
  return { ok: true, seconds }
}
