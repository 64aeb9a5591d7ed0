import { describe, expect, it } from 'vitest'
import type { StageSettings } from '../../../src-shared/contract/stage'
import { RecordSplit } from '../../../src-shared/contract/stream'
import { readRecordLimits, recordTextOf } from '../../../src-renderer/console/stage/record-form'

const text = { splitMinutes: '15', splitMb: '2048', minFreeDiskMb: '500' }
const saved = (split: RecordSplit, minFreeDiskMb: number) => {
  const record: StageSettings['record'] = {
    whileLive: true,
    dir: '/recordings',
    format: 'fmp4',
    fileName: 'live',
    split,
  }
  return { record, minFreeDiskMb }
}

describe('recordTextOf', () => {
  it('shows the saved split, and usual values for the other kind', () => {
    expect(recordTextOf(saved({ by: 'time', minutes: 5 }, 1000))).toEqual({
      splitMinutes: '5',
      splitMb: '2048',
      minFreeDiskMb: '1000',
    })
    expect(recordTextOf(saved({ by: 'size', mb: 700 }, 0))).toEqual({
      splitMinutes: '15',
      splitMb: '700',
      minFreeDiskMb: '0',
    })
  })
})

describe('readRecordLimits', () => {
  it('reads the split that is chosen and ignores the other field', () => {
    expect(readRecordLimits('none', { ...text, splitMinutes: 'x' })).toEqual({
      ok: true,
      split: { by: 'none' },
      minFreeDiskMb: 500,
    })
    expect(readRecordLimits('time', { ...text, splitMinutes: '5', splitMb: '' })).toEqual({
      ok: true,
      split: { by: 'time', minutes: 5 },
      minFreeDiskMb: 500,
    })
    expect(readRecordLimits('size', { ...text, minFreeDiskMb: '0' })).toEqual({
      ok: true,
      split: { by: 'size', mb: 2048 },
      minFreeDiskMb: 0,
    })
  })

  it("refuses what the contract's ranges refuse", () => {
    for (const [by, field, value] of [
      ['time', 'splitMinutes', '0'],
      ['time', 'splitMinutes', '1441'],
      ['time', 'splitMinutes', '2.5'],
      ['size', 'splitMb', '9'],
      ['size', 'splitMb', String(1024 * 1024 + 1)],
    ] as const) {
      const result = readRecordLimits(by, { ...text, [field]: value })
      expect(result.ok).toBe(false)
      expect(!result.ok && Object.keys(result.errors)).toEqual([field])
      const split = by === 'time' ? { by, minutes: Number(value) } : { by, mb: Number(value) }
      expect(RecordSplit.safeParse(split).success).toBe(false)
    }
  })

  it('wants a whole number of MB, 0 or more, for the free-space floor', () => {
    for (const value of ['', '-1', '1.5', 'lots']) {
      expect(readRecordLimits('none', { ...text, minFreeDiskMb: value })).toEqual({
        ok: false,
        errors: { minFreeDiskMb: { key: 'stage.minFreeDiskInvalid' } },
      })
    }
  })
})
