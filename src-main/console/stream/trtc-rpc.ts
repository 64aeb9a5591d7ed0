import { EventEmitter } from 'node:events'
import { z } from 'zod'
import { type Clock, systemClock } from '../../common/clock'
import { streamError, type StreamEngineError } from './stream-error'
import { TRTC_EVENTS, TRTC_METHODS, type TrtcCloudPort, type TrtcMethod } from './trtc-port'

/**
 * The TRTC host window's protocol (issue 17). Tencent's SDK runs in a hidden window of its own
 * (src-main/shell/trtc-window.ts), because it needs a DOM as it loads; the engine runs in main.
 * They talk over one MessagePort (Electron's MessageChannelMain; a worker_threads MessageChannel
 * in the tests — the same postMessage and structured clone):
 *
 * - main → host: `call` with a request id, a method of TRTC_METHODS and its arguments as plain
 *   data (the host rebuilds the SDK's classes, trtc-host.ts);
 * - host → main: `result` or `error` for that id; `event` for each SDK callback of TRTC_EVENTS;
 *   `ready` once the SDK loaded, or `loadFailed` with require()'s words.
 *
 * Messages are checked on arrival on both sides; what does not parse is dropped and logged.
 */
export const TrtcRpcCall = z.object({
  kind: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string(),
  args: z.array(z.unknown()),
})
export type TrtcRpcCall = z.infer<typeof TrtcRpcCall>

/** Why a host answered a call with an error: the SDK threw, or the method is not served. */
export const TrtcRpcFailure = z.enum(['threw', 'refused'])

export const TrtcHostMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), id: z.number(), value: z.unknown() }),
  z.object({
    kind: z.literal('error'),
    id: z.number(),
    reason: TrtcRpcFailure,
    method: z.string(),
    detail: z.string(),
  }),
  z.object({
    kind: z.literal('event'),
    name: z.enum(TRTC_EVENTS as [string, ...string[]]),
    args: z.array(z.unknown()),
  }),
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('loadFailed'), detail: z.string() }),
])
export type TrtcHostMessage = z.infer<typeof TrtcHostMessage>

/**
 * One end of the channel, whatever carries it: Electron's MessagePortMain in main, the DOM's
 * MessagePort in the host window, a worker_threads MessagePort in the tests.
 */
export interface RpcEndpoint<Out = unknown> {
  post(message: Out): void
  onMessage(listener: (message: unknown) => void): void
  /** The other end went away (its window closed, its process ended). */
  onClose(listener: () => void): void
  close(): void
}

export interface TrtcRpcClientOptions {
  clock?: Clock
  /** How long a call may wait for its answer before the host counts as lost. */
  timeoutMs?: number
  log?: (line: string) => void
}

interface Pending {
  method: TrtcMethod
  resolve: (value: unknown) => void
  reject: (error: StreamEngineError) => void
  cancelTimer: () => void
}

/**
 * Main's side: a TrtcCloudPort whose calls go to the host and whose events come from it.
 *
 * A host that does not answer one call in time, or whose port closes, is lost for good: every
 * waiting and later call rejects with the same TRTC_HOST_FAILED error and onHostLost fires once,
 * so the engine stops instead of waiting on each of its teardown calls in turn. The shell then
 * opens a new host for the next Go live.
 */
export function connectTrtcCloud(
  endpoint: RpcEndpoint<TrtcRpcCall>,
  options: TrtcRpcClientOptions = {},
): TrtcCloudPort {
  const clock = options.clock ?? systemClock
  const timeoutMs = options.timeoutMs ?? 10_000
  const log = options.log ?? (() => {})
  const events = new EventEmitter()
  const pending = new Map<number, Pending>()
  const lostListeners = new Set<(error: StreamEngineError) => void>()
  let lost: StreamEngineError | null = null
  let nextId = 1

  const lose = (error: StreamEngineError): void => {
    if (lost) return
    lost = error
    log(`trtc host: ${error.message}`)
    for (const call of pending.values()) {
      call.cancelTimer()
      call.reject(error)
    }
    pending.clear()
    endpoint.close()
    for (const listener of lostListeners) listener(error)
  }

  endpoint.onClose(() =>
    lose(streamError('TRTC_HOST_FAILED', 'The TRTC host window went away', { reason: 'closed' })),
  )
  endpoint.onMessage((raw) => {
    const parsed = TrtcHostMessage.safeParse(raw)
    if (!parsed.success) return log('trtc host: dropped a message that does not parse')
    const message = parsed.data
    if (message.kind === 'event') {
      events.emit(message.name, ...message.args)
      return
    }
    if (message.kind !== 'result' && message.kind !== 'error') return
    const call = pending.get(message.id)
    if (!call) return
    pending.delete(message.id)
    call.cancelTimer()
    if (message.kind === 'result') return call.resolve(message.value)
    const { reason, method, detail } = message
    call.reject(
      reason === 'threw'
        ? streamError('TRTC_HOST_FAILED', `TRTC's ${method} threw: ${detail}`, {
            reason,
            method,
            detail,
          })
        : streamError('TRTC_HOST_FAILED', `The TRTC host does not serve ${method}`, {
            reason,
            method,
          }),
    )
  })

  const call = (method: TrtcMethod, args: unknown[]): Promise<unknown> => {
    if (lost) return Promise.reject(lost)
    const id = nextId++
    return new Promise((resolve, reject) => {
      const cancelTimer = clock.setTimer(() => {
        lose(
          streamError('TRTC_HOST_FAILED', `The TRTC host did not answer ${method} in time`, {
            reason: 'noAnswer',
            method,
          }),
        )
      }, timeoutMs)
      pending.set(id, { method, resolve, reject, cancelTimer })
      try {
        endpoint.post({ kind: 'call', id, method, args })
      } catch (error) {
        // An argument that structured clone cannot carry: a bug of ours, not the host's.
        pending.delete(id)
        cancelTimer()
        const detail = error instanceof Error ? error.message : String(error)
        reject(
          streamError('TRTC_HOST_FAILED', `${method} could not be sent: ${detail}`, {
            reason: 'threw',
            method,
            detail,
          }),
        )
      }
    })
  }

  const port = {
    on: (event: string, listener: (...args: unknown[]) => void) => events.on(event, listener),
    off: (event: string, listener: (...args: unknown[]) => void) => events.off(event, listener),
    onHostLost: (listener: (error: StreamEngineError) => void) => {
      lostListeners.add(listener)
      return () => lostListeners.delete(listener)
    },
  }
  // Each method of the allow-list, forwarded as it is: the port's type says what each takes
  // and answers (TrtcCloudPort maps TRTCCloud's own signatures).
  const methods = Object.fromEntries(
    TRTC_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  )
  return { ...methods, ...port } as unknown as TrtcCloudPort
}

/**
 * Waits for a new host to say the SDK loaded, then connects to it. A host whose require() threw
 * is TRTC_UNAVAILABLE/loadFailed with its words; one that says nothing in time, or closes, is
 * TRTC_HOST_FAILED. The endpoint is closed on any failure.
 */
export function openTrtcCloud(
  endpoint: RpcEndpoint<TrtcRpcCall>,
  options: TrtcRpcClientOptions = {},
): Promise<TrtcCloudPort> {
  const clock = options.clock ?? systemClock
  const timeoutMs = options.timeoutMs ?? 10_000
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (outcome: TrtcCloudPort | StreamEngineError): void => {
      if (settled) return
      settled = true
      cancelTimer()
      if (outcome instanceof Error) {
        endpoint.close()
        reject(outcome)
      } else resolve(outcome)
    }
    const cancelTimer = clock.setTimer(
      () =>
        settle(
          streamError('TRTC_HOST_FAILED', 'The TRTC host window did not load in time', {
            reason: 'noAnswer',
            method: 'load',
          }),
        ),
      timeoutMs,
    )
    endpoint.onClose(() =>
      settle(
        streamError('TRTC_HOST_FAILED', 'The TRTC host window closed while loading', {
          reason: 'closed',
        }),
      ),
    )
    endpoint.onMessage((raw) => {
      const parsed = TrtcHostMessage.safeParse(raw)
      if (!parsed.success || settled) return
      if (parsed.data.kind === 'ready') settle(connectTrtcCloud(endpoint, options))
      else if (parsed.data.kind === 'loadFailed') {
        const { detail } = parsed.data
        settle(
          streamError('TRTC_UNAVAILABLE', `trtc-electron-sdk did not load: ${detail}`, {
            reason: 'loadFailed',
            detail,
          }),
        )
      }
    })
  })
}
