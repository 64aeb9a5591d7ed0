import { describe, expect, it } from 'vitest'
import {
  appendToSeries,
  type TimelineMarker,
  type TimelineSample,
  type TimelineSeries,
  withMarkers,
} from '../../../src-shared/contract/timeline'

const sample = (at: number, viewers: number): TimelineSample => ({
  at,
  viewers,
  chat: 0,
  gifts: 0,
  likes: 0,
  bitrateKbps: null,
  dropped: null,
})
const live: TimelineMarker = { at: 1_500, kind: 'state', detail: 'live' }
const series = (): TimelineSeries => ({
  show: { id: 's', title: 'Friday', startedAt: 1_000, lastAt: 2_000, endedAt: null },
  at: [1_000, 2_000],
  viewers: [3, 4],
  chat: [0, 0],
  gifts: [0, 0],
  likes: [0, 0],
  bitrateKbps: [null, null],
  dropped: [null, null],
  markers: [live],
})

describe('appendToSeries (a console’s mirror of main’s timeline)', () => {
  it('appends the next second to every column and moves the show’s last sample', () => {
    const next = appendToSeries(series(), sample(3_000, 5), [])
    expect(next.at).toEqual([1_000, 2_000, 3_000])
    expect(next.viewers).toEqual([3, 4, 5])
    expect(next.dropped).toEqual([null, null, null])
    expect(next.show.lastAt).toBe(3_000)
  })

  it('does not append a second the series read already held (a tick batched behind the read)', () => {
    const read = series()
    const next = appendToSeries(read, sample(2_000, 4), [live])
    expect(next).toBe(read)
    expect(appendToSeries(read, sample(1_500, 9), []).at).toEqual([1_000, 2_000])
  })

  it('adds a tick’s markers once, even when the second itself is already held', () => {
    const reconnect: TimelineMarker = { at: 1_900, kind: 'reconnect', detail: 'room' }
    const next = appendToSeries(series(), sample(2_000, 4), [live, reconnect])
    expect(next.at).toEqual([1_000, 2_000])
    expect(next.markers).toEqual([live, reconnect])
    expect(withMarkers(next, [reconnect]).markers).toEqual([live, reconnect])
  })
})
