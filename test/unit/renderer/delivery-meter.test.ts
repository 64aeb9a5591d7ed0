import { describe, expect, it } from 'vitest'
import {
  deliveryIsQuiet,
  type RoomLoad,
  summarizeLoad,
} from '../../../src-renderer/console/delivery-meter'

const counts = (High = 0, Normal = 0, Low = 0, Lowest = 0) => ({ High, Normal, Low, Lowest })
const load = (offered = counts(), shed = counts(), cap = 40): RoomLoad => ({
  windowMs: 1000,
  cap,
  offered,
  shed,
})

describe('delivery meter', () => {
  it('shows headroom under the cap and delivered per priority, highest first', () => {
    const summary = summarizeLoad(load(counts(2, 8, 0, 0)))
    expect(summary).toMatchObject({
      offered: 10,
      shed: 0,
      headroom: 30,
      over: 0,
      fill: 0.25,
      tight: false,
    })
    expect(summary.rows).toEqual([
      { priority: 'High', offered: 2, delivered: 2, shed: 0, shedRecent: 0 },
      { priority: 'Normal', offered: 8, delivered: 8, shed: 0, shedRecent: 0 },
      { priority: 'Low', offered: 0, delivered: 0, shed: 0, shedRecent: 0 },
      { priority: 'Lowest', offered: 0, delivered: 0, shed: 0, shedRecent: 0 },
    ])
  })

  it('shows how far over the cap a window was, with a full bar and what each level lost', () => {
    const summary = summarizeLoad(
      load(counts(30, 0, 40, 30), counts(0, 0, 0, 20)),
      counts(0, 0, 7, 45),
    )
    expect(summary).toMatchObject({
      offered: 100,
      shed: 20,
      headroom: 0,
      over: 60,
      fill: 1,
      tight: true,
    })
    // Beside the last second, what the last 5 minutes shed at each priority (main's sums).
    expect(summary.rows[2]).toEqual({
      priority: 'Low',
      offered: 40,
      delivered: 40,
      shed: 0,
      shedRecent: 7,
    })
    expect(summary.rows[3]).toEqual({
      priority: 'Lowest',
      offered: 30,
      delivered: 10,
      shed: 20,
      shedRecent: 45,
    })
  })

  it('is tight from three quarters of the cap, or once anything is shed', () => {
    expect(summarizeLoad(load(counts(0, 29))).tight).toBe(false)
    expect(summarizeLoad(load(counts(0, 30))).tight).toBe(true)
    expect(summarizeLoad(load(counts(0, 0, 2), counts(0, 0, 1))).tight).toBe(true)
    expect(summarizeLoad(load(counts(3), counts(), 4)).tight).toBe(true)
  })

  it('stays one slim line until a window is tight, and keeps its height while one is recent', () => {
    const quiet = load(counts(0, 5))
    expect(deliveryIsQuiet({ load: null, shedRecent: counts(), tightRecent: 0 })).toBe(true)
    expect(deliveryIsQuiet({ load: quiet, shedRecent: counts(), tightRecent: 0 })).toBe(true)
    expect(
      deliveryIsQuiet({ load: load(counts(0, 30)), shedRecent: counts(), tightRecent: 0 }),
    ).toBe(false)
    // A quiet second after a busy one, or after a shed, does not fold the meter back.
    expect(deliveryIsQuiet({ load: quiet, shedRecent: counts(), tightRecent: 1 })).toBe(false)
    expect(deliveryIsQuiet({ load: quiet, shedRecent: counts(0, 0, 3), tightRecent: 0 })).toBe(
      false,
    )
  })
})
