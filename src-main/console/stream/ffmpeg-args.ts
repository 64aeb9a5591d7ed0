import {
  audioBitratesKbps,
  presetPictures,
  type OverlayPosition,
  type SingleSource,
  type ProfilePreset,
  type RecordFormat,
  type RecordSplit,
  type StreamErrorParams,
  type StreamOverlay,
  type StreamProfile,
  type StreamSource,
  type VideoEncoder,
} from '../../../src-shared/contract/stream'
import { splitPartPattern } from './recording-name'
import { streamError } from './stream-error'

/**
 * Pure: settings in, ffmpeg argument vectors out. Nothing here touches the disk, the network or
 * the clock, so every branch is a unit test (STYLE.md, "Wrapping external tools"). Checks that
 * need the outside world (does the device exist, is the folder writable) live in
 * stream-settings.ts and run before this.
 */

export type Platform = 'linux' | 'win32' | 'darwin'

/** A fully resolved profile: what the encoder gets. */
export interface EncoderProfile {
  width: number
  height: number
  fps: number
  videoBitrateKbps: number
  maxrateKbps: number
  bufsizeKbps: number
  keyframeIntervalSec: number
  encoder: VideoEncoder
  x264Preset: string
  x264Tune: string | undefined
  audioBitrateKbps: number
  audioSampleRate: number
}

export type ProfileInput = Partial<StreamProfile> & { preset: ProfilePreset }

function invalid(message: string, params: StreamErrorParams<'STREAM_INVALID_SETTINGS'>): never {
  throw streamError('STREAM_INVALID_SETTINGS', message, params)
}

const requiredNames = {
  width: 'a width',
  height: 'a height',
  fps: 'a frame rate',
  videoBitrate: 'a video bitrate',
} as const

function required(field: keyof typeof requiredNames): never {
  invalid(`A custom profile needs ${requiredNames[field]}`, { reason: 'customRequired', field })
}

/** Fills a preset or a custom profile with defaults and checks every number a person could get wrong. */
export function resolveProfile(input: ProfileInput): EncoderProfile {
  const base =
    input.preset === 'custom'
      ? {
          width: input.width ?? required('width'),
          height: input.height ?? required('height'),
          fps: input.fps ?? required('fps'),
          videoBitrateKbps: input.videoBitrateKbps ?? required('videoBitrate'),
        }
      : presetPictures[input.preset]
  if (!base)
    invalid(`Unknown profile "${String(input.preset)}"; use 720p30, 1080p30, 1080p60 or custom`, {
      reason: 'unknownProfile',
      preset: String(input.preset),
    })
  const width = input.preset === 'custom' ? base.width : (input.width ?? base.width)
  const height = input.preset === 'custom' ? base.height : (input.height ?? base.height)
  const fps = input.preset === 'custom' ? base.fps : (input.fps ?? base.fps)
  const videoBitrateKbps = input.videoBitrateKbps ?? base.videoBitrateKbps
  const profile: EncoderProfile = {
    width,
    height,
    fps,
    videoBitrateKbps,
    // CBR for live: maxrate = bitrate keeps the ingest's buffer happy; a 2 s VBV buffer is what
    // OBS and Tencent's push guides use.
    maxrateKbps: input.maxrateKbps ?? videoBitrateKbps,
    bufsizeKbps: input.bufsizeKbps ?? videoBitrateKbps * 2,
    keyframeIntervalSec: input.keyframeIntervalSec ?? 2,
    encoder: input.encoder ?? 'libx264',
    x264Preset: input.x264Preset ?? 'veryfast',
    // zerolatency turns off B-frames and lookahead: Tencent's WebRTC (LEB) playback does not
    // accept B-frames, and the encoder's delay drops from ~1.5 s to one frame.
    x264Tune: input.x264Tune ?? 'zerolatency',
    audioBitrateKbps: input.audioBitrateKbps ?? 128,
    audioSampleRate: input.audioSampleRate ?? 48000,
  }
  validateProfile(profile)
  return profile
}

function validateProfile(p: EncoderProfile): void {
  const whole = (n: number) => Number.isInteger(n)
  if (!whole(p.width) || !whole(p.height) || p.width < 16 || p.height < 16) {
    invalid(`Resolution ${p.width}×${p.height} is not usable; pick at least 16×16 pixels`, {
      reason: 'resolutionTooSmall',
      width: p.width,
      height: p.height,
      min: 16,
    })
  }
  if (p.width > 4096 || p.height > 2160) {
    invalid(`Resolution ${p.width}×${p.height} is above 4096×2160, which live ingests refuse`, {
      reason: 'resolutionTooLarge',
      width: p.width,
      height: p.height,
      maxWidth: 4096,
      maxHeight: 2160,
    })
  }
  // yuv420p halves chroma in both directions, so x264 needs even sides.
  if (p.width % 2 !== 0 || p.height % 2 !== 0) {
    invalid(`Resolution ${p.width}×${p.height} must have even width and height (H.264 4:2:0)`, {
      reason: 'resolutionOdd',
      width: p.width,
      height: p.height,
    })
  }
  if (!Number.isFinite(p.fps) || p.fps < 1 || p.fps > 60) {
    invalid(`Frame rate ${p.fps} is out of range; use 1–60 fps (Tencent CSS caps at 60)`, {
      reason: 'fpsRange',
      fps: p.fps,
      min: 1,
      max: 60,
    })
  }
  if (!whole(p.videoBitrateKbps) || p.videoBitrateKbps < 100 || p.videoBitrateKbps > 50_000) {
    invalid(`Video bitrate ${p.videoBitrateKbps} kbps is out of range; use 100–50000 kbps`, {
      reason: 'videoBitrateRange',
      kbps: p.videoBitrateKbps,
      min: 100,
      max: 50_000,
    })
  }
  if (p.maxrateKbps < p.videoBitrateKbps) {
    invalid(`Max rate ${p.maxrateKbps} kbps is below the bitrate ${p.videoBitrateKbps} kbps`, {
      reason: 'maxrateBelowBitrate',
      maxrateKbps: p.maxrateKbps,
      kbps: p.videoBitrateKbps,
    })
  }
  if (p.bufsizeKbps <= 0) invalid('Buffer size must be above 0 kbps', { reason: 'bufsizeZero' })
  if (
    !Number.isFinite(p.keyframeIntervalSec) ||
    p.keyframeIntervalSec < 0.5 ||
    p.keyframeIntervalSec > 10
  ) {
    invalid(
      `Keyframe interval ${p.keyframeIntervalSec} s is out of range; use 0.5–10 s (2 s is what CSS expects)`,
      { reason: 'keyframeRange', seconds: p.keyframeIntervalSec, min: 0.5, max: 10 },
    )
  }
  if (!(audioBitratesKbps as readonly number[]).includes(p.audioBitrateKbps)) {
    invalid(`Audio bitrate ${p.audioBitrateKbps} kbps is not offered; use 64–320 (128 is usual)`, {
      reason: 'audioBitrate',
      kbps: p.audioBitrateKbps,
      allowed: audioBitratesKbps.join(', '),
    })
  }
  if (p.audioSampleRate !== 44100 && p.audioSampleRate !== 48000) {
    invalid(`Audio sample rate ${p.audioSampleRate} Hz is not offered; use 44100 or 48000`, {
      reason: 'audioSampleRate',
      hz: p.audioSampleRate,
    })
  }
}

/** x/y are pixels or ffmpeg expressions (overlay: W, H, w, h; drawtext: w, h, tw, th). */
export type Overlay =
  | { kind: 'image'; path: string; x: number | string; y: number | string; opacity?: number }
  | {
      kind: 'text'
      text: string
      x: number | string
      y: number | string
      size?: number
      /** Expand %{…} (e.g. %{localtime:%T} for a clock); off for literal text. */
      expand?: boolean
      /** A wall clock: the test pattern then draws none of its own. */
      clock?: boolean
    }
  | {
      /**
       * Text that changes while the stream runs: drawtext re-reads `file` before every frame
       * (replace it atomically: write a temporary file, then rename). The danmaku overlay is
       * made of these (danmaku.ts); x/y may be expressions of the frame number `n`.
       */
      kind: 'textfile'
      file: string
      x: number | string
      y: number | string
      size: number
      /** 0–1 for the text; its box is half as opaque. */
      opacity: number
      box: boolean
      /**
       * false: drawn on the outgoing stream only, not on the recording (the danmaku when the
       * anchor records without it). The recording then gets its own encode (see buildStreamArgs).
       */
      inRecording?: boolean
    }

const margin = 20

/** A corner as the x/y expressions of the overlay (image) or drawtext (text) filter. */
export function overlayPlacement(
  position: OverlayPosition,
  kind: 'image' | 'text',
): { x: string; y: string } {
  const [vertical, horizontal] = position.split('-') as ['top' | 'bottom', 'left' | 'right']
  const [w, h] = kind === 'image' ? ['W-w', 'H-h'] : ['w-tw', 'h-th']
  return {
    x: horizontal === 'left' ? String(margin) : `${w}-${margin}`,
    y: vertical === 'top' ? String(margin) : `${h}-${margin}`,
  }
}

/** Settings' overlays (corners, a clock) in the builder's terms. */
export function toOverlays(overlays: readonly StreamOverlay[]): Overlay[] {
  return overlays.map((o) => {
    switch (o.kind) {
      case 'image':
        return {
          kind: 'image',
          path: o.path,
          opacity: o.opacity,
          ...overlayPlacement(o.position, 'image'),
        }
      case 'text':
        return { kind: 'text', text: o.text, size: o.size, ...overlayPlacement(o.position, 'text') }
      case 'clock':
        return {
          kind: 'text',
          text: '%{localtime:%T}',
          size: o.size,
          expand: true,
          clock: true,
          ...overlayPlacement(o.position, 'text'),
        }
    }
  })
}

export interface RecordOutput {
  /** The file; with `split`, the base name its parts are numbered from (show.mp4 → show-001.mp4). */
  path: string
  format: RecordFormat
  /** Cut a new part at the first keyframe after `seconds`, numbering from `startNumber`. */
  split?: { seconds: number; startNumber: number }
}

export interface StreamArgsInput {
  source: StreamSource
  profile: ProfileInput | EncoderProfile
  overlays?: Overlay[]
  /** Push straight from this process (tee slave with onfail=ignore). */
  push?: { url: string }
  /** Loopback relay the push process reads from (see stream-supervisor.ts for why). */
  relay?: { url: string }
  /** Loopback copy for the console's monitor (monitor-tap.ts); not an output on its own. */
  monitor?: { url: string }
  record?: RecordOutput
  /** Where this runs: picks the capture devices. */
  platform: Platform
  /** A TrueType font for the test pattern's clock and text overlays; null skips them. */
  fontFile: string | null
  /** The file source has an audio track (probe it first); default true. */
  fileHasAudio?: boolean
}

function isEncoderProfile(p: ProfileInput | EncoderProfile): p is EncoderProfile {
  return !('preset' in p) && typeof (p as EncoderProfile).maxrateKbps === 'number'
}

/**
 * Escapes a value for a filter option inside -filter_complex. Two parsers read it: the graph
 * parser (av_get_token with `[],;` as terminators) and then the filter's option parser (`:`
 * separates options); each drops one level of backslashes (ffmpeg-filters, "Notes on filtergraph
 * escaping").
 */
export function escapeFilterValue(value: string): string {
  const option = value.replace(/[\\':]/g, (c) => `\\${c}`)
  return option.replace(/[\\'[\],;]/g, (c) => `\\${c}`)
}

/** Escapes a tee slave name: `|` splits slaves, `[` starts options, `\` and `'` are av_get_token's. */
export function escapeTeeTarget(target: string): string {
  return target.replace(/[\\|'[\]]/g, (c) => `\\${c}`)
}

interface Inputs {
  args: string[]
  /** Index of the next input. */
  count: number
  video: string
  audio: string
  /** Picture in picture: the inset's video, drawn over `video` in a corner. */
  inset?: { video: string; corner: OverlayPosition; size: number }
}

/** The same inputs numbered from `by` (they follow another source's). */
function shiftInputs(inputs: Inputs, by: number): Inputs {
  const shift = (label: string) => label.replace(/^(\d+)/, (n) => String(Number(n) + by))
  return { ...inputs, video: shift(inputs.video), audio: shift(inputs.audio) }
}

function sourceInputs(input: StreamArgsInput, p: EncoderProfile): Inputs {
  const { source } = input
  if (source.kind !== 'pip') return singleInputs({ ...input, source }, p)
  const main = singleInputs({ ...input, source: source.main }, p)
  const inset = shiftInputs(singleInputs({ ...input, source: source.inset }, p), main.count)
  return {
    args: [...main.args, ...inset.args],
    count: main.count + inset.count,
    video: main.video,
    audio: main.audio,
    inset: { video: inset.video, corner: source.corner, size: source.size },
  }
}

function singleInputs(
  input: StreamArgsInput & { source: SingleSource },
  p: EncoderProfile,
): Inputs {
  const { source, platform } = input
  const fps = String(p.fps)
  const silence = [
    '-f',
    'lavfi',
    '-i',
    `anullsrc=channel_layout=stereo:sample_rate=${p.audioSampleRate}`,
  ]
  switch (source.kind) {
    case 'test-pattern':
      return {
        // -re on both: lavfi sources run as fast as the CPU allows otherwise.
        args: [
          '-re',
          '-f',
          'lavfi',
          '-i',
          `testsrc2=size=${p.width}x${p.height}:rate=${fps}`,
          '-re',
          '-f',
          'lavfi',
          '-i',
          `sine=frequency=440:sample_rate=${p.audioSampleRate}`,
        ],
        count: 2,
        video: '0:v',
        audio: '1:a',
      }
    case 'image':
      return {
        args: ['-re', '-loop', '1', '-framerate', fps, '-i', source.path, ...silence],
        count: 2,
        video: '0:v',
        audio: '1:a',
      }
    case 'file': {
      const hasAudio = input.fileHasAudio ?? true
      return {
        args: ['-stream_loop', '-1', '-re', '-i', source.path, ...(hasAudio ? [] : silence)],
        count: hasAudio ? 1 : 2,
        video: '0:v:0',
        audio: hasAudio ? '0:a:0' : '1:a',
      }
    }
    case 'screen':
      return screenInputs(platform, source, fps, silence)
    case 'camera':
      return cameraInputs(platform, source, fps, silence)
  }
}

function screenInputs(
  platform: Platform,
  source: Extract<StreamSource, { kind: 'screen' }>,
  fps: string,
  silence: string[],
): Inputs {
  const audio = (args: string[]): Inputs => ({ args, count: 2, video: '0:v', audio: '1:a' })
  switch (platform) {
    case 'linux': {
      const mic = source.withAudio ? ['-f', 'pulse', '-i', 'default'] : silence
      return audio([
        '-f',
        'x11grab',
        '-framerate',
        fps,
        '-draw_mouse',
        '1',
        '-i',
        source.display ?? ':0.0',
        ...mic,
      ])
    }
    case 'win32':
      // gdigrab has no audio; system audio on Windows needs a DirectShow loopback device.
      return audio([
        '-f',
        'gdigrab',
        '-framerate',
        fps,
        '-draw_mouse',
        '1',
        '-i',
        source.display ?? 'desktop',
        ...silence,
      ])
    case 'darwin':
      return audio([
        '-f',
        'avfoundation',
        '-framerate',
        fps,
        '-capture_cursor',
        '1',
        '-i',
        `${source.display ?? '1'}:none`,
        ...silence,
      ])
  }
}

function cameraInputs(
  platform: Platform,
  source: Extract<StreamSource, { kind: 'camera' }>,
  fps: string,
  silence: string[],
): Inputs {
  switch (platform) {
    case 'linux': {
      // "alsa:hw:1" picks ALSA; anything else is a PulseAudio source name.
      const mic = source.audio
        ? source.audio.startsWith('alsa:')
          ? ['-f', 'alsa', '-i', source.audio.slice(5)]
          : ['-f', 'pulse', '-i', source.audio]
        : silence
      return {
        args: ['-f', 'v4l2', '-framerate', fps, '-i', source.video, ...mic],
        count: 2,
        video: '0:v',
        audio: '1:a',
      }
    }
    case 'win32':
      // One DirectShow input carries both devices, which keeps them in sync.
      return deviceInput(
        ['-f', 'dshow', '-framerate', fps],
        `video=${source.video}${source.audio ? `:audio=${source.audio}` : ''}`,
        !!source.audio,
        silence,
      )
    case 'darwin':
      return deviceInput(
        ['-f', 'avfoundation', '-framerate', fps],
        `${source.video}:${source.audio ?? 'none'}`,
        !!source.audio,
        silence,
      )
  }
}

/** One input that carries video, and audio too when a microphone is named; silence otherwise. */
function deviceInput(format: string[], spec: string, hasAudio: boolean, silence: string[]): Inputs {
  return hasAudio
    ? { args: [...format, '-i', spec], count: 1, video: '0:v', audio: '0:a' }
    : { args: [...format, '-i', spec, ...silence], count: 2, video: '0:v', audio: '1:a' }
}

function videoFilter(
  input: StreamArgsInput,
  p: EncoderProfile,
  inputs: Inputs,
): {
  args: string[]
  graph: string
  /** The graph also has `[vrec]`: the recording's picture, without the stream-only layers. */
  clean: boolean
} {
  const extra: string[] = []
  let next = inputs.count
  // Letterbox any source into the profile's frame, then force the profile's rate so a 25 fps
  // camera or a 60 fps file still gives the ingest the frame rate it was promised.
  const chain = [
    `[${inputs.video}]scale=${p.width}:${p.height}:force_original_aspect_ratio=decrease`,
    `pad=${p.width}:${p.height}:(ow-iw)/2:(oh-ih)/2:color=black`,
    'setsar=1',
    `fps=${p.fps}`,
  ]
  const steps: string[] = [`${chain.join(',')}[base]`]
  let last = 'base'
  if (inputs.inset) {
    // The inset, scaled to its share of the width (even, for yuv420p), over a corner.
    const width = Math.max(2, Math.round((p.width * inputs.inset.size) / 2) * 2)
    const { x, y } = overlayPlacement(inputs.inset.corner, 'image')
    steps.push(`[${inputs.inset.video}]scale=${width}:-2,setsar=1[inset]`)
    steps.push(`[base][inset]overlay=${x}:${y}:eof_action=repeat[pip]`)
    last = 'pip'
  }
  let n = 0
  const text = (
    value: string,
    x: number | string,
    y: number | string,
    size: number,
    expand: boolean,
  ): string =>
    `drawtext=fontfile=${escapeFilterValue(input.fontFile ?? '')}` +
    `:text=${escapeFilterValue(value)}:expansion=${expand ? 'normal' : 'none'}` +
    `:fontsize=${size}:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=6:x=${x}:y=${y}`
  const streamOnly = (o: Overlay) => o.kind === 'textfile' && o.inRecording === false
  // With nothing but the recording to write, stream-only layers are simply not drawn.
  const streams = !!(input.push || input.relay || input.monitor)
  const overlays = (input.overlays ?? []).filter((o) => streams || !streamOnly(o))
  // A recording without the stream-only layers branches off before them: those go last, above
  // the clock (otherwise the order is the caller's).
  const clean = !!input.record && overlays.some(streamOnly)
  const ordered = clean
    ? [...overlays.filter((o) => !streamOnly(o)), ...overlays.filter(streamOnly)]
    : overlays
  const firstStreamOnly = clean ? ordered.findIndex(streamOnly) : -1
  const clockOverlay = overlays.some((o) => o.kind === 'text' && o.clock)
  const addClock = () => {
    if (
      input.source.kind === 'test-pattern' &&
      input.source.clock &&
      input.fontFile &&
      !clockOverlay
    ) {
      // A wall clock burned into the picture makes end-to-end latency readable off any player;
      // top right, clear of testsrc2's own media-time counter.
      const size = Math.max(16, Math.round(p.height / 16))
      steps.push(`[${last}]${text('%{localtime:%T}', 'w-tw-16', 16, size, true)}[clock]`)
      last = 'clock'
    }
  }
  for (const [index, overlay] of ordered.entries()) {
    if (index === firstStreamOnly) {
      addClock()
      steps.push(`[${last}]split[program][clean]`, `[clean]format=yuv420p[vrec]`)
      last = 'program'
    }
    const out = `ov${n++}`
    if (overlay.kind === 'image') {
      extra.push('-i', overlay.path)
      let image = `${next++}:v`
      if (overlay.opacity !== undefined && overlay.opacity < 1) {
        steps.push(`[${image}]format=rgba,colorchannelmixer=aa=${overlay.opacity}[${out}a]`)
        image = `${out}a`
      }
      steps.push(`[${last}][${image}]overlay=${overlay.x}:${overlay.y}[${out}]`)
    } else if (overlay.kind === 'textfile') {
      if (!input.fontFile) continue
      const alpha = Math.round(Math.min(1, Math.max(0, overlay.opacity)) * 100) / 100
      steps.push(
        `[${last}]drawtext=fontfile=${escapeFilterValue(input.fontFile)}` +
          `:textfile=${escapeFilterValue(overlay.file)}:reload=1:expansion=none` +
          `:fontsize=${overlay.size}:fontcolor=white@${alpha}:borderw=2:bordercolor=black@${alpha}` +
          (overlay.box ? `:box=1:boxcolor=black@${alpha / 2}:boxborderw=8` : '') +
          `:x=${escapeFilterValue(String(overlay.x))}:y=${escapeFilterValue(String(overlay.y))}[${out}]`,
      )
    } else {
      if (!input.fontFile) continue
      const { x, y, size = 32, expand = false } = overlay
      steps.push(`[${last}]${text(overlay.text, x, y, size, expand)}[${out}]`)
    }
    last = out
  }
  if (!clean) addClock()
  steps.push(`[${last}]format=yuv420p[vout]`)
  return { args: extra, graph: steps.join(';'), clean }
}

/**
 * The encoder's own options for a low-latency CBR live stream. Hardware encoders get their
 * vendors' low-latency modes; QSV wants NV12 frames (ffmpeg converts), the rest take yuv420p.
 */
function videoCodecArgs(p: EncoderProfile): string[] {
  switch (p.encoder) {
    case 'libx264':
      return [
        '-c:v',
        'libx264',
        '-preset',
        p.x264Preset,
        ...(p.x264Tune ? ['-tune', p.x264Tune] : []),
      ]
    case 'h264_nvenc':
      // p4 is NVENC's balanced preset; ll = low latency; no B-frames (as x264's zerolatency).
      return ['-c:v', 'h264_nvenc', '-preset', 'p4', '-tune', 'll', '-rc', 'cbr', '-bf', '0']
    case 'h264_qsv':
      return ['-c:v', 'h264_qsv', '-preset', 'veryfast', '-look_ahead', '0', '-bf', '0']
    case 'h264_amf':
      return ['-c:v', 'h264_amf', '-usage', 'lowlatency', '-rc', 'cbr', '-bf', '0']
    case 'h264_videotoolbox':
      return ['-c:v', 'h264_videotoolbox', '-realtime', '1', '-bf', '0']
  }
}

function encoderArgs(p: EncoderProfile): string[] {
  const gop = Math.max(1, Math.round(p.fps * p.keyframeIntervalSec))
  return [
    ...videoCodecArgs(p),
    '-b:v',
    `${p.videoBitrateKbps}k`,
    '-maxrate',
    `${p.maxrateKbps}k`,
    '-bufsize',
    `${p.bufsizeKbps}k`,
    // Fixed GOP: ingests and HLS segmenters cut on keyframes, and the fragmented recording closes a
    // fragment at each one, which bounds what a crash can lose.
    '-g',
    String(gop),
    '-keyint_min',
    String(gop),
    '-sc_threshold',
    '0',
    '-force_key_frames',
    `expr:gte(t,n_forced*${p.keyframeIntervalSec})`,
    '-pix_fmt',
    p.encoder === 'h264_qsv' ? 'nv12' : 'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    `${p.audioBitrateKbps}k`,
    '-ar',
    String(p.audioSampleRate),
    '-ac',
    '2',
    // The tee muxer cannot tell the encoder that its slaves (MP4, FLV) want global headers.
    '-flags',
    '+global_header',
  ]
}

export const recordFormatExtension: Record<RecordFormat, string> = {
  fmp4: '.mp4',
  mkv: '.mkv',
  flv: '.flv',
}

/** The muxer and its options for each recording format (flush_packets: see recordSlave). */
const recordMuxers: Record<RecordFormat, { format: string; options: string[] }> = {
  // Fragmented MP4: a fragment is closed at every keyframe, so a crash or kill -9 loses at most
  // one GOP; the moov is written first (empty_moov), not at the end like plain MP4.
  fmp4: { format: 'mp4', options: ['movflags=+frag_keyframe+empty_moov+default_base_moof'] },
  mkv: { format: 'matroska', options: [] },
  flv: { format: 'flv', options: [] },
}

function recordSlave(record: RecordOutput): string {
  const { format, options } = recordMuxers[record.format]
  // flush_packets=1: without it the slave's output buffer held back ~256 KB (measured: the file
  // grew in 256 KiB steps), which a kill -9 lost on top of the open fragment.
  const muxerOptions = [...options, 'flush_packets=1']
  if (!record.split) {
    return `[${['f=' + format, ...muxerOptions].join(':')}]${escapeTeeTarget(record.path)}`
  }
  // Splitting: the segment muxer opens each part with the same muxer and options, cuts at the
  // first keyframe after segment_time, and starts every part's timestamps at zero. Its
  // segment_format_options value is itself a `:`-separated list, read by two av_get_token
  // passes (tee's slave split, then the slave's options), hence `\\:`.
  const segment = [
    'f=segment',
    `segment_time=${record.split.seconds}`,
    `segment_start_number=${record.split.startNumber}`,
    'reset_timestamps=1',
    `segment_format=${format}`,
    `segment_format_options=${muxerOptions.join('\\\\:')}`,
  ]
  return `[${segment.join(':')}]${escapeTeeTarget(splitPartPattern(record.path))}`
}

/**
 * Seconds per part for a split setting, or null for none. A size limit becomes a duration at the
 * profile's constant bitrate (ffmpeg's segment muxer cuts on time only): the budget is the video
 * max rate plus audio, 3% for the container, and one keyframe interval held back because the
 * cut waits for the next keyframe — so parts stay under the size.
 */
export function splitSeconds(split: RecordSplit, p: EncoderProfile): number | null {
  switch (split.by) {
    case 'none':
      return null
    case 'time':
      return split.minutes * 60
    case 'size': {
      const bitsPerSecond = (p.maxrateKbps + p.audioBitrateKbps) * 1000
      const seconds = ((split.mb * 1024 * 1024 * 8) / bitsPerSecond) * 0.97
      return Math.max(p.keyframeIntervalSec, Math.floor(seconds - p.keyframeIntervalSec))
    }
  }
}

/**
 * What the supervisor reads: warnings and errors (with their level, for classifying) on stderr,
 * and a machine-readable progress block on stdout instead of the stats line.
 */
const supervisedArgs = [
  '-hide_banner',
  '-loglevel',
  'level+warning',
  '-nostats',
  '-progress',
  'pipe:1',
]

/**
 * The encoder process: capture/decode once, encode once, write every output through `tee`.
 * The recording slave has the default onfail=abort (a recording that silently stops is worse
 * than a visible failure); push and relay slaves have onfail=ignore so a network problem never
 * stops the recording.
 */
export function buildStreamArgs(input: StreamArgsInput): string[] {
  const p = isEncoderProfile(input.profile) ? input.profile : resolveProfile(input.profile)
  const inputs = sourceInputs(input, p)
  const filter = videoFilter(input, p, inputs)
  const slaves: string[] = []
  if (input.record && !filter.clean) slaves.push(recordSlave(input.record))
  if (input.push) slaves.push(`[f=flv:onfail=ignore]${escapeTeeTarget(input.push.url)}`)
  if (input.relay) {
    // dump_extra repeats SPS/PPS before every keyframe: with global headers they are otherwise
    // sent once, and a relay that (re)joins mid-stream could never start decoding.
    slaves.push(`[f=mpegts:onfail=ignore:bsfs/v=dump_extra]${escapeTeeTarget(input.relay.url)}`)
  }
  if (slaves.length === 0 && !filter.clean)
    invalid('Nothing to do: set a push target, a recording, or both', { reason: 'nothingToDo' })
  if (input.monitor) {
    // The relay's format and reasons (UDP never blocks the encoder; SPS/PPS at every keyframe).
    slaves.push(`[f=mpegts:onfail=ignore:bsfs/v=dump_extra]${escapeTeeTarget(input.monitor.url)}`)
  }
  const output = (video: string, teeSlaves: string[]) => [
    '-map',
    video,
    '-map',
    inputs.audio,
    ...encoderArgs(p),
    '-f',
    'tee',
    teeSlaves.join('|'),
  ]
  return [
    ...supervisedArgs,
    '-y',
    ...inputs.args,
    ...filter.args,
    '-filter_complex',
    filter.graph,
    ...(slaves.length ? output('[vout]', slaves) : []),
    // A recording without the stream-only layers is a second encode of its own picture, written
    // by a tee of one slave so it keeps the recording's muxer options and onfail=abort.
    ...(filter.clean && input.record ? output('[vrec]', [recordSlave(input.record)]) : []),
  ]
}

export interface RelayArgsInput {
  /** The loopback the encoder writes to. */
  from: string
  /** The RTMP push URL (possibly with the host replaced by its address, see tcUrl). */
  to: string
  /** RTMP tcUrl to announce when `to` has its host replaced by an IP address. */
  tcUrl?: string
  /** The encoder's GOP length, which bounds how long the relay probes its input. */
  keyframeIntervalSec?: number
  /** Started with the encoder, so its first packet is a keyframe: probing can be short. */
  fromStart?: boolean
}

/** The push process: stream copy from the loopback relay to the RTMP target. */
export function buildRelayArgs(input: RelayArgsInput): string[] {
  return [
    ...supervisedArgs,
    // When the encoder restarts on purpose (a recording started or stopped, another scene), the
    // relay stays connected: the new encoder's MPEG-TS starts its clock again, and a jump of
    // more than a second is taken as a discontinuity and joined on (ffmpeg's default, 10 s, let
    // shorter jumps through as timestamps going backwards, which stalls the ingest's players).
    '-dts_delta_threshold',
    '1',
    // A relay that joins mid-GOP can only start at the next keyframe (SPS/PPS ride along via
    // dump_extra), so its probing must outlast one GOP; ffmpeg's default (5 s) would delay every
    // reconnect needlessly, and 1 s missed keyframes. Probing runs to the limit in practice
    // (bench: ~3 s), so a relay started with the encoder, which sees the first keyframe, probes
    // for half a second only.
    '-analyzeduration',
    String(
      input.fromStart ? 500_000 : Math.round(((input.keyframeIntervalSec ?? 2) + 1) * 1_000_000),
    ),
    '-i',
    input.from,
    '-map',
    '0:v',
    '-map',
    '0:a',
    '-c',
    'copy',
    // ADTS → raw AAC for FLV; ffmpeg 5 inserts this on its own, the 2018 static build does not.
    '-bsf:a',
    'aac_adtstoasc',
    ...(input.tcUrl ? ['-rtmp_tcurl', input.tcUrl] : []),
    '-f',
    'flv',
    input.to,
  ]
}

/** The loopback URL both processes use: UDP, so the encoder never blocks on the push side. */
export function relayUrls(port: number, inputTimeoutSec = 5): { send: string; receive: string } {
  return {
    // Loopback has a 64 KiB MTU: up to 348 TS packets per datagram. The muxer still sends at
    // least once per frame, so latency is unchanged, and both processes make a fraction of the
    // send/receive calls of the classic 7-packet (1316-byte) datagram (measured: the relay's CPU
    // −10–15%).
    send: `udp://127.0.0.1:${port}?pkt_size=${188 * 348}`,
    // fifo_size is in 188-byte packets (~9 MB: seconds of video at any profile we offer) so a
    // slow RTMP write backs up into the relay's buffer, not into lost datagrams.
    receive:
      `udp://127.0.0.1:${port}?fifo_size=50000&overrun_nonfatal=1` +
      `&timeout=${Math.round(inputTimeoutSec * 1_000_000)}`,
  }
}
