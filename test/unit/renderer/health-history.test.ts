import { describe, expect, it } from 'vitest'
import {
  healthProblems,
  type HealthSample,
} from '../../../src-renderer/console/stage/health-history'

/** One sample a second at 30 fps, with the given speed and running drop/skip totals. */
function samples(
  n: number,
  over: (i: number) => Partial<HealthSample> = () => ({}),
): HealthSample[] {
  return Array.from({ length: n }, (_, i) => ({
    at: i * 1000,
    fps: 30,
    bitrateKbps: 2500,
    speed: 1,
    totalFrames: i * 30,
    droppedFrames: 0,
    skippedFrames: 0,
    ...over(i),
  }))
}

describe('health problems in words', () => {
  it('says nothing while the encoder keeps real time and frames flow', () => {
    expect(healthProblems(samples(20))).toEqual([])
    expect(healthProblems([])).toEqual([])
  })

  it('names a slow encoder after five seconds below real time, not one', () => {
    expect(healthProblems(samples(10, (i) => ({ speed: i >= 5 ? 0.8 : 1 })))).toEqual([
      'slow-encoder',
    ])
    expect(healthProblems(samples(10, (i) => ({ speed: i >= 6 ? 0.8 : 1 })))).toEqual([])
    expect(healthProblems(samples(10, (i) => ({ speed: i === 5 ? 0.5 : 1 })))).toEqual([])
    expect(healthProblems(samples(10, () => ({ speed: null })))).toEqual([])
  })

  it('names lost frames above 2% of the last ten seconds, dropped and repeated alike', () => {
    // 300 frames in 10 s; 7 dropped = 2.3%.
    expect(healthProblems(samples(15, (i) => ({ droppedFrames: i >= 10 ? 7 : 0 })))).toEqual([
      'frames-lost',
    ])
    expect(healthProblems(samples(15, (i) => ({ skippedFrames: i >= 10 ? 7 : 0 })))).toEqual([
      'frames-lost',
    ])
    // 5 = 1.7%: within the usual jitter of a live source.
    expect(healthProblems(samples(15, (i) => ({ droppedFrames: i >= 10 ? 5 : 0 })))).toEqual([])
    // Lost long ago and not since: fine now.
    expect(healthProblems(samples(30, (i) => ({ droppedFrames: i >= 3 ? 50 : 0 })))).toEqual([])
  })

  it('reads nothing into a window across an encoder restart (totals start again)', () => {
    const restarted = samples(15, (i) =>
      i < 10 ? { droppedFrames: 40 } : { totalFrames: (i - 10) * 30, droppedFrames: 0 },
    )
    expect(healthProblems(restarted)).toEqual([])
  })
})
