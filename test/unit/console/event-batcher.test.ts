import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ContractEvent } from '../../../src-shared/contract'
import { EventBatcher } from '../../../src-main/console/contract/event-batcher'

describe('EventBatcher', () => {
  afterEach(() => vi.useRealTimers())

  it('coalesces events within one frame into one batch, in order', () => {
    vi.useFakeTimers()
    const batcher = new EventBatcher(16)
    const batches: ContractEvent[][] = []
    batcher.subscribe((b) => batches.push(b))
    for (let count = 1; count <= 100; count++) batcher.emit('room:online-count-changed', { count })
    expect(batches).toHaveLength(0)
    vi.advanceTimersByTime(16)
    expect(batches).toHaveLength(1)
    expect(batches[0]!.map((e) => (e.payload as { count: number }).count)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    )
    batcher.emit('room:member-left', { userId: 'a' })
    vi.advanceTimersByTime(16)
    expect(batches).toHaveLength(2)
  })

  it('keeps delivering to other sinks when one throws', () => {
    vi.useFakeTimers()
    const batcher = new EventBatcher()
    const got: number[] = []
    batcher.subscribe(() => {
      throw new Error('closed window')
    })
    batcher.subscribe((b) => got.push(b.length))
    batcher.emit('room:member-left', { userId: 'a' })
    vi.advanceTimersByTime(16)
    expect(got).toEqual([1])
  })

  it('flushes what is queued on close', () => {
    const batcher = new EventBatcher()
    const got: ContractEvent[][] = []
    batcher.subscribe((b) => got.push(b))
    batcher.emit('room:member-left', { userId: 'a' })
    batcher.close()
    expect(got).toHaveLength(1)
  })
})
