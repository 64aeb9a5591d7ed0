import { describe, expect, it } from 'vitest'
import { appendOnline, ONLINE_WINDOW_MS } from '../../../src-shared/contract'
import { onlinePoints } from '../../../src-renderer/console/online-chart'

const hour = ONLINE_WINDOW_MS

describe('online count over the last hour', () => {
  it('keeps one sample per change and the hour, plus the count the hour began with', () => {
    let h = appendOnline([], 3, 0)
    h = appendOnline(h, 3, 1000)
    expect(h).toEqual([{ at: 0, count: 3 }])
    h = appendOnline(h, 5, 10_000)
    h = appendOnline(h, 4, hour + 20_000)
    expect(h).toEqual([
      { at: 10_000, count: 5 },
      { at: hour + 20_000, count: 4 },
    ])
  })

  it('draws a step line across the hour, scaled to the highest count', () => {
    const h = [
      { at: 0, count: 2 },
      { at: hour / 2, count: 4 },
    ]
    expect(onlinePoints(h, hour, 100, 20)).toBe('0.0,10.0 50.0,10.0 50.0,0.0 100.0,0.0')
    // Older than the hour: pinned to the left edge; newer than `now`: to the right.
    expect(onlinePoints([{ at: -hour, count: 1 }], hour, 100, 20)).toBe('0.0,0.0 100.0,0.0')
    expect(onlinePoints([], hour, 100, 20)).toBe('')
  })
})
