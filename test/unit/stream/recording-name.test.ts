import { describe, expect, it } from 'vitest'
import {
  recordingName,
  restartPartPath,
  splitPartNumber,
  splitPartPath,
  splitPartPattern,
} from '../../../src-main/console/stream/recording-name'

describe('recordingName', () => {
  const at = new Date(2026, 10, 25, 9, 5, 7)

  it('fills in the date, time and room', () => {
    expect(recordingName('show-{room}-{date}-{time}', at, 'main', '.mp4')).toBe(
      'show-main-2026-11-25-09-05-07.mp4',
    )
  })

  it('keeps names inside the folder and valid on every OS', () => {
    expect(recordingName('x/../{room}/a:b*c?\n\t', at, 'main', '.mkv')).toBe(
      'x_.._main_a_b_c___.mkv',
    )
    expect(recordingName('../{room}', at, 'main', '.mkv')).toBe(
      'livedesk-main-2026-11-25-09-05-07.mkv',
    )
  })

  it('falls back to the default pattern for an empty or hidden name', () => {
    expect(recordingName('   ', at, 'main', '.mp4')).toBe('livedesk-main-2026-11-25-09-05-07.mp4')
    expect(recordingName('.hidden', at, 'main', '.mp4')).toBe(
      'livedesk-main-2026-11-25-09-05-07.mp4',
    )
  })
})

describe('split parts', () => {
  it('numbers parts beside the base name and recognises only its own', () => {
    expect(splitPartPath('/rec/show.mp4', 1)).toBe('/rec/show-001.mp4')
    expect(splitPartPath('/rec/show.mp4', 1234)).toBe('/rec/show-1234.mp4')
    expect(splitPartPattern('/rec/50%.v1/show.mp4')).toBe('/rec/50%%.v1/show-%03d.mp4')
    expect(splitPartPath('C:\\rec.d\\show', 2)).toBe('C:\\rec.d\\show-002')
    expect(splitPartNumber('/rec/show.mp4', '/rec/show-007.mp4')).toBe(7)
    expect(splitPartNumber('/rec/show.mp4', '/rec/show-007.recovering.mp4')).toBeNull()
    expect(splitPartNumber('/rec/show.mp4', '/rec/show-7.mp4')).toBeNull()
    expect(splitPartNumber('/rec/show.mp4', '/rec/show-001.mkv')).toBeNull()
    expect(splitPartNumber('/rec/show.mp4', '/rec/other-001.mp4')).toBeNull()
  })

  it('names the files after encoder restarts of an unsplit recording', () => {
    expect(restartPartPath('/rec/show.mp4', 1)).toBe('/rec/show.mp4')
    expect(restartPartPath('/rec/show.mp4', 3)).toBe('/rec/show-part3.mp4')
  })
})
