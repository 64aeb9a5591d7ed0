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

/** Where "Go live" sends the stream. Secrets (keys) are not here: they live in the SecretStore. */
export const StreamTarget = z.discriminatedUnion('kind', [
  /** The embedded room's own RTMP ingest: viewers watch it on the viewer page. */
  z.object({ kind: z.literal('embedded') }),
  /** Tencent Cloud Streaming Services: push domain + push key (secret) + app + stream. */
  z.object({
    kind: z.literal('css'),
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
  }),
  /** Any RTMP/RTMPS server: URL + stream key (secret). */
  z.object({
    kind: z.literal('rtmp'),
    url: z
      .string()
      .trim()
      .regex(/^rtmps?:\/\/\S+$/, 'The server URL starts with rtmp:// or rtmps://'),
  }),
])
export type StreamTarget = z.infer<typeof StreamTarget>

/** The engine's overlays, plus the room's title (filled in when the stream starts). */
export const StageOverlay = z.union([
  StreamOverlay,
  z.object({
    kind: z.literal('room-title'),
    position: OverlayPosition.default('bottom-left'),
    size: z.number().int().min(8).max(200).default(32),
  }),
])
export type StageOverlay = z.infer<typeof StageOverlay>

export const StageSettings = z.object({
  source: StreamSource,
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
  /** For OBS users: the embedded room's ingest as server + key. */
  ingest: z.object({ server: z.string(), streamKey: z.string() }).nullable(),
  /** The watermark LiveDesk ships (resources/watermark), when it is there. */
  defaultWatermark: z.string().nullable().default(null),
})
export type StageSnapshot = z.infer<typeof StageSnapshot>
