import { describe, expect, it } from 'vitest'
import { StreamProfile } from '../../../src-shared/contract/stream'
import {
  choosePreset,
  parseNumber,
  profileTextOf,
  readProfile,
} from '../../../src-renderer/console/stage/profile-form'

const preset = (name: '720p30' | '1080p30' | '1080p60') => StreamProfile.parse({ preset: name })

describe('parseNumber', () => {
  const width = { min: 16, max: 4096, whole: true, even: true }

  it('reads plain decimal digits, trimmed', () => {
    expect(parseNumber(' 640 ', width)).toEqual({ ok: true, value: 640 })
    expect(parseNumber('29.97', { min: 1, max: 60 })).toEqual({ ok: true, value: 29.97 })
    expect(parseNumber('.5', { min: 0.5, max: 10 })).toEqual({ ok: true, value: 0.5 })
  })

  it('says what is wrong: empty, not a number, not whole, odd, out of range', () => {
    expect(parseNumber('  ', width)).toEqual({
      ok: false,
      error: { key: 'stage.profile.error.required' },
    })
    for (const text of ['abc', '64O', '-640', '1e3', '0x280', '6 40', '٦٤٠']) {
      expect(parseNumber(text, width)).toEqual({
        ok: false,
        error: { key: 'stage.profile.error.notNumber' },
      })
    }
    expect(parseNumber('640.5', width)).toEqual({
      ok: false,
      error: { key: 'stage.profile.error.notWhole' },
    })
    expect(parseNumber('641', width)).toEqual({
      ok: false,
      error: { key: 'stage.profile.error.odd' },
    })
    expect(parseNumber('8', width)).toEqual({
      ok: false,
      error: { key: 'stage.profile.error.range', params: { min: 16, max: 4096 } },
    })
  })
})

describe('choosePreset', () => {
  it.each([
    ['720p30', { width: '1280', height: '720', fps: '30', videoBitrateKbps: '2500' }],
    ['1080p30', { width: '1920', height: '1080', fps: '30', videoBitrateKbps: '4500' }],
    ['1080p60', { width: '1920', height: '1080', fps: '60', videoBitrateKbps: '6000' }],
  ] as const)('Custom starts from %s', (name, picture) => {
    const from = preset(name)
    const next = choosePreset(from, profileTextOf(from), 'custom')
    expect(next.profile.preset).toBe('custom')
    expect(next.text).toEqual({ ...picture, keyframeIntervalSec: '2' })
  })

  it('keeps a keyframe interval typed but not yet saved', () => {
    const from = preset('720p30')
    const next = choosePreset(from, { ...profileTextOf(from), keyframeIntervalSec: '4' }, 'custom')
    expect(next.text.keyframeIntervalSec).toBe('4')
  })

  it("back to a preset drops the custom numbers, so main encodes the preset's own", () => {
    const custom = StreamProfile.parse({
      preset: 'custom',
      width: 640,
      height: 360,
      fps: 15,
      videoBitrateKbps: 800,
      audioBitrateKbps: 96,
    })
    const next = choosePreset(custom, profileTextOf(custom), '1080p30')
    expect(next.profile).toMatchObject({ preset: '1080p30', audioBitrateKbps: 96 })
    expect(next.profile.width).toBeUndefined()
    expect(next.profile.videoBitrateKbps).toBeUndefined()
    expect(next.text.width).toBe('1920')
    const read = readProfile(next.profile, next.text)
    expect(read.ok && JSON.parse(JSON.stringify(read.profile))).not.toHaveProperty('width')
  })
})

describe('readProfile', () => {
  const custom = StreamProfile.parse({ preset: 'custom' })
  const text = {
    width: '640',
    height: '360',
    fps: '15',
    videoBitrateKbps: '800',
    keyframeIntervalSec: '2',
  }

  it('turns the fields of a custom profile into numbers', () => {
    expect(readProfile(custom, text)).toEqual({
      ok: true,
      profile: {
        ...custom,
        width: 640,
        height: 360,
        fps: 15,
        videoBitrateKbps: 800,
        keyframeIntervalSec: 2,
      },
    })
  })

  it('reports every wrong field at once, and nothing to save', () => {
    const result = readProfile(custom, {
      width: '641',
      height: '',
      fps: '61',
      videoBitrateKbps: '50',
      keyframeIntervalSec: 'x',
    })
    expect(result).toEqual({
      ok: false,
      errors: {
        width: { key: 'stage.profile.error.odd' },
        height: { key: 'stage.profile.error.required' },
        fps: { key: 'stage.profile.error.range', params: { min: 1, max: 60 } },
        videoBitrateKbps: { key: 'stage.profile.error.range', params: { min: 100, max: 50_000 } },
        keyframeIntervalSec: { key: 'stage.profile.error.notNumber' },
      },
    })
  })

  it('for a preset checks only the keyframe interval; the picture fields are not shown', () => {
    const p = preset('720p30')
    expect(readProfile(p, { ...text, width: 'ignored', keyframeIntervalSec: '4' })).toEqual({
      ok: true,
      profile: { ...p, keyframeIntervalSec: 4 },
    })
    expect(readProfile(p, { ...text, keyframeIntervalSec: '11' })).toMatchObject({
      ok: false,
      errors: { keyframeIntervalSec: { key: 'stage.profile.error.range' } },
    })
  })

  it('drops a saved max rate that a new bitrate would exceed, keeps one above it', () => {
    const saved = { ...custom, maxrateKbps: 1000, bufsizeKbps: 2000 }
    expect(readProfile(saved, { ...text, videoBitrateKbps: '3000' })).toMatchObject({
      ok: true,
      profile: { videoBitrateKbps: 3000, maxrateKbps: undefined, bufsizeKbps: undefined },
    })
    expect(readProfile(saved, text)).toMatchObject({
      ok: true,
      profile: { videoBitrateKbps: 800, maxrateKbps: 1000, bufsizeKbps: 2000 },
    })
    // A preset's own bitrate counts too (1080p30: 4500 kbps).
    expect(
      readProfile(
        { ...preset('1080p30'), maxrateKbps: 3000 },
        { ...text, keyframeIntervalSec: '2' },
      ),
    ).toMatchObject({ ok: true, profile: { maxrateKbps: undefined } })
  })

  it('gives main a profile its own schema accepts', () => {
    const read = readProfile(custom, text)
    expect(read.ok && StreamProfile.safeParse(read.profile).success).toBe(true)
  })
})
