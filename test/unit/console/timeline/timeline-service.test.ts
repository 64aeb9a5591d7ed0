import { describe, expect, it } from 'vitest'
import type { ContractEvent } from '../../../../src-shared/contract'
import { TimelineCode } from '../../../../src-shared/contract/timeline'
import { EventBatcher } from '../../../../src-main/console/contract/event-batcher'
import { openConsoleDatabase } from '../../../../src-main/console/store/database'
import { startTimeline } from '../../../../src-main/console/timeline/timeline-service'
import { manualClock } from '../../../support/manual-clock'
import { roomSnapshot } from '../../../support/room-snapshot'

const room = roomSnapshot({ online: { count: 4, peak: 4 } })

describe('timeline service', () => {
  it('samples what the console’s events say, sends each second to every console, and reads it back', () => {
    const clock = manualClock(5_000_000)
    const events = new EventBatcher(16, clock.setTimer)
    const db = openConsoleDatabase(':memory:')
    const sent: ContractEvent[] = []
    events.subscribe((batch) => sent.push(...batch))
    const timeline = startTimeline({
      db,
      events,
      clock,
      start: { room, stream: null, gifts: null },
      log: () => {},
    })
    events.emit('room:online-changed', { count: 9, peak: 9, at: clock.now() })
    clock.advance(1000)
    clock.advance(16)
    const ticks = sent.filter((e) => e.name === 'timeline:ticked')
    expect(ticks).toHaveLength(1)
    expect(ticks[0]!.payload).toMatchObject({ showId: 'console-5000000', sample: { viewers: 9 } })

    const shows = timeline.handlers['timeline:list-shows']()
    expect(shows.current).toBe('console-5000000')
    expect(shows.shows.map((s) => s.id)).toEqual(['console-5000000'])
    expect(timeline.handlers['timeline:get-series']({ showId: 'console-5000000' }).viewers).toEqual(
      [9],
    )
    expect(() => timeline.handlers['timeline:get-series']({ showId: 'gone' })).toThrow(
      expect.objectContaining({ code: TimelineCode.noSuchShow }),
    )

    timeline.close()
    clock.advance(5000)
    expect(sent.filter((e) => e.name === 'timeline:ticked')).toHaveLength(1)
    db.close()
  })
})
