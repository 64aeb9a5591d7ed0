import { describe, expect, it } from 'vitest'
import type { ContractEvent } from '../../../src-shared/contract'
import { EventBatcher } from '../../../src-main/console/contract/event-batcher'
import { manualClock } from '../../support/manual-clock'

describe('EventBatcher', () => {
  it('coalesces events within one frame into one batch, in order', () => {
    const clock = manualClock()
    const batcher = new EventBatcher(16, clock.setTimer)
    const batches: ContractEvent[][] = []
    batcher.subscribe((b) => batches.push(b))
    for (let count = 1; count <= 100; count++) {
      batcher.emit('room:online-changed', { count, peak: count, at: count })
    }
    expect(batches).toHaveLength(0)
    clock.advance(16)
    expect(batches).toHaveLength(1)
    expect(batches[0]!.map((e) => (e.payload as { count: number }).count)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    )
    batcher.emit('room:connection-changed', { state: 'connected' })
    clock.advance(16)
    expect(batches).toHaveLength(2)
  })

  it('carries only the latest of a slice-of-state event, in its own place in the order', () => {
    const clock = manualClock()
    const batcher = new EventBatcher(16, clock.setTimer)
    const batches: ContractEvent[][] = []
    batcher.subscribe((b) => batches.push(b))
    batcher.emit('room:connection-changed', { state: 'reconnecting' })
    batcher.emit('room:messages-received', [])
    batcher.emit('room:connection-changed', { state: 'connected' })
    batcher.emit('room:online-changed', { count: 2, peak: 2, at: 1 })
    clock.advance(16)
    expect(batches[0]!.map((e) => e.name)).toEqual([
      'room:messages-received',
      'room:connection-changed',
      'room:online-changed',
    ])
    expect(batches[0]![1]!.payload).toEqual({ state: 'connected' })
    // A new batch starts afresh.
    batcher.emit('room:connection-changed', { state: 'disconnected' })
    clock.advance(16)
    expect(batches[1]).toEqual([
      { name: 'room:connection-changed', payload: { state: 'disconnected' } },
    ])
  })

  it('keeps delivering to other sinks when one throws', () => {
    const clock = manualClock()
    const batcher = new EventBatcher(16, clock.setTimer)
    const got: number[] = []
    batcher.subscribe(() => {
      throw new Error('closed window')
    })
    batcher.subscribe((b) => got.push(b.length))
    batcher.emit('room:connection-changed', { state: 'connected' })
    clock.advance(16)
    expect(got).toEqual([1])
  })

  it('flushes what is queued on close', () => {
    const batcher = new EventBatcher()
    const got: ContractEvent[][] = []
    batcher.subscribe((b) => got.push(b))
    batcher.emit('room:connection-changed', { state: 'connected' })
    batcher.close()
    expect(got).toHaveLength(1)
  })
})
