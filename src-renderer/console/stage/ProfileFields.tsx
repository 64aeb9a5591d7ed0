import { useState } from 'react'
import type {
  ProfilePreset,
  StreamProfile,
  VideoEncoder,
} from '../../../src-shared/contract/stream'
import { t } from '../../shared/i18n'
import { NumberField } from './NumberField'
import {
  audioBitrates,
  audioSampleRates,
  choosePreset,
  profilePresets,
  x264Presets,
  type ProfileErrors,
  type ProfileField,
  type ProfileText,
} from './profile-form'

export interface ProfileFieldsProps {
  profile: StreamProfile
  text: ProfileText
  errors: ProfileErrors
  /** The H.264 encoders this ffmpeg offers. */
  encoders: VideoEncoder[]
  onChange(profile: StreamProfile, text: ProfileText): void
  onText(field: ProfileField, value: string): void
}

/**
 * Profile and encoder. A preset keeps its size, rate and bitrate and tucks the settings that apply
 * to every profile under "Advanced"; Custom shows them all.
 */
export function ProfileFields(props: ProfileFieldsProps) {
  const { profile, text, errors, encoders, onChange, onText } = props
  const [advancedOpen, setAdvancedOpen] = useState(false)
  const custom = profile.preset === 'custom'

  const common = <CommonFields {...props} />
  return (
    <>
      <label>
        {t('stage.profile')}
        <select
          value={profile.preset}
          onChange={(e) => {
            const next = choosePreset(profile, text, e.target.value as ProfilePreset)
            onChange(next.profile, next.text)
          }}
        >
          {profilePresets.map((p) => (
            <option key={p} value={p}>
              {p === 'custom' ? t('stage.profile.custom') : p}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('stage.encoder')}
        <select
          value={profile.encoder}
          onChange={(e) => onChange({ ...profile, encoder: e.target.value as VideoEncoder }, text)}
        >
          {encoders.map((name) => (
            <option key={name} value={name}>
              {t(`stage.encoder.${name}`)}
            </option>
          ))}
        </select>
      </label>
      {custom ? (
        <fieldset className="profile-fields">
          <legend>{t('stage.profile.customTitle')}</legend>
          <NumberField
            label={t('stage.profile.width')}
            value={text.width}
            error={errors.width}
            onChange={(v) => onText('width', v)}
          />
          <NumberField
            label={t('stage.profile.height')}
            value={text.height}
            error={errors.height}
            onChange={(v) => onText('height', v)}
          />
          <NumberField
            label={t('stage.profile.fps')}
            value={text.fps}
            error={errors.fps}
            decimal
            onChange={(v) => onText('fps', v)}
          />
          <NumberField
            label={t('stage.profile.videoBitrate')}
            value={text.videoBitrateKbps}
            error={errors.videoBitrateKbps}
            onChange={(v) => onText('videoBitrateKbps', v)}
          />
          {common}
        </fieldset>
      ) : (
        <details
          className="profile-fields"
          // A mistake in a hidden field must not stay hidden.
          open={advancedOpen || errors.keyframeIntervalSec !== undefined}
          onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}
        >
          <summary>{t('stage.profile.advanced')}</summary>
          {common}
        </details>
      )}
    </>
  )
}

/** Keyframe interval, x264 preset and audio: they apply to presets and Custom alike. */
function CommonFields({ profile, text, errors, onChange, onText }: ProfileFieldsProps) {
  return (
    <>
      <NumberField
        label={t('stage.profile.keyframeInterval')}
        value={text.keyframeIntervalSec}
        error={errors.keyframeIntervalSec}
        decimal
        onChange={(v) => onText('keyframeIntervalSec', v)}
      />
      {profile.encoder === 'libx264' && (
        <label>
          {t('stage.profile.x264Preset')}
          <select
            value={profile.x264Preset}
            onChange={(e) =>
              onChange(
                { ...profile, x264Preset: e.target.value as StreamProfile['x264Preset'] },
                text,
              )
            }
          >
            {x264Presets.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('stage.profile.audioBitrate')}
        <select
          value={profile.audioBitrateKbps}
          onChange={(e) => onChange({ ...profile, audioBitrateKbps: Number(e.target.value) }, text)}
        >
          {audioBitrates.map((kbps) => (
            <option key={kbps} value={kbps}>
              {kbps}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('stage.profile.audioSampleRate')}
        <select
          value={profile.audioSampleRate}
          onChange={(e) =>
            onChange(
              {
                ...profile,
                audioSampleRate: Number(e.target.value) as StreamProfile['audioSampleRate'],
              },
              text,
            )
          }
        >
          {audioSampleRates.map((hz) => (
            <option key={hz} value={hz}>
              {t('stage.profile.sampleRateOption', { khz: hz / 1000 })}
            </option>
          ))}
        </select>
      </label>
    </>
  )
}
