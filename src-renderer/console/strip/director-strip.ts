import type { StreamStatus } from '../../../src-shared/contract'
import type { LotteryView } from '../../../src-shared/protocol/lottery'
import type { MessageKey } from '../../shared/i18n'

/** How the encoder is doing, as the strip shows it: a level for the colour, and its words. */
export type EncoderLevel = 'off' | 'ok' | 'warn' | 'bad'

export interface EncoderHealth {
  level: EncoderLevel
  words: MessageKey
}

/** Below this encoding speed the machine is not keeping up with real time. */
export const SLOW_SPEED = 0.9

/**
 * The encoder at a glance: off air, starting, healthy, dropping frames (any in the last seconds),
 * too slow (speed under SLOW_SPEED), or reconnecting — the last is red, the middle two amber.
 */
export function encoderHealth(status: StreamStatus | null, recentDropped: number): EncoderHealth {
  switch (status?.state ?? 'stopped') {
    case 'stopped':
      return { level: 'off', words: 'strip.encoder.off' }
    case 'starting':
      return { level: 'off', words: 'strip.encoder.starting' }
    case 'stopping':
      return { level: 'off', words: 'strip.encoder.stopping' }
    case 'reconnecting':
      return { level: 'bad', words: 'strip.encoder.reconnecting' }
    case 'started':
      break
  }
  if (recentDropped > 0) return { level: 'warn', words: 'strip.encoder.dropping' }
  const speed = status?.health?.speed
  if (speed != null && speed < SLOW_SPEED) return { level: 'warn', words: 'strip.encoder.slow' }
  return { level: 'ok', words: 'strip.encoder.ok' }
}

export type LotteryTimer =
  | { kind: 'none' }
  | { kind: 'open'; leftMs: number }
  | { kind: 'drawing' }
  | { kind: 'paused'; leftMs: number }

/** A running lottery's clock at `now`: time left while open, frozen while the room is paused. */
export function lotteryTimer(lottery: LotteryView | null, now: number): LotteryTimer {
  if (!lottery || lottery.phase === 'drawn') return { kind: 'none' }
  if (lottery.phase === 'paused') return { kind: 'paused', leftMs: lottery.remainingMs }
  if (lottery.closesAt === null) return { kind: 'paused', leftMs: lottery.remainingMs }
  const leftMs = lottery.closesAt - now
  return leftMs > 0 ? { kind: 'open', leftMs } : { kind: 'drawing' }
}
