import { describe, expect, it } from 'vitest'
import type { Priority } from '../../../src-shared/protocol/frames'
import { FrequencyControl } from '../../../src-main/liveroom/frequency-control'
import { manualClock } from '../../support/manual-clock'

interface Item {
  id: number
  priority: Priority
  sender?: string
}

function setup(maxPerWindow = 40) {
  const time = manualClock()
  const admitted: Item[] = []
  const shed: Item[] = []
  const control = new FrequencyControl<Item>(
    { maxPerWindow, now: time.now, setTimer: time.setTimer },
    (item, ok) => (ok ? admitted : shed).push(item),
  )
  return { time, admitted, shed, control }
}

const priorities: Priority[] = ['High', 'Normal', 'Low', 'Lowest']

describe('FrequencyControl', () => {
  it('admits at once, without a timer, while the window is under the cap', () => {
    const { time, admitted, control } = setup()
    for (let i = 0; i < 40; i++) control.offer({ id: i, priority: 'Low' })
    expect(admitted).toHaveLength(40)
    expect(time.pending()).toBe(0)
    time.advance(1000)
    for (let i = 40; i < 80; i++) control.offer({ id: i, priority: 'Lowest' })
    expect(admitted).toHaveLength(80)
  })

  it('takes a new cap from the next admission on, and an overflowing window ends with it', () => {
    const { time, admitted, shed, control } = setup(2)
    const ids = (items: Item[]) => items.map((m) => m.id).sort((a, b) => a - b)
    for (let i = 0; i < 4; i++) control.offer({ id: i, priority: 'Normal' })
    expect(ids(admitted)).toEqual([0, 1])
    // Raised while two wait: the window's end admits both under the new cap.
    control.setCap(5)
    time.advance(1000)
    expect(ids(admitted)).toEqual([0, 1, 2, 3])
    expect(shed).toEqual([])
    // That window started with those two; three more fit at once, the next waits.
    for (let i = 4; i < 8; i++) control.offer({ id: i, priority: 'Normal' })
    expect(admitted).toHaveLength(7)
    // Lowered to 1: the waiting one takes the next window's only place, so of two more, one waits
    // and is shed at that window's end.
    control.setCap(1)
    time.advance(1000)
    expect(admitted).toHaveLength(8)
    control.offer({ id: 8, priority: 'Normal' })
    control.offer({ id: 9, priority: 'Normal' })
    time.advance(1000)
    expect(admitted).toHaveLength(9)
    expect(shed).toHaveLength(1)
    expect(() => control.setCap(0)).toThrow(/positive integer/)
  })

  it('admits the overflow of a window by priority at its end and sheds the rest', () => {
    const { time, admitted, shed, control } = setup()
    // 160 in one window: 40 fill it at once, 120 compete (20 High among them).
    for (let i = 0; i < 40; i++) control.offer({ id: i, priority: 'Lowest' })
    for (let i = 40; i < 160; i++) {
      control.offer({ id: i, priority: i % 6 === 0 ? 'High' : (priorities[i % 4] as Priority) })
    }
    const competing = Array.from({ length: 120 }, (_, k) => k + 40)
    const highs = competing.filter((i) => i % 6 === 0)
    expect(admitted).toHaveLength(40)
    expect(shed).toHaveLength(0)

    time.advance(1000)
    expect(admitted).toHaveLength(80)
    expect(shed).toHaveLength(80)
    const late = admitted.slice(40)
    expect(late.filter((m) => m.priority === 'High').map((m) => m.id)).toEqual(
      expect.arrayContaining(highs),
    )
    // Everything admitted late outranks (or ties with) everything shed.
    const worstAdmitted = Math.max(...late.map((m) => priorities.indexOf(m.priority)))
    const bestShed = Math.min(...shed.map((m) => priorities.indexOf(m.priority)))
    expect(worstAdmitted).toBeLessThanOrEqual(bestShed)
  })

  it('sheds High messages too once more than the cap of them compete', () => {
    const { time, admitted, shed, control } = setup(5)
    for (let i = 0; i < 5; i++) control.offer({ id: i, priority: 'Low' })
    for (let i = 5; i < 15; i++) control.offer({ id: i, priority: 'High' })
    time.advance(1000)
    expect(admitted.slice(5).every((m) => m.priority === 'High')).toBe(true)
    expect(admitted).toHaveLength(10)
    expect(shed).toHaveLength(5)
  })

  it('chooses at random among equal priorities', () => {
    const picks = new Set<string>()
    for (let run = 0; run < 20; run++) {
      const { time, admitted, control } = setup(2)
      for (let i = 0; i < 2; i++) control.offer({ id: i, priority: 'Normal' })
      for (let i = 2; i < 8; i++) control.offer({ id: i, priority: 'Normal' })
      time.advance(1000)
      picks.add(
        admitted
          .slice(2)
          .map((m) => m.id)
          .sort()
          .join(','),
      )
    }
    expect(picks.size).toBeGreaterThan(1)
  })

  it('counts the admitted overflow against the next window', () => {
    const { time, admitted, control } = setup(3)
    for (let i = 0; i < 6; i++) control.offer({ id: i, priority: 'Normal' })
    time.advance(1000)
    expect(admitted).toHaveLength(6)
    // The new window is already full: a new message waits for its end.
    control.offer({ id: 6, priority: 'High' })
    expect(admitted).toHaveLength(6)
    time.advance(1000)
    expect(admitted.map((m) => m.id)).toContain(6)
  })

  it('sheds what waits when closed', () => {
    const { admitted, shed, control, time } = setup(1)
    control.offer({ id: 1, priority: 'Normal' })
    control.offer({ id: 2, priority: 'High' })
    control.close()
    expect(admitted.map((m) => m.id)).toEqual([1])
    expect(shed.map((m) => m.id)).toEqual([2])
    expect(time.pending()).toBe(0)
  })

  it('shares an overflowing window among senders: everyone’s first message before anyone’s second', () => {
    const time = manualClock()
    const admitted: Item[] = []
    const control = new FrequencyControl<Item>(
      { maxPerWindow: 10, now: time.now, setTimer: time.setTimer },
      (item, ok) => ok && admitted.push(item),
    )
    // The window fills at once; then one spammer offers 30 and five people one each.
    for (let i = 0; i < 10; i++) control.offer({ id: i, priority: 'Normal', sender: 'early' })
    for (let i = 0; i < 30; i++) control.offer({ id: 100 + i, priority: 'Normal', sender: 'spam' })
    for (let p = 0; p < 5; p++) control.offer({ id: 200 + p, priority: 'Normal', sender: `p${p}` })
    time.advance(1000)
    const next = admitted.slice(10)
    expect(next).toHaveLength(10)
    // All five people, and the spammer's share of what is left (not 10 of 10).
    expect(next.filter((m) => m.sender?.startsWith('p'))).toHaveLength(5)
    expect(next.filter((m) => m.sender === 'spam')).toHaveLength(5)
    // Priority still comes first: a High message beats everyone's first Normal one.
    control.offer({ id: 300, priority: 'Normal', sender: 'p0' })
    control.offer({ id: 301, priority: 'High', sender: 'spam' })
    time.advance(1000)
    expect(admitted.at(-2)?.id).toBe(301)
  })

  it('can share a window as Tencent states it (random among equals), the starvation baseline', () => {
    const time = manualClock()
    const admitted: Item[] = []
    const control = new FrequencyControl<Item>(
      { maxPerWindow: 2, now: time.now, setTimer: time.setTimer, among: 'random', random: () => 0 },
      (item, ok) => ok && admitted.push(item),
    )
    for (let i = 0; i < 2; i++) control.offer({ id: i, priority: 'Normal', sender: 'early' })
    for (let i = 0; i < 4; i++) control.offer({ id: 10 + i, priority: 'Normal', sender: 'spam' })
    control.offer({ id: 20, priority: 'Normal', sender: 'person' })
    time.advance(1000)
    // With every tie equal, arrival order decides: the spammer's first two take the window.
    expect(admitted.slice(2).map((m) => m.id)).toEqual([10, 11])
  })

  it('admits a sender at the cap at once even when its messages arrive in late bursts', () => {
    // The bench's sender: 40/s on schedule, but after a stall it catches up in one burst. Aligned
    // 1-s windows made such a burst's extra message wait, and at the cap the backlog never drained.
    const { time, admitted, shed, control } = setup(40)
    let sent = 0
    let elapsed = 0
    const stalls = [0, 180, 40, 0, 260, 90, 0, 150]
    for (let tick = 0; elapsed < 60_000; tick++) {
      const step = 25 + (stalls[tick % stalls.length] as number)
      time.advance(step)
      elapsed += step
      const due = Math.floor((elapsed / 1000) * 40)
      while (sent < due) {
        control.offer({ id: sent++, priority: 'Normal', sender: 'owner' })
        expect(admitted).toHaveLength(sent)
      }
    }
    expect(shed).toEqual([])
    expect(control.waitingCount).toBe(0)
  })

  it('admits at most (1 + L) × the cap in any L windows, and the cap a window in the long run', () => {
    const time = manualClock()
    const times: number[] = []
    const control = new FrequencyControl<Item>(
      { maxPerWindow: 40, now: time.now, setTimer: time.setTimer },
      (_item, ok) => ok && times.push(time.now()),
    )
    const start = time.now()
    // 20 s of a room far over the cap: 0–12 messages every 10 ms (about 600/s), pseudo-random.
    let seed = 7
    for (let ms = 0; ms < 20_000; ms += 10) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      for (let k = 0; k < seed % 13; k++) control.offer({ id: ms + k, priority: 'Normal' })
      time.advance(10)
    }
    time.advance(2_000)
    for (const span of [1, 2, 5]) {
      for (const t of times) {
        const within = times.filter((u) => u >= t && u < t + span * 1000).length
        expect(within).toBeLessThanOrEqual((1 + span) * 40)
      }
    }
    const seconds = (time.now() - start) / 1000
    expect(times.length).toBeLessThanOrEqual(40 * seconds + 40)
    expect(times.length).toBeGreaterThan(40 * 20 * 0.9)
  })

  it('refuses a cap that is not a positive integer', () => {
    const time = manualClock()
    expect(() => new FrequencyControl({ maxPerWindow: 0, ...time }, () => undefined)).toThrow(
      /positive integer/,
    )
  })
})
