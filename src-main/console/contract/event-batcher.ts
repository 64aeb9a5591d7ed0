import {
  type ContractEvent,
  type EventName,
  type EventPayload,
  latestOnlyEvents,
} from '../../../src-shared/contract'
import { realTimer, type SetTimer } from '../../common/clock'

export type BatchSink = (events: ContractEvent[]) => void

/**
 * Coalesces events into one batch per frame (~16 ms), so a chat storm costs one IPC or WebSocket
 * message per frame rather than one per line (DESIGN.md, The contract). Of a slice-of-state event
 * (`latestOnlyEvents`) the batch carries only the latest, in its own place.
 */
export class EventBatcher {
  private queue: (ContractEvent | null)[] = []
  /** Where each latest-only event sits in the queue. */
  private readonly latestAt = new Map<EventName, number>()
  /** Cancels the pending flush. */
  private cancelFlush: (() => void) | null = null
  private readonly sinks = new Set<BatchSink>()

  constructor(
    private readonly intervalMs = 16,
    private readonly setTimer: SetTimer = realTimer,
  ) {}

  subscribe(sink: BatchSink): () => void {
    this.sinks.add(sink)
    return () => this.sinks.delete(sink)
  }

  emit = <N extends EventName>(name: N, payload: EventPayload<N>): void => {
    const event = { name, payload } as ContractEvent
    if (latestOnlyEvents.has(name)) {
      const at = this.latestAt.get(name)
      if (at !== undefined) this.queue[at] = null
      this.latestAt.set(name, this.queue.length)
    }
    this.queue.push(event)
    this.cancelFlush ??= this.setTimer(this.flush, this.intervalMs)
  }

  flush = (): void => {
    this.cancelFlush?.()
    this.cancelFlush = null
    if (!this.queue.length) return
    const batch = this.queue.filter((event): event is ContractEvent => event !== null)
    this.queue = []
    this.latestAt.clear()
    for (const sink of this.sinks) {
      try {
        sink(batch)
      } catch {
        // One broken sink (a closed window) must not starve the others.
      }
    }
  }

  close(): void {
    this.flush()
    this.sinks.clear()
  }
}
