import { describe, expect, it } from 'vitest'
import type {
  ChatMessage,
  ContractEvent,
  GiftsSnapshot,
  StreamStatus,
} from '../../../../src-shared/contract'
import type { TimelineTick } from '../../../../src-shared/contract/timeline'
import type { GiftFeedEntry } from '../../../../src-shared/protocol/gift-feed'
import type { RoomState } from '../../../../src-shared/protocol/room-state'
import { openConsoleDatabase } from '../../../../src-main/console/store/database'
import { TimelineSampler } from '../../../../src-main/console/timeline/timeline-sampler'
import { TimelineStore } from '../../../../src-main/console/timeline/timeline-store'
import { manualClock } from '../../../support/manual-clock'
import { roomSnapshot } from '../../../support/room-snapshot'

const room = roomSnapshot

const state = (name: RoomState['state'], since: number, showId = 'show-1'): RoomState => ({
  state: name,
  showId,
  since,
  scheduledAt: null,
  replayUrl: null,
  startedAt: since,
  endedAt: name === 'ended' ? since : null,
  title: 'Night show',
  cause: null,
  endsAt: null,
})

const line = (n: number, type = 'TIMTextElem'): ChatMessage => ({
  id: `m${n}`,
  sequence: n,
  from: 'u',
  nick: 'U',
  time: 0,
  priority: 'Normal',
  type,
  text: 'hi',
  self: false,
})

const stream = (
  over: Partial<StreamStatus>,
  dropped = 0,
  bitrate: number | null = 2500,
): StreamStatus => ({
  state: 'started',
  outputActive: true,
  outputReconnecting: false,
  attempt: 0,
  reconnects: 0,
  lastError: null,
  health: {
    fps: 30,
    bitrateKbps: bitrate,
    droppedFrames: dropped,
    skippedFrames: 0,
    totalFrames: 100,
    speed: 1,
    bytesOut: 0,
    durationMs: 0,
    cpuPercent: null,
  },
  push: { url: 'rtmp://x', active: true },
  recording: null,
  ...over,
})

const entry = (comboId: string, over: Partial<GiftFeedEntry> = {}): GiftFeedEntry => ({
  comboId,
  userId: 'alice',
  nick: 'Alice',
  giftId: 'rocket',
  names: { en: 'Rocket', ko: '로켓', 'zh-CN': '火箭' },
  count: 1,
  amount: 500,
  final: true,
  large: true,
  startedAt: 1_000_500,
  lastAt: 1_000_500,
  thankedAt: null,
  ...over,
})

const gifts = (amount: number, likes: number, entries: GiftFeedEntry[] = []): GiftsSnapshot => ({
  available: true,
  since: 0,
  feed: {
    groupId: 'r',
    entries,
    totals: { amount, gifts: 0, senders: 0 },
    top: { show: [], today: [] },
    waiting: 0,
    shed: 0,
    likes: { total: likes, lastMinute: 0 },
  },
})

function setup(start: Partial<Parameters<TimelineSampler['start']>[0]> = {}) {
  const clock = manualClock(1_000_000)
  const db = openConsoleDatabase(':memory:')
  const store = new TimelineStore(db)
  const ticks: TimelineTick[] = []
  const sampler = new TimelineSampler({
    store,
    clock,
    sessionShowId: 'console-1',
    emit: (tick) => ticks.push(tick),
  })
  sampler.start({ room: room(), stream: null, gifts: null, ...start })
  const send = (...events: ContractEvent[]) => sampler.observe(events)
  return { clock, db, store, ticks, sampler, send }
}

describe('timeline sampler', () => {
  it('samples once a second: viewers, chat lines, gift coins and likes per second', () => {
    const { clock, store, ticks, send } = setup({ gifts: gifts(0, 40) })
    send(
      { name: 'room:messages-received', payload: [line(1), line(2), line(3, 'TIMCustomElem')] },
      { name: 'room:online-changed', payload: { count: 7, peak: 7, at: 0 } },
      { name: 'gifts:changed', payload: gifts(99, 45) },
    )
    clock.advance(1000)
    expect(ticks).toHaveLength(1)
    // The likes total from before this run is not counted as this second's.
    expect(ticks[0]!.sample).toEqual({
      at: 1_001_000,
      viewers: 7,
      chat: 2,
      gifts: 99,
      likes: 5,
      bitrateKbps: null,
      dropped: null,
    })
    clock.advance(1000)
    expect(ticks[1]!.sample).toMatchObject({ viewers: 7, chat: 0, gifts: 0, likes: 0 })
    // Without a room state the console run is the show.
    expect(ticks[1]!.showId).toBe('console-1')
    expect(store.series('console-1')!.viewers).toEqual([7, 7])
  })

  it('the strip’s chat rate is the mean over the last ten seconds', () => {
    const { clock, ticks, send } = setup()
    send({ name: 'room:messages-received', payload: [1, 2, 3, 4, 5].map((n) => line(n)) })
    clock.advance(1000)
    expect(ticks.at(-1)!.chatRate).toBe(0.5)
    clock.advance(9000)
    expect(ticks.at(-1)!.chatRate).toBe(0.5)
    clock.advance(1000)
    expect(ticks.at(-1)!.chatRate).toBe(0)
  })

  it('keeps bitrate and dropped frames per second, counting a new encoder run from zero', () => {
    const { clock, ticks, send } = setup()
    send({ name: 'stream:status-changed', payload: stream({}, 10) })
    clock.advance(1000)
    send({ name: 'stream:status-changed', payload: stream({}, 14, 2400) })
    clock.advance(1000)
    send({ name: 'stream:status-changed', payload: stream({}, 3) })
    clock.advance(1000)
    send({
      name: 'stream:status-changed',
      payload: { ...stream({ state: 'stopped' }), health: null },
    })
    clock.advance(1000)
    expect(ticks.map((t) => [t.sample.bitrateKbps, t.sample.dropped])).toEqual([
      [2500, 10],
      [2400, 4],
      [2500, 3],
      [null, null],
    ])
  })

  it('files samples under the room state’s show, marks its changes, and records nothing after its end', () => {
    const { clock, store, ticks, send } = setup()
    clock.advance(1000)
    send({ name: 'room:state-changed', payload: state('live', 1_001_500) })
    clock.advance(1000)
    send({ name: 'room:state-changed', payload: state('paused', 1_002_100) })
    // The same state again (message and attribute) and an older one are not changes.
    send({ name: 'room:state-changed', payload: state('paused', 1_002_100) })
    send({ name: 'room:state-changed', payload: state('live', 1_001_500) })
    clock.advance(1000)
    send({ name: 'room:state-changed', payload: state('ended', 1_003_200) })
    clock.advance(1000)
    expect(ticks.map((t) => t.showId)).toEqual(['console-1', 'show-1', 'show-1', null])
    const series = store.series('show-1')!
    expect(series.at).toEqual([1_002_000, 1_003_000])
    expect(series.markers.map((m) => m.detail)).toEqual(['live', 'paused', 'ended'])
    expect(series.show.endedAt).toBe(1_003_200)
    expect(series.show.title).toBe('Night show')
    // The end goes out with its show's id, though no show runs now.
    expect(ticks[3]!.markers).toEqual([
      { showId: 'show-1', marker: { at: 1_003_000, kind: 'state', detail: 'ended' } },
    ])
    expect(store.series('console-1')!.at).toEqual([1_001_000])
  })

  it('marks stream and room reconnects once each, and a large gift once when its combo ends', () => {
    const { clock, store, send } = setup({ gifts: gifts(0, 0, [entry('old')]) })
    send(
      { name: 'stream:status-changed', payload: stream({ state: 'reconnecting' }) },
      { name: 'stream:status-changed', payload: stream({ state: 'reconnecting', attempt: 2 }) },
      { name: 'room:connection-changed', payload: { state: 'reconnecting' } },
      { name: 'room:connection-changed', payload: { state: 'reconnecting' } },
      // Running (not final) and small gifts are not marked; one seen at the start is not either.
      {
        name: 'gifts:changed',
        payload: gifts(10, 0, [
          entry('old'),
          entry('c1', { final: false }),
          entry('c2', { large: false }),
        ]),
      },
      { name: 'gifts:changed', payload: gifts(510, 0, [entry('old'), entry('c1', { count: 3 })]) },
      { name: 'gifts:changed', payload: gifts(510, 0, [entry('old'), entry('c1', { count: 3 })]) },
    )
    clock.advance(1000)
    const markers = store.series('console-1')!.markers
    expect(
      markers.map((m) => [m.kind, m.kind === 'large-gift' ? JSON.parse(m.detail) : m.detail]),
    ).toEqual([
      ['reconnect', 'stream'],
      ['reconnect', 'room'],
      // At the combo's start.
      [
        'large-gift',
        {
          nick: 'Alice',
          names: { en: 'Rocket', ko: '로켓', 'zh-CN': '火箭' },
          count: 3,
          amount: 500,
        },
      ],
    ])
  })

  it('stops sampling when stopped', () => {
    const { clock, ticks, sampler } = setup()
    clock.advance(2000)
    sampler.stop()
    clock.advance(5000)
    expect(ticks).toHaveLength(2)
    expect(clock.pending()).toBe(0)
  })
})
