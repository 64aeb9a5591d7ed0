import type { StageSettings } from '../../../src-shared/contract/stage'
import type { RecordSplit } from '../../../src-shared/contract/stream'
import { parseNumber, type FieldError } from './profile-form'

/** Pure helpers behind "Split recording" and the free-space floor: typed text in, settings out. */

export type SplitBy = RecordSplit['by']
export const splitChoices: SplitBy[] = ['none', 'time', 'size']

export type RecordField = 'splitMinutes' | 'splitMb' | 'minFreeDiskMb'
export type RecordText = Record<RecordField, string>
export type RecordErrors = Partial<Record<RecordField, FieldError>>

// OBS's defaults for "Split Time" and "Split Size", shown until a person picks their own.
const defaultMinutes = 15
const defaultMb = 2048

export function recordTextOf(
  settings: Pick<StageSettings, 'record' | 'minFreeDiskMb'>,
): RecordText {
  const split = settings.record.split
  return {
    splitMinutes: String(split.by === 'time' ? split.minutes : defaultMinutes),
    splitMb: String(split.by === 'size' ? split.mb : defaultMb),
    minFreeDiskMb: String(settings.minFreeDiskMb),
  }
}

export type RecordLimits =
  { ok: true; split: RecordSplit; minFreeDiskMb: number } | { ok: false; errors: RecordErrors }

/** The split and the free-space floor to save, checked against the contract's ranges. */
export function readRecordLimits(by: SplitBy, text: RecordText): RecordLimits {
  const errors: RecordErrors = {}
  let split: RecordSplit = { by: 'none' }
  if (by === 'time') {
    const minutes = parseNumber(text.splitMinutes, { min: 1, max: 24 * 60, whole: true })
    if (minutes.ok) split = { by, minutes: minutes.value }
    else errors.splitMinutes = { key: 'stage.split.minutesInvalid' }
  } else if (by === 'size') {
    const mb = parseNumber(text.splitMb, { min: 10, max: 1024 * 1024, whole: true })
    if (mb.ok) split = { by, mb: mb.value }
    else errors.splitMb = { key: 'stage.split.mbInvalid' }
  }
  const floor = parseNumber(text.minFreeDiskMb, {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    whole: true,
  })
  if (!floor.ok) errors.minFreeDiskMb = { key: 'stage.minFreeDiskInvalid' }
  if (!floor.ok || Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, split, minFreeDiskMb: floor.value }
}
