import {
  audioBitratesKbps,
  presetPictures,
  ProfilePreset,
  X264Preset,
  type StreamProfile,
} from '../../../src-shared/contract/stream'
import type { MessageKey, Params } from '../../shared/i18n'

/**
 * Pure helpers behind the profile fields: the text a person types, the profile it becomes, and
 * the obvious mistakes caught before saving. Main checks again when the settings are saved
 * (ffmpeg-args.ts `resolveProfile`, error 1102); these put the message beside the field.
 */

export const profilePresets = ProfilePreset.options
export const x264Presets = X264Preset.options
/** The audio bitrates main accepts. */
export const audioBitrates = audioBitratesKbps
export const audioSampleRates: Array<StreamProfile['audioSampleRate']> = [44100, 48000]

export type ProfileField = 'width' | 'height' | 'fps' | 'videoBitrateKbps' | 'keyframeIntervalSec'
/** The number fields as typed: a person may leave one empty or type letters into it. */
export type ProfileText = Record<ProfileField, string>

export interface FieldError {
  key: MessageKey
  params?: Params
}
export type ProfileErrors = Partial<Record<ProfileField, FieldError>>

export interface NumberRule {
  min: number
  max: number
  whole?: boolean
  even?: boolean
}
export type ParsedNumber = { ok: true; value: number } | { ok: false; error: FieldError }

/** Plain decimal digits only: no sign, exponent, hex or spaces inside ("1e3" is not a width). */
const decimal = /^(\d+(\.\d*)?|\.\d+)$/

export function parseNumber(input: string, rule: NumberRule): ParsedNumber {
  const text = input.trim()
  if (text === '') return { ok: false, error: { key: 'stage.profile.error.required' } }
  if (!decimal.test(text)) return { ok: false, error: { key: 'stage.profile.error.notNumber' } }
  const value = Number(text)
  if (rule.whole && !Number.isInteger(value)) {
    return { ok: false, error: { key: 'stage.profile.error.notWhole' } }
  }
  if (value < rule.min || value > rule.max) {
    return {
      ok: false,
      error: { key: 'stage.profile.error.range', params: { min: rule.min, max: rule.max } },
    }
  }
  // yuv420p halves chroma both ways, so H.264 needs even sides (main refuses odd ones too).
  if (rule.even && value % 2 !== 0) {
    return { ok: false, error: { key: 'stage.profile.error.odd' } }
  }
  return { ok: true, value }
}

const rules: Record<ProfileField, NumberRule> = {
  width: { min: 16, max: 4096, whole: true, even: true },
  height: { min: 16, max: 2160, whole: true, even: true },
  fps: { min: 1, max: 60 },
  videoBitrateKbps: { min: 100, max: 50_000, whole: true },
  keyframeIntervalSec: { min: 0.5, max: 10 },
}

/** The fields' text for a profile: a preset shows its own numbers unless the profile overrides them. */
export function profileTextOf(profile: StreamProfile): ProfileText {
  const base = profile.preset === 'custom' ? undefined : presetPictures[profile.preset]
  const show = (n: number | undefined) => (n === undefined ? '' : String(n))
  return {
    width: show(profile.width ?? base?.width),
    height: show(profile.height ?? base?.height),
    fps: show(profile.fps ?? base?.fps),
    videoBitrateKbps: show(profile.videoBitrateKbps ?? base?.videoBitrateKbps),
    keyframeIntervalSec: show(profile.keyframeIntervalSec),
  }
}

/**
 * Another choice in the Profile select. Custom starts from the numbers of the preset that was
 * chosen; a preset drops custom numbers, which main would otherwise apply over the preset's own.
 * The keyframe interval and audio settings apply to both and are kept.
 */
export function choosePreset(
  profile: StreamProfile,
  text: ProfileText,
  preset: ProfilePreset,
): { profile: StreamProfile; text: ProfileText } {
  if (preset === 'custom') {
    const from = profile.preset === 'custom' ? text : profileTextOf(profile)
    return {
      profile: { ...profile, preset },
      text: { ...from, keyframeIntervalSec: text.keyframeIntervalSec },
    }
  }
  const next: StreamProfile = {
    ...profile,
    preset,
    width: undefined,
    height: undefined,
    fps: undefined,
    videoBitrateKbps: undefined,
  }
  return {
    profile: next,
    text: { ...profileTextOf(next), keyframeIntervalSec: text.keyframeIntervalSec },
  }
}

export type ProfileResult =
  { ok: true; profile: StreamProfile } | { ok: false; errors: ProfileErrors }

/** The profile to save from the typed fields, or what is wrong with them, field by field. */
export function readProfile(profile: StreamProfile, text: ProfileText): ProfileResult {
  const errors: ProfileErrors = {}
  const read = (field: ProfileField): number | undefined => {
    const parsed = parseNumber(text[field], rules[field])
    if (parsed.ok) return parsed.value
    errors[field] = parsed.error
    return undefined
  }
  const keyframeIntervalSec = read('keyframeIntervalSec')
  let next: StreamProfile = { ...profile, keyframeIntervalSec: keyframeIntervalSec ?? 0 }
  if (profile.preset === 'custom') {
    next = {
      ...next,
      width: read('width'),
      height: read('height'),
      fps: read('fps'),
      videoBitrateKbps: read('videoBitrateKbps'),
    }
  }
  // A saved max rate below a newly typed bitrate would be refused at Go live: with the bitrate
  // changed, max rate and buffer go back to their defaults (max rate = bitrate, CBR).
  const bitrate =
    next.videoBitrateKbps ??
    (next.preset === 'custom' ? undefined : presetPictures[next.preset].videoBitrateKbps)
  if (bitrate !== undefined && next.maxrateKbps !== undefined && next.maxrateKbps < bitrate) {
    next = { ...next, maxrateKbps: undefined, bufsizeKbps: undefined }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, profile: next }
}
