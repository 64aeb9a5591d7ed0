import { describe, expect, it } from 'vitest'
import { appendBounded, CHAT_LIMIT, pruneSideTable } from '../../../src-renderer/shared/bounded'

const item = (n: number) => ({ id: `m${n}` })
const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => item(from + i))

describe('appendBounded', () => {
  it('keeps only the newest `limit` items, in order', () => {
    let list: readonly { id: string }[] = []
    for (let n = 0; n < 1200; n += 7) list = appendBounded(list, range(n, n + 7), CHAT_LIMIT)
    expect(list).toHaveLength(CHAT_LIMIT)
    expect(list.at(-1)?.id).toBe('m1203')
    expect(list[0]?.id).toBe(`m${1204 - CHAT_LIMIT}`)
  })

  it('bounds a single batch larger than the limit', () => {
    const list = appendBounded([], range(0, 900), 500)
    expect(list).toHaveLength(500)
    expect(list[0]?.id).toBe('m400')
  })

  it('skips ids it already holds, including repeats inside one batch', () => {
    const list = appendBounded(range(0, 3), [item(2), item(3), item(3)], 10)
    expect(list.map((x) => x.id)).toEqual(['m0', 'm1', 'm2', 'm3'])
  })

  it('returns the same array when nothing is new, so React skips the render', () => {
    const list = range(0, 3)
    expect(appendBounded(list, [], 10)).toBe(list)
    expect(appendBounded(list, [item(1)], 10)).toBe(list)
  })

  it('answers the same when an older list is given again (React may call an updater twice)', () => {
    const base = appendBounded([], range(0, 5), 6)
    const first = appendBounded(base, range(5, 8), 6)
    const again = appendBounded(base, range(5, 8), 6)
    expect(again.map((x) => x.id)).toEqual(first.map((x) => x.id))
    expect(again.map((x) => x.id)).toEqual(['m2', 'm3', 'm4', 'm5', 'm6', 'm7'])
    // The newer list still knows its own ids: what it dropped is new again, what it holds is not.
    expect(appendBounded(first, [item(7), item(1)], 6).map((x) => x.id)).toEqual([
      'm3',
      'm4',
      'm5',
      'm6',
      'm7',
      'm1',
    ])
  })
})

describe('pruneSideTable', () => {
  it('leaves the table alone while it is within the slack', () => {
    const table = new Map(range(0, 12).map((x) => [x.id, 28]))
    expect(pruneSideTable(table, range(5, 12), 5)).toBe(0)
    expect(table.size).toBe(12)
  })

  it('drops the keys of items gone from the list, keeping those still there', () => {
    const table = new Map(range(0, 20).map((x) => [x.id, 28]))
    table.set('m100', 40)
    expect(pruneSideTable(table, [...range(15, 20), item(100)], 5)).toBe(15)
    expect([...table.keys()]).toEqual(['m15', 'm16', 'm17', 'm18', 'm19', 'm100'])
  })

  it('keeps a side table bounded through a long storm into a bounded list', () => {
    let list: readonly { id: string }[] = []
    const table = new Map<string, number>()
    for (let n = 0; n < 20_000; n += 16) {
      list = appendBounded(list, range(n, n + 16), CHAT_LIMIT)
      for (const x of list.slice(-16)) table.set(x.id, 28)
      pruneSideTable(table, list, 100)
      expect(table.size).toBeLessThanOrEqual(CHAT_LIMIT + 100)
    }
    expect(table.has(list.at(-1)?.id ?? '')).toBe(true)
  })
})
