import type {
  ConnectionState,
  ContractEvent,
  GiftsSnapshot,
  RoomSnapshot,
  StreamStatus,
} from '../../../src-shared/contract'
import {
  CHAT_RATE_WINDOW_S,
  TIMELINE_SAMPLE_MS,
  type LargeGiftDetail,
  type TimelineMarker,
  type TimelineSample,
  type TimelineTick,
} from '../../../src-shared/contract/timeline'
import type { RoomState } from '../../../src-shared/protocol/room-state'
import type { Clock } from '../../common/clock'
import type { TimelineStore } from './timeline-store'

/** Combo ids remembered so a large gift is marked once (a long show has far fewer). */
const SEEN_COMBOS_KEPT = 2000

export interface TimelineSamplerOptions {
  store: TimelineStore
  clock: Clock
  /** What this console run's samples belong to while the room has no room state (a show id). */
  sessionShowId: string
  emit: (tick: TimelineTick) => void
  log?: (line: string) => void
}

/** What the console knew when the sampler started (main's own snapshots). */
export interface TimelineStart {
  room: RoomSnapshot
  stream: StreamStatus | null
  gifts: GiftsSnapshot | null
}

interface Show {
  id: string
  title: string
}

const round2 = (value: number) => Math.round(value * 100) / 100

/**
 * Samples the show once a second for its timeline (issue 15 §3): viewers, chat lines, gift coins
 * and likes per second, the push bitrate and the frames dropped, and marks room state changes,
 * reconnects and large gifts. It reads nothing of its own: it watches the contract events main
 * sends every console (the same facts the panels show), so what the chart says matches them.
 *
 * Which show a second belongs to is the room state's `showId`; a room without a room state (a
 * Tencent room without our business host) records this console run as one show. Between an end
 * and the next show nothing is recorded: there is no show to keep it in.
 */
export class TimelineSampler {
  private viewers = 0
  private roomState: RoomState | null = null
  private connection: ConnectionState = 'connecting'
  private stream: StreamStatus | null = null
  private chatSinceTick = 0
  private giftCoins = 0
  private giftCoinsAtTick = 0
  private likes: number | null = null
  private likesAtTick: number | null = null
  private droppedAtTick = 0
  private lastTickAt = 0
  private readonly seenCombos = new Set<string>()
  private chatWindow: number[] = []
  private pendingMarkers: TimelineTick['markers'] = []
  private cancel: (() => void) | undefined
  private stopped = false

  constructor(private readonly options: TimelineSamplerOptions) {}

  start(start: TimelineStart): void {
    this.viewers = start.room.online.count
    this.roomState = start.room.roomState
    this.connection = start.room.connection
    this.stream = start.stream
    this.droppedAtTick = start.stream?.health?.droppedFrames ?? 0
    this.applyGifts(start.gifts, false)
    this.giftCoinsAtTick = this.giftCoins
    this.likesAtTick = this.likes
    this.lastTickAt = this.options.clock.now()
    this.schedule()
  }

  stop(): void {
    this.stopped = true
    this.cancel?.()
  }

  /** The show being recorded now; null between shows. */
  currentShowId(): string | null {
    return this.currentShow()?.id ?? null
  }

  /** A batch of the contract's events, as every console gets it. */
  observe(events: readonly ContractEvent[]): void {
    for (const event of events) {
      switch (event.name) {
        case 'room:messages-received':
          this.chatSinceTick += event.payload.filter((m) => m.type === 'TIMTextElem').length
          break
        case 'room:online-changed':
          this.viewers = event.payload.count
          break
        case 'room:state-changed':
          this.applyRoomState(event.payload)
          break
        case 'room:connection-changed':
          this.applyConnection(event.payload.state)
          break
        case 'room:snapshot-replaced':
          this.viewers = event.payload.online.count
          this.applyConnection(event.payload.connection)
          if (event.payload.roomState) this.applyRoomState(event.payload.roomState)
          break
        case 'stream:status-changed':
          this.applyStream(event.payload)
          break
        case 'gifts:changed':
          this.applyGifts(event.payload, true)
          break
        default:
          break
      }
    }
  }

  /** Takes the second that ended now: keeps it in the current show and tells every console. */
  tick(): TimelineTick {
    const now = this.options.clock.now()
    const seconds = Math.max(0.001, (now - this.lastTickAt) / 1000)
    this.lastTickAt = now
    const health = this.stream?.state === 'stopped' ? null : (this.stream?.health ?? null)
    let dropped: number | null = null
    if (health) {
      // A new encoder run counts from 0 again.
      const base = health.droppedFrames < this.droppedAtTick ? 0 : this.droppedAtTick
      dropped = health.droppedFrames - base
      this.droppedAtTick = health.droppedFrames
    } else this.droppedAtTick = 0
    const likes =
      this.likes !== null && this.likesAtTick !== null
        ? Math.max(0, this.likes - this.likesAtTick)
        : 0
    const sample: TimelineSample = {
      at: now,
      viewers: this.viewers,
      chat: round2(this.chatSinceTick / seconds),
      gifts: round2(Math.max(0, this.giftCoins - this.giftCoinsAtTick) / seconds),
      likes: round2(likes / seconds),
      bitrateKbps: health?.bitrateKbps ?? null,
      dropped,
    }
    this.chatWindow.push(this.chatSinceTick)
    if (this.chatWindow.length > CHAT_RATE_WINDOW_S) this.chatWindow.shift()
    this.chatSinceTick = 0
    this.giftCoinsAtTick = this.giftCoins
    this.likesAtTick = this.likes
    const show = this.currentShow()
    if (show) this.keep(() => this.options.store.addSample(show.id, show.title, sample))
    const markers = this.pendingMarkers
    this.pendingMarkers = []
    // Lines in the last ten seconds over ten: a steady figure, also in the first seconds of a run.
    const windowCount = this.chatWindow.reduce((sum, count) => sum + count, 0)
    const tick: TimelineTick = {
      showId: show?.id ?? null,
      sample,
      chatRate: round2(windowCount / CHAT_RATE_WINDOW_S),
      markers,
    }
    this.options.emit(tick)
    return tick
  }

  private schedule(): void {
    if (this.stopped) return
    this.cancel = this.options.clock.setTimer(() => {
      this.tick()
      this.schedule()
    }, TIMELINE_SAMPLE_MS)
  }

  private currentShow(): Show | null {
    const state = this.roomState
    if (!state) return { id: this.options.sessionShowId, title: '' }
    if (state.state === 'ended' || state.state === 'replay') return null
    return { id: state.showId, title: state.title }
  }

  private applyRoomState(next: RoomState): void {
    const before = this.roomState
    // A message and the attribute may bring the same state twice, or an older one late.
    if (before && next.since < before.since) return
    this.roomState = next
    if (before && before.state === next.state && before.showId === next.showId) return
    const at = this.options.clock.now()
    if (next.state === 'ended' || next.state === 'replay') {
      // The end belongs to the show that ended, if it was recorded here.
      if (!this.options.store.show(next.showId)) return
      if (next.state === 'ended') {
        this.keep(() => this.options.store.endShow(next.showId, next.endedAt ?? at))
      }
      this.mark(next.showId, next.title, { at, kind: 'state', detail: next.state })
      return
    }
    this.mark(next.showId, next.title, { at, kind: 'state', detail: next.state })
  }

  private applyConnection(next: ConnectionState): void {
    if (next === 'reconnecting' && this.connection !== 'reconnecting') {
      this.markCurrent({ at: this.options.clock.now(), kind: 'reconnect', detail: 'room' })
    }
    this.connection = next
  }

  private applyStream(next: StreamStatus): void {
    if (next.state === 'reconnecting' && this.stream?.state !== 'reconnecting') {
      this.markCurrent({ at: this.options.clock.now(), kind: 'reconnect', detail: 'stream' })
    }
    this.stream = next
  }

  private applyGifts(snapshot: GiftsSnapshot | null, markLarge: boolean): void {
    const feed = snapshot?.feed
    if (!feed) return
    this.giftCoins = feed.totals.amount
    this.likes = feed.likes.total
    // The first likes total seen is where counting starts (it counts from before this run).
    this.likesAtTick ??= this.likes
    for (const entry of feed.entries) {
      if (!entry.large || !entry.final || this.seenCombos.has(entry.comboId)) continue
      this.seenCombos.add(entry.comboId)
      if (this.seenCombos.size > SEEN_COMBOS_KEPT) {
        const oldest = this.seenCombos.values().next().value
        if (oldest !== undefined) this.seenCombos.delete(oldest)
      }
      if (!markLarge) continue
      const detail: LargeGiftDetail = {
        nick: entry.nick.slice(0, 100),
        names: entry.names,
        count: entry.count,
        amount: entry.amount,
      }
      this.markCurrent({ at: entry.startedAt, kind: 'large-gift', detail: JSON.stringify(detail) })
    }
  }

  private markCurrent(marker: TimelineMarker): void {
    const show = this.currentShow()
    if (show) this.mark(show.id, show.title, marker)
  }

  private mark(showId: string, title: string, marker: TimelineMarker): void {
    this.keep(() => this.options.store.addMarker(showId, title, marker))
    this.pendingMarkers.push({ showId, marker })
  }

  /** A write that fails (a full disk) loses that second, not the sampler. */
  private keep(write: () => void): void {
    try {
      write()
    } catch (error) {
      this.options.log?.(`timeline: could not keep a sample: ${(error as Error).message}`)
    }
  }
}
