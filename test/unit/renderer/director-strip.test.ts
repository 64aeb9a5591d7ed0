import { describe, expect, it } from 'vitest'
import type { StreamStatus } from '../../../src-shared/contract'
import type { LotteryView } from '../../../src-shared/protocol/lottery'
import { encoderHealth, lotteryTimer } from '../../../src-renderer/console/strip/director-strip'

const status = (state: StreamStatus['state'], speed: number | null = 1): StreamStatus => ({
  state,
  outputActive: state === 'started',
  outputReconnecting: state === 'reconnecting',
  attempt: 0,
  reconnects: 0,
  lastError: null,
  health: {
    fps: 30,
    bitrateKbps: 2500,
    droppedFrames: 0,
    skippedFrames: 0,
    totalFrames: 10,
    speed,
    bytesOut: 0,
    durationMs: 0,
    cpuPercent: null,
  },
  push: null,
  recording: null,
})

const lottery = (over: Partial<LotteryView>): LotteryView => ({
  id: 'l',
  groupId: 'g',
  keyword: 'k',
  winnersCount: 1,
  phase: 'open',
  openedAt: 0,
  closesAt: 70_000,
  remainingMs: 0,
  closedAt: null,
  commitment: '',
  seed: null,
  algorithm: '',
  minWatchSeconds: 0,
  entrantCount: 0,
  winners: [],
  redrawn: [],
  ...over,
})

describe('director strip', () => {
  it('words the encoder, turning amber on dropped frames or a slow encoder and red on a reconnect', () => {
    expect(encoderHealth(null, 0)).toEqual({ level: 'off', words: 'strip.encoder.off' })
    expect(encoderHealth(status('starting'), 0).words).toBe('strip.encoder.starting')
    expect(encoderHealth(status('started'), 0)).toEqual({ level: 'ok', words: 'strip.encoder.ok' })
    expect(encoderHealth(status('started'), 3)).toEqual({
      level: 'warn',
      words: 'strip.encoder.dropping',
    })
    expect(encoderHealth(status('started', 0.8), 0)).toEqual({
      level: 'warn',
      words: 'strip.encoder.slow',
    })
    expect(encoderHealth(status('reconnecting'), 0)).toEqual({
      level: 'bad',
      words: 'strip.encoder.reconnecting',
    })
  })

  it('runs a lottery’s clock while open and holds it while the room is paused', () => {
    expect(lotteryTimer(null, 0)).toEqual({ kind: 'none' })
    expect(lotteryTimer(lottery({ phase: 'drawn' }), 0)).toEqual({ kind: 'none' })
    expect(lotteryTimer(lottery({}), 10_000)).toEqual({ kind: 'open', leftMs: 60_000 })
    expect(lotteryTimer(lottery({}), 70_000)).toEqual({ kind: 'drawing' })
    expect(
      lotteryTimer(lottery({ phase: 'paused', closesAt: null, remainingMs: 42_000 }), 0),
    ).toEqual({ kind: 'paused', leftMs: 42_000 })
  })
})
