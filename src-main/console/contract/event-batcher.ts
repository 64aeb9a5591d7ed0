import type { ContractEvent, EventName, EventPayload } from '../../../src-shared/contract'

export type BatchSink = (events: ContractEvent[]) => void

/**
 * Coalesces events into one batch per frame (~16 ms), so a chat storm costs one IPC or WebSocket
 * message per frame rather than one per line (DESIGN.md, The contract).
 */
export class EventBatcher {
  private queue: ContractEvent[] = []
  private timer: NodeJS.Timeout | null = null
  private readonly sinks = new Set<BatchSink>()

  constructor(private readonly intervalMs = 16) {}

  subscribe(sink: BatchSink): () => void {
    this.sinks.add(sink)
    return () => this.sinks.delete(sink)
  }

  emit = <N extends EventName>(name: N, payload: EventPayload<N>): void => {
    this.queue.push({ name, payload } as ContractEvent)
    this.timer ??= setTimeout(this.flush, this.intervalMs)
  }

  flush = (): void => {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (!this.queue.length) return
    const batch = this.queue
    this.queue = []
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
