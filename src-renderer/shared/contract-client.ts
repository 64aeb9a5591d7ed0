import {
  ACCESS_RESET_CLOSE,
  MODERATOR_ENDED_CLOSE,
  ContractCode,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type ContractEvent,
  type EventName,
  type EventPayload,
  type HostServerFrame,
  type LiveDeskBridge,
  type Result,
} from '../../src-shared/contract'
import type { SocketFactory, SocketHandlers, SocketLike } from '../../src-shared/protocol/socket'

/** The console's link to its host: always `open` under Electron; the WebSocket's state otherwise. */
export type LinkState = 'connecting' | 'open' | 'closed'

export interface Api {
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Result<CommandOutput<N>>>
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void
  /** Every event batch as it arrives (one per host flush), for stores that reduce a batch at once. */
  onBatch(listener: (events: ContractEvent[]) => void): () => void
  readonly link: LinkState
  /** Called now with the current state and on every change. */
  onLink(listener: (state: LinkState) => void): () => void
}

const notConnected = (message = 'Not connected to LiveDesk'): Result<never> => ({
  ok: false,
  error: { code: ContractCode.notConnected, message },
})

/** Fan-out of event batches and link changes, shared by both transports. */
class Subscribers {
  private readonly batch = new Set<(events: ContractEvent[]) => void>()
  private readonly link = new Set<(state: LinkState) => void>()

  onBatch(listener: (events: ContractEvent[]) => void): () => void {
    this.batch.add(listener)
    return () => this.batch.delete(listener)
  }

  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
    return this.onBatch((events) => {
      for (const event of events) {
        if (event.name === name) listener(event.payload as EventPayload<N>)
      }
    })
  }

  emitBatch(events: ContractEvent[]): void {
    for (const listener of [...this.batch]) listener(events)
  }

  onLink(listener: (state: LinkState) => void, current: LinkState): () => void {
    this.link.add(listener)
    listener(current)
    return () => this.link.delete(listener)
  }

  emitLink(state: LinkState): void {
    for (const listener of [...this.link]) listener(state)
  }
}

/** The Electron host: the preload's `window.livedesk`. */
export function bridgeApi(bridge: LiveDeskBridge): Api {
  const subscribers = new Subscribers()
  bridge.onEvents((events) => subscribers.emitBatch(events))
  return {
    call: (name, input) =>
      bridge.invoke(name, input).then(
        (result) => result as Result<CommandOutput<typeof name>>,
        () => notConnected('The LiveDesk main process did not answer'),
      ),
    on: (name, listener) => subscribers.on(name, listener),
    onBatch: (listener) => subscribers.onBatch(listener),
    link: 'open',
    onLink: (listener) => subscribers.onLink(listener, 'open'),
  }
}

export interface SocketApiOptions {
  url: string
  connect: SocketFactory
  /** Reconnect delays grow from `minDelayMs` to `maxDelayMs` (doubling), reset on a good open. */
  minDelayMs?: number
  maxDelayMs?: number
  setTimer?: (fn: () => void, ms: number) => unknown
  /**
   * The host closed the socket because this page's access is gone (the access link was reset,
   * ACCESS_RESET_CLOSE, or a moderator's invite ended, MODERATOR_ENDED_CLOSE): no reconnect,
   * this is called instead.
   */
  onRevoked?: () => void
}

/**
 * The browser host: one WebSocket at /contract carrying `HostClientFrame` calls and
 * `HostServerFrame` results and event batches. Reconnects with backoff; calls made while the socket
 * is down (or cut off by a drop) resolve to 1005 instead of hanging.
 */
export function socketApi(options: SocketApiOptions): Api {
  const { url, connect } = options
  const minDelay = options.minDelayMs ?? 500
  const maxDelay = options.maxDelayMs ?? 10_000
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
  const subscribers = new Subscribers()
  const pending = new Map<number, (result: Result<unknown>) => void>()
  let nextId = 1
  let socket: SocketLike | null = null
  let link: LinkState = 'connecting'
  let delay = minDelay

  const setLink = (state: LinkState) => {
    if (state === link) return
    link = state
    subscribers.emitLink(state)
  }

  const scheduleReconnect = () => {
    setTimer(open, delay)
    delay = Math.min(delay * 2, maxDelay)
  }

  function open(): void {
    setLink('connecting')
    let current: SocketLike | null = null
    const handlers: SocketHandlers = {
      open() {
        socket = current
        delay = minDelay
        setLink('open')
      },
      message(data) {
        let frame: HostServerFrame
        try {
          frame = JSON.parse(data) as HostServerFrame
        } catch {
          return
        }
        if (frame?.kind === 'result') {
          const resolve = pending.get(frame.id)
          pending.delete(frame.id)
          resolve?.(frame.result)
        } else if (frame?.kind === 'events' && Array.isArray(frame.events)) {
          subscribers.emitBatch(frame.events)
        }
      },
      close(code) {
        socket = null
        for (const resolve of pending.values())
          resolve(notConnected('The link to LiveDesk dropped'))
        pending.clear()
        setLink('closed')
        // A moderator whose invite was revoked or ran out (issue 13 §4) is gone the same way.
        const revoked = code === ACCESS_RESET_CLOSE || code === MODERATOR_ENDED_CLOSE
        if (revoked && options.onRevoked) options.onRevoked()
        else scheduleReconnect()
      },
    }
    try {
      current = connect(url, handlers)
    } catch {
      setLink('closed')
      scheduleReconnect()
    }
  }
  open()

  return {
    call(name, input) {
      if (!socket || link !== 'open') return Promise.resolve(notConnected())
      const id = nextId++
      const live = socket
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void)
        try {
          live.send(JSON.stringify({ kind: 'call', id, name, input }))
        } catch {
          pending.delete(id)
          resolve(notConnected())
        }
      })
    },
    on: (name, listener) => subscribers.on(name, listener),
    onBatch: (listener) => subscribers.onBatch(listener),
    get link() {
      return link
    },
    onLink: (listener) => subscribers.onLink(listener, link),
  }
}
