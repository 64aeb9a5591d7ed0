import { z } from 'zod'
import { ContractError } from './result'
import {
  OverlayPosition,
  ReconnectPolicy,
  RecordFormat,
  RecordSplit,
  StreamOverlay,
  StreamProfile,
  StreamSource,
  StreamStatus,
  VideoEncoder,
} from './stream'

/** A CSS stream: where ffmpeg pushes, or where TRTC relays (issue 17). */
const cssFields = {
  domain: z.string().trim().min(1, 'Enter the push domain'),
  app: z.string().trim().min(1).default('live'),
  stream: z.string().trim().min(1, 'Enter the stream name'),
  /** How long each signed push URL stays valid. */
  expiresHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /** Playback domain for the monitor's FLV URL; none = no monitor. */
  playDomain: z.string().trim().optional(),
}

/** Where "Go live" sends the stream. Secrets (keys) are not here: they live in the SecretStore. */
export const StreamTarget = z.discriminatedUnion('kind', [
  /** The embedded room's own RTMP ingest: viewers watch it on the viewer page. */
  z.object({ kind: z.literal('embedded') }),
  /** Tencent Cloud Streaming Services: push domain + push key (secret) + app + stream. */
  z.object({ kind: z.literal('css'), ...cssFields }),
  /** Any RTMP/RTMPS server: URL + stream key (secret). */
  z.object({
    kind: z.literal('rtmp'),
    url: z
      .string()
      .trim()
      .regex(/^rtmps?:\/\/\S+$/, 'The server URL starts with rtmp:// or rtmps://'),
  }),
  /**
   * Tencent TRTC (issue 17): the SDK captures and publishes into the TRTC room of the Tencent
   * room connection, and TRTC relays the stream to this CSS stream (the same signed push URL).
   */
  z.object({ kind: z.literal('trtc'), ...cssFields }),
])
export type StreamTarget = z.infer<typeof StreamTarget>

/**
 * The room's chat drawn into the outgoing picture (the seed's Live Director: real-time danmaku):
 * lines scrolling across a band of the picture, or a box of the latest lines in a corner. Only
 * lines the room delivered are drawn (held or refused ones never reach the console).
 */
export const DanmakuOverlay = z.object({
  kind: z.literal('danmaku'),
  mode: z.enum(['scroll', 'box']).default('scroll'),
  /** Scrolling: the part of the picture the lanes fill. */
  area: z.enum(['top', 'full', 'bottom']).default('top'),
  /** Box: its corner. */
  position: OverlayPosition.default('bottom-left'),
  /** Text size in px of a 720p picture (scaled with the profile). */
  size: z.number().int().min(12).max(96).default(32),
  speed: z.enum(['slow', 'normal', 'fast']).default('normal'),
  opacity: z.number().min(0.1).max(1).default(0.9),
  /** Box: how many of the latest lines it shows. */
  lines: z.number().int().min(1).max(12).default(6),
  /** Gifts as lines too ("Nick: Rose ×10"), once per combo when it ends. */
  gifts: z.boolean().default(false),
  /**
   * false: the local recording is made without the danmaku — a second encode of the clean
   * picture, so about twice the encoder's CPU while recording.
   */
  inRecording: z.boolean().default(true),
})
export type DanmakuOverlay = z.infer<typeof DanmakuOverlay>

/** The engine's overlays, plus the room's title (filled in when the stream starts) and danmaku. */
export const StageOverlay = z.union([
  StreamOverlay,
  z.object({
    kind: z.literal('room-title'),
    position: OverlayPosition.default('bottom-left'),
    size: z.number().int().min(8).max(200).default(32),
  }),
  DanmakuOverlay,
])
export type StageOverlay = z.infer<typeof StageOverlay>

/** A named source the anchor switches to with one click, live or not (the seed's layout). */
export const StageScene = z.object({
  id: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1, 'Name the scene').max(40),
  source: StreamSource,
})
export type StageScene = z.infer<typeof StageScene>

export const StageSettings = z.object({
  source: StreamSource,
  /** Saved scenes; switching to one makes its source the program's. */
  scenes: z.array(StageScene).max(8).default([]),
  /** The scene whose source is the program's now, if it came from one. */
  scene: z.string().nullable().default(null),
  profile: StreamProfile,
  overlays: z.array(StageOverlay).max(8).default([]),
  target: StreamTarget,
  record: z.object({
    /** Record while live (OBS's "automatically record when streaming"). */
    whileLive: z.boolean().default(true),
    dir: z.string().trim().min(1, 'Choose a folder for recordings'),
    format: RecordFormat.default('fmp4'),
    /** File name without extension; {date}, {time} and {room} are filled in at the start. */
    fileName: z.string().trim().max(120).default('livedesk-{room}-{date}-{time}'),
    /** Automatic file splitting (OBS: split by time / by size / not at all). */
    split: RecordSplit.default({ by: 'none' }),
  }),
  reconnect: ReconnectPolicy.optional(),
  minFreeDiskMb: z.number().int().min(0).default(500),
  /** An ffmpeg to use before FFMPEG_PATH, the PATH and the npm-installed build. */
  ffmpegPath: z.string().trim().min(1).optional(),
})
export type StageSettings = z.infer<typeof StageSettings>

/** Stage keys: CSS push key, CSS play key (playback authentication, for the monitor), RTMP key. */
export const SecretName = z.enum(['cssPushKey', 'cssPlayKey', 'rtmpStreamKey'])
export type SecretName = z.infer<typeof SecretName>

const Device = z.object({ id: z.string(), name: z.string() })
/** Capture devices the OS lets us list (ids are what the source settings take). */
export const DeviceList = z.object({
  cameras: z.array(Device),
  microphones: z.array(Device),
  screens: z.array(Device),
})
export type DeviceList = z.infer<typeof DeviceList>

/** The Stage panel's whole picture: a snapshot, never a delta. */
export const StageSnapshot = z.object({
  settings: StageSettings,
  /** Which secrets are set (never their values). */
  secrets: z.record(SecretName, z.boolean()),
  /** `file`: kept in a file only you can read, not encrypted (browser host). */
  secretStorage: z.enum(['encrypted', 'file']),
  ffmpeg: z
    .object({
      path: z.string(),
      version: z.string(),
      source: z.string(),
      /** The H.264 encoders to offer: libx264, and the hardware ones that opened here. */
      encoders: z.array(VideoEncoder),
      /** Hardware encoders built into this ffmpeg that did not open on this machine. */
      unusableEncoders: z.array(VideoEncoder).default([]),
    })
    .nullable(),
  /** Why no ffmpeg could be used (FFMPEG_NOT_FOUND, or STREAM_FAILED with ffmpeg's words). */
  ffmpegError: ContractError.nullable(),
  status: StreamStatus,
  /** What the monitor plays: the outgoing stream as HTTP-FLV, when there is one. */
  monitorUrl: z.string().nullable(),
  /**
   * The encoder's own program as live MPEG-TS over HTTP, while it runs (the console's monitor
   * tap): what the monitor plays when no pushed stream can be played back — only recording, or a
   * target without a playback URL.
   */
  programUrl: z.string().nullable(),
  /** For OBS users: the embedded room's ingest as server + key. */
  ingest: z.object({ server: z.string(), streamKey: z.string() }).nullable(),
  /** The watermark LiveDesk ships (resources/watermark), when it is there. */
  defaultWatermark: z.string().nullable().default(null),
  /** Whether "Tencent TRTC" can be offered, and why not (TRTC_UNAVAILABLE with its reason). */
  trtc: z
    .object({ available: z.boolean(), reason: ContractError.nullable() })
    .default({ available: false, reason: null }),
})
export type StageSnapshot = z.infer<typeof StageSnapshot>
