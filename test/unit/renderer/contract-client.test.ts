import { describe, expect, it } from 'vitest'
import {
  ACCESS_RESET_CLOSE,
  type ContractEvent,
  type LiveDeskBridge,
} from '../../../src-shared/contract'
import { bridgeApi, socketApi, type LinkState } from '../../../src-renderer/shared/contract-client'
import { fakeSockets } from '../../support/fake-socket'

function scriptedTimers() {
  const timers: { fn: () => void; ms: number }[] = []
  return { timers, setTimer: (fn: () => void, ms: number) => timers.push({ fn, ms }) }
}

describe('socketApi', () => {
  it('sends calls as HostClientFrames and resolves them by id', async () => {
    const { sockets, connect } = fakeSockets()
    const api = socketApi({ url: 'ws://h/contract?token=t', connect })
    sockets[0]!.handlers.open()
    const info = api.call('app:get-info', {})
    const snapshot = api.call('room:get-snapshot', {})
    const [first, second] = sockets[0]!.sent as { kind: string; id: number; name: string }[]
    expect(first).toMatchObject({ kind: 'call', name: 'app:get-info', input: {} })
    expect(sockets[0]!.url).toBe('ws://h/contract?token=t')

    sockets[0]!.push({
      kind: 'result',
      id: second!.id,
      result: { ok: false, error: { code: 7, message: 'x' } },
    })
    sockets[0]!.push({
      kind: 'result',
      id: first!.id,
      result: { ok: true, value: { version: '1', host: 'browser', roomId: 'r', viewerUrl: 'u' } },
    })
    expect(await info).toMatchObject({ ok: true, value: { roomId: 'r' } })
    expect(await snapshot).toEqual({ ok: false, error: { code: 7, message: 'x' } })
  })

  it('dispatches event batches to batch and per-name subscribers', () => {
    const { sockets, connect } = fakeSockets()
    const api = socketApi({ url: 'ws://h/contract', connect })
    const batches: ContractEvent[][] = []
    const counts: number[] = []
    api.onBatch((events) => batches.push(events))
    const off = api.on('room:online-changed', ({ count }) => counts.push(count))
    sockets[0]!.handlers.open()
    const events: ContractEvent[] = [
      { name: 'room:online-changed', payload: { count: 2, peak: 2, at: 1 } },
      { name: 'room:connection-changed', payload: { state: 'connected' } },
      { name: 'room:online-changed', payload: { count: 1, peak: 2, at: 2 } },
    ]
    sockets[0]!.push({ kind: 'events', events })
    off()
    sockets[0]!.push({ kind: 'events', events })
    expect(counts).toEqual([2, 1])
    expect(batches).toHaveLength(2)
  })

  it('answers 1005 while disconnected, and fails calls cut off by a drop', async () => {
    const { sockets, connect } = fakeSockets()
    const { setTimer } = scriptedTimers()
    const api = socketApi({ url: 'ws://h/contract', connect, setTimer })
    expect(await api.call('room:get-snapshot', {})).toMatchObject({
      ok: false,
      error: { code: 1005 },
    })
    sockets[0]!.handlers.open()
    const inFlight = api.call('room:get-snapshot', {})
    sockets[0]!.handlers.close(1006, '')
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 1005 } })
  })

  it('reconnects with growing delays and reports the link state', () => {
    const { sockets, connect } = fakeSockets()
    const { timers, setTimer } = scriptedTimers()
    const api = socketApi({ url: 'ws://h/contract', connect, setTimer, minDelayMs: 100 })
    const states: LinkState[] = []
    api.onLink((state) => states.push(state))
    sockets[0]!.handlers.close(1006, '')
    timers[0]!.fn()
    sockets[1]!.handlers.close(1006, '')
    timers[1]!.fn()
    sockets[2]!.handlers.open()
    expect(timers.map((timer) => timer.ms)).toEqual([100, 200])
    expect(states).toEqual(['connecting', 'closed', 'connecting', 'closed', 'connecting', 'open'])
    expect(api.link).toBe('open')
    sockets[2]!.handlers.close(1006, '')
    expect(timers.at(-1)?.ms).toBe(100) // a good open resets the backoff
  })
})

describe('socketApi when the access link was reset', () => {
  it('does not reconnect a socket the host closed for a reset link; it says so instead', () => {
    const { sockets, connect } = fakeSockets()
    const { timers, setTimer } = scriptedTimers()
    let revoked = 0
    socketApi({ url: 'ws://h/contract', connect, setTimer, onRevoked: () => revoked++ })
    sockets[0]!.handlers.open()
    sockets[0]!.handlers.close(ACCESS_RESET_CLOSE, 'access link reset')
    expect(revoked).toBe(1)
    expect(timers).toEqual([])
  })
})

describe('bridgeApi', () => {
  it('uses the preload bridge and is always linked', async () => {
    let listener: ((events: ContractEvent[]) => void) | null = null
    const bridge: LiveDeskBridge = {
      invoke: async (name) => ({ ok: true, value: { name } }),
      onEvents: (l) => {
        listener = l
        return () => {}
      },
    }
    const api = bridgeApi(bridge)
    const seen: number[] = []
    api.on('room:online-changed', ({ count }) => seen.push(count))
    listener!([{ name: 'room:online-changed', payload: { count: 4, peak: 4, at: 3 } }])
    expect(seen).toEqual([4])
    expect(api.link).toBe('open')
    expect(await api.call('app:get-info', {})).toEqual({
      ok: true,
      value: { name: 'app:get-info' },
    })
  })
})
