import { describe, expect, it } from 'vitest'
import type { Priority, RoomLoad } from '../../../src-shared/protocol/frames'
import { FrequencyControl } from '../../../src-main/liveroom/frequency-control'
import { LoadMeter } from '../../../src-main/liveroom/room-load'
import { manualClock } from '../../support/manual-clock'

interface Item {
  priority: Priority
  window: number
}

/** A meter wired to a frequency control the way the message pipeline wires them. */
function setup(cap = 40) {
  const time = manualClock()
  const reports: RoomLoad[] = []
  const meter = new LoadMeter({
    cap,
    now: time.now,
    setTimer: time.setTimer,
    report: (load) => reports.push(load),
  })
  const control = new FrequencyControl<Item>(
    { maxPerWindow: cap, now: time.now, setTimer: time.setTimer },
    (item, admitted) => meter.decided(item.window, item.priority, admitted),
  )
  const offer = (priority: Priority, count: number) => {
    for (let i = 0; i < count; i++) control.offer({ priority, window: meter.offered(priority) })
  }
  return { time, reports, meter, control, offer }
}

const counts = (High = 0, Normal = 0, Low = 0, Lowest = 0) => ({ High, Normal, Low, Lowest })

describe('LoadMeter', () => {
  it('reports a window under the cap at its end, with nothing shed, then once all-zero', () => {
    const { time, reports, offer } = setup()
    offer('Normal', 3)
    offer('Low', 2)
    expect(reports).toEqual([])
    time.advance(1000)
    expect(reports).toEqual([{ windowMs: 1000, cap: 40, offered: counts(0, 3, 2), shed: counts() }])
    time.advance(1000)
    expect(reports[1]).toEqual({
      windowMs: 1000,
      cap: 40,
      offered: counts(),
      shed: counts(),
    })
    // Quiet from then on: no more reports and no timer left behind.
    time.advance(5000)
    expect(reports).toHaveLength(2)
    expect(time.pending()).toBe(0)
  })

  it('counts what the frequency control sheds, per priority, in the window it was offered in', () => {
    const { time, reports, offer } = setup()
    // 40 Lowest fill the window; 20 High, 40 Normal, 30 Low and 30 Lowest compete at its end:
    // 20 High and 20 Normal are admitted, the other 100 shed.
    offer('Lowest', 40)
    offer('High', 20)
    offer('Normal', 40)
    offer('Low', 30)
    offer('Lowest', 30)
    time.advance(1000)
    expect(reports).toEqual([
      {
        windowMs: 1000,
        cap: 40,
        offered: counts(20, 40, 30, 70),
        shed: counts(0, 20, 30, 30),
      },
    ])
  })

  it('reports every busy window in order, and the quiet one only after the last', () => {
    const { time, reports, offer } = setup(2)
    // 2 at once, 3 wait: 2 of them are admitted at the window's end (into the next window).
    offer('High', 5)
    time.advance(1000)
    offer('Low', 1)
    time.advance(1000)
    time.advance(1000)
    time.advance(1000)
    expect(reports.map((r) => [r.offered, r.shed])).toEqual([
      [counts(5), counts(1)],
      [counts(0, 0, 1), counts()],
      [counts(), counts()],
    ])
  })

  it('does not report a window before its waiting messages are decided', () => {
    const time = manualClock()
    const reports: RoomLoad[] = []
    const meter = new LoadMeter({
      cap: 1,
      now: time.now,
      setTimer: time.setTimer,
      report: (load) => reports.push(load),
    })
    const window = meter.offered('Normal')
    time.advance(1000)
    expect(reports).toEqual([])
    meter.decided(window, 'Normal', false)
    expect(reports).toEqual([{ windowMs: 1000, cap: 1, offered: counts(0, 1), shed: counts(0, 1) }])
  })

  it('forgets everything on close', () => {
    const { time, reports, meter, offer } = setup()
    offer('High', 1)
    meter.close()
    time.advance(3000)
    expect(reports).toEqual([])
    expect(time.pending()).toBe(0)
  })
})
