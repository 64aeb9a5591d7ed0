import type { CommandInput, CommandOutput } from '../../../src-shared/contract'
import { TimelineCode } from '../../../src-shared/contract/timeline'
import type { Clock } from '../../common/clock'
import { RoomError } from '../../common/room-error'
import type { EventBatcher } from '../contract/event-batcher'
import type { Db } from '../store/database'
import { TimelineSampler, type TimelineStart } from './timeline-sampler'
import { TimelineStore } from './timeline-store'

export interface TimelineServiceOptions {
  db: Db
  events: EventBatcher
  clock: Clock
  /** What main knows at the start (the room, the stream, the gift feed). */
  start: TimelineStart
  log: (line: string) => void
}

/**
 * The timeline's part of the console (issue 15 §3): the sampler watching the events every console
 * gets, its store, and the two commands that read it back.
 */
export function startTimeline(options: TimelineServiceOptions) {
  const store = new TimelineStore(options.db)
  const sampler = new TimelineSampler({
    store,
    clock: options.clock,
    sessionShowId: `console-${options.clock.now()}`,
    emit: (tick) => options.events.emit('timeline:ticked', tick),
    log: options.log,
  })
  const unsubscribe = options.events.subscribe((batch) => sampler.observe(batch))
  sampler.start(options.start)
  const handlers = {
    'timeline:list-shows': (): CommandOutput<'timeline:list-shows'> => ({
      shows: store.shows(),
      current: sampler.currentShowId(),
    }),
    'timeline:get-series': ({
      showId,
    }: CommandInput<'timeline:get-series'>): CommandOutput<'timeline:get-series'> => {
      const series = store.series(showId)
      if (!series) {
        throw new RoomError(TimelineCode.noSuchShow, `No timeline is kept for show ${showId}`)
      }
      return series
    },
  }
  return {
    handlers,
    close(): void {
      sampler.stop()
      unsubscribe()
    },
  }
}
