import { z } from 'zod'
import { ContractError } from './result'

/**
 * Stable codes of stream-engine errors (the 11xx block of our 1xxx range, see result.ts). The
 * renderer maps them to what the user sees; the names are what logs and tests speak.
 */
export const StreamErrorCode = {
  FFMPEG_NOT_FOUND: 1101,
  STREAM_INVALID_SETTINGS: 1102,
  STREAM_DEVICE_UNAVAILABLE: 1103,
  STREAM_ENCODER_FAILED: 1104,
  STREAM_HOST_NOT_FOUND: 1105,
  STREAM_CONNECTION_REFUSED: 1106,
  STREAM_AUTH_REJECTED: 1107,
  STREAM_CONNECTION_LOST: 1108,
  STREAM_DISK_FULL: 1109,
  STREAM_RECORD_UNWRITABLE: 1110,
  STREAM_STALLED: 1111,
  STREAM_RECONNECT_FAILED: 1112,
  STREAM_ALREADY_RUNNING: 1113,
  /** The TRTC engine cannot run here (issue 17): `reason` says why. */
  TRTC_UNAVAILABLE: 1114,
  /** enterRoom failed: `trtcCode` is the SDK's (negative) code. */
  TRTC_ENTER_ROOM_FAILED: 1115,
  /** startPublishMediaStream or the relay to CSS failed: `trtcCode`, `detail`. */
  TRTC_PUBLISH_FAILED: 1116,
  /** The TRTC room ended the anchor's stay (onExitRoom with a reason other than our exitRoom). */
  TRTC_EXITED: 1117,
  /** The TRTC host window (where the SDK runs) stopped answering or went away: `reason`. */
  TRTC_HOST_FAILED: 1118,
  STREAM_FAILED: 1199,
} as const
export type StreamErrorName = keyof typeof StreamErrorCode
export type StreamErrorCodeValue = (typeof StreamErrorCode)[StreamErrorName]

/**
 * `params.reason` words of the stream codes that cover several situations (see ErrorParams in
 * result.ts); the renderer words each one. The other params each site sends are listed beside
 * its reason.
 */
export const StreamErrorReasons = {
  FFMPEG_NOT_FOUND: [
    'notInstalled',
    /** `tried`: the paths that did not run as ffmpeg. */
    'noneWorks',
  ],
  STREAM_INVALID_SETTINGS: [
    /** `field`: the settings path the schema refused. */
    'schema',
    /** `field`: width | height | fps | videoBitrate. */
    'customRequired',
    /** `preset`. */
    'unknownProfile',
    /** `width`, `height`, `min`. */
    'resolutionTooSmall',
    /** `width`, `height`, `maxWidth`, `maxHeight`. */
    'resolutionTooLarge',
    /** `width`, `height`. */
    'resolutionOdd',
    /** `fps`, `min`, `max`. */
    'fpsRange',
    /** `kbps`, `min`, `max`. */
    'videoBitrateRange',
    /** `maxrateKbps`, `kbps`. */
    'maxrateBelowBitrate',
    'bufsizeZero',
    /** `seconds`, `min`, `max`. */
    'keyframeRange',
    /** `kbps`, `allowed`. */
    'audioBitrate',
    /** `hz`. */
    'audioSampleRate',
    'nothingToDo',
    /** `path`: the source's video or image file. */
    'sourceMissing',
    /** `path`. */
    'overlayMissing',
    /** `url` (secrets hidden). */
    'pushUrl',
    /** `encoder`, `available`. */
    'encoderMissing',
    /** `encoder`: built into this ffmpeg, but it did not open on this machine. */
    'encoderUnusable',
    'noIngest',
    'cssPushKey',
    /** `domain`. */
    'cssDomain',
    /** `value`. */
    'cssAppName',
    /** `value`. */
    'cssStreamName',
    /** A scene that was removed meanwhile. */
    'sceneMissing',
    /** `kind`: a source the TRTC engine cannot capture (it takes a camera or a screen). */
    'trtcSource',
    /** `width`, `height`: not one of the sizes TRTC's encoder takes (TRTCVideoResolution). */
    'trtcResolution',
  ],
  STREAM_DISK_FULL: [
    /** ffmpeg hit a full disk. */
    'full',
    /** Before the start, `freeMb`, `floorMb`, `dir`. */
    'belowFloor',
    /** While recording, the same. */
    'stoppedBelowFloor',
    /** At Go live, the same: the push went on without the recording. */
    'liveWithoutRecording',
  ],
  STREAM_RECORD_UNWRITABLE: [
    /** `dir`. */
    'folder',
    /** `path`. */
    'exists',
    /** `path`, `detail` (the OS's words). */
    'write',
    /** `path`, `trtcCode`: the TRTC SDK's local recording did not start or ended in error. */
    'trtcRecord',
  ],
  STREAM_HOST_NOT_FOUND: [
    /** The 2018 static ffmpeg crashes on host names. */
    'ffmpegCrashed',
  ],
  STREAM_AUTH_REJECTED: [
    /** The server closed the socket right after the publish (node-media-server, SRS hooks). */
    'closedOnPublish',
  ],
  STREAM_CONNECTION_LOST: [
    /** The push process ended without a known line: `exit` (code or signal), `detail`. */
    'pushExited',
  ],
  STREAM_ENCODER_FAILED: [
    /** `encoder`: a hardware encoder (NVENC, Quick Sync, AMF, VideoToolbox) would not open. */
    'hardware',
  ],
  STREAM_STALLED: [
    /** `seconds` without progress. */
    'encoder',
    'push',
    /** `seconds`: the encoder produced no first frame in that long. */
    'firstFrame',
  ],
  STREAM_RECONNECT_FAILED: [
    /** `attempts`, `lastCode`; nothing keeps running. */
    'stopped',
    /** `attempts`, `lastCode`; the recording goes on. */
    'recordingContinues',
  ],
  STREAM_ALREADY_RUNNING: [
    /** Saving another ffmpeg path while a stream runs. */
    'ffmpegChange',
    /** Go live while live. */
    'live',
    /** Record while recording. */
    'recording',
    /** Go live with TRTC while ffmpeg records (both would open the camera), or the other way. */
    'otherEngine',
  ],
  TRTC_UNAVAILABLE: [
    /** The browser host or plain Node: the SDK is an Electron module. */
    'notElectron',
    /** `platform`: Tencent ships the SDK for Windows and macOS only. */
    'platform',
    /** The optional dependency is not in node_modules. */
    'notInstalled',
    /** The package is there but its native module (a download at install) is not. */
    'nativeMissing',
    /** `detail`: require() threw in the TRTC host window. */
    'loadFailed',
    /** TRTC signs in with the Tencent room connection's SDKAppID and UserSig. */
    'needsTencentRoom',
  ],
  TRTC_ENTER_ROOM_FAILED: [
    /** The UserSig was refused (expired, another app's key). */
    'userSig',
    /** The SDKAppID is wrong or the account's TRTC service is suspended. */
    'account',
    /** The room id or user id was refused. */
    'params',
    /** No answer in time, or no network. */
    'network',
  ],
  TRTC_PUBLISH_FAILED: [
    /** TRTC answered startPublishMediaStream with a non-zero code. */
    'refused',
    /** TRTC's relay to CSS broke and did not recover (onCdnStreamStateChanged 4). */
    'relayLost',
  ],
  TRTC_EXITED: [
    /** The server removed the anchor from the room (onExitRoom 1). */
    'kicked',
    /** The room was dismissed (onExitRoom 2). */
    'dismissed',
  ],
  TRTC_HOST_FAILED: [
    /** `method`: the host window did not answer a call in time. */
    'noAnswer',
    /** The host window closed or its process ended. */
    'closed',
    /** `method`, `detail`: the SDK threw on a call. */
    'threw',
    /** `method`: not a call the host serves (its allow-list). */
    'refused',
  ],
} as const satisfies { [K in StreamErrorName]?: readonly string[] }

export type StreamErrorReason<K extends StreamErrorName> = K extends keyof typeof StreamErrorReasons
  ? (typeof StreamErrorReasons)[K][number]
  : never

/**
 * Params of a stream error with code K. Facts the other codes carry: `host` (the push server,
 * host[:port]), `device`, `detail` (ffmpeg's or the server's words), `exit`.
 */
export type StreamErrorParams<K extends StreamErrorName> = {
  reason?: StreamErrorReason<K>
} & Record<string, string | number | undefined>

/** A stream error as StreamStatus carries it: the contract's error, code and params. */
export const StreamError = ContractError
export type StreamError = ContractError

/** OBS's output states (obs-websocket: OBS_WEBSOCKET_OUTPUT_STARTING … _STOPPED). */
export const StreamState = z.enum(['starting', 'started', 'reconnecting', 'stopping', 'stopped'])
export type StreamState = z.infer<typeof StreamState>

export const StreamHealth = z.object({
  /** Encoder frames per second over the last progress period. */
  fps: z.number(),
  /** Bits per second leaving for the push target (null when not pushing or not yet known). */
  bitrateKbps: z.number().nullable(),
  /** Frames the encoder dropped (ffmpeg drop_frames). */
  droppedFrames: z.number().int(),
  /** Frames duplicated to keep the rate (ffmpeg dup_frames; OBS calls these skipped). */
  skippedFrames: z.number().int(),
  totalFrames: z.number().int(),
  /** Encoding speed relative to real time; below 1 the machine cannot keep up. */
  speed: z.number().nullable(),
  /** Bytes sent to the push target by the current push connection. */
  bytesOut: z.number().int(),
  /** Media time encoded since the stream started. */
  durationMs: z.number().int(),
  /** CPU of the ffmpeg processes in % of one core; null where the OS does not tell us. */
  cpuPercent: z.number().nullable(),
  /**
   * The network path as the TRTC SDK measures it (onStatistics, onNetworkQuality, every 2 s);
   * absent for ffmpeg, which sees only its own TCP socket.
   */
  network: z
    .object({
      upLossPercent: z.number(),
      rttMs: z.number(),
      /** TRTCQuality: excellent 1 … down 6; unknown 0 is null. */
      quality: z.enum(['excellent', 'good', 'poor', 'bad', 'veryBad', 'down']).nullable(),
    })
    .optional(),
})
export type StreamHealth = z.infer<typeof StreamHealth>

export const StreamStatus = z.object({
  state: StreamState,
  /** obs-websocket words, derived from state, for callers that speak them. */
  outputActive: z.boolean(),
  outputReconnecting: z.boolean(),
  /** Current reconnect attempt (0 while the push is up). */
  attempt: z.number().int(),
  /** Reconnects that succeeded since the stream started. */
  reconnects: z.number().int(),
  lastError: StreamError.nullable(),
  health: StreamHealth.nullable(),
  push: z.object({ url: z.string(), active: z.boolean() }).nullable(),
  recording: z
    .object({
      /** The file being written now (with splitting: the current part). */
      path: z.string(),
      /** Its size. */
      bytes: z.number().int(),
      active: z.boolean(),
      /** Files written so far, this one included (split parts and parts after an encoder restart). */
      parts: z.number().int().default(1),
      /** All of them together. */
      totalBytes: z.number().int().default(0),
      /**
       * The recording disk, checked every few seconds (OBS's stats show the same estimate):
       * free space, and how long recording can go on at the rate it writes before the free-space
       * floor stops it (null until the rate is known).
       */
      disk: z
        .object({ freeBytes: z.number(), secondsLeft: z.number().nullable() })
        .nullable()
        .default(null),
    })
    .nullable(),
})
export type StreamStatus = z.infer<typeof StreamStatus>

/** What a stream that is not running reports: nothing encoded, pushed or recorded. */
export const stoppedStreamStatus: StreamStatus = {
  state: 'stopped',
  outputActive: false,
  outputReconnecting: false,
  attempt: 0,
  reconnects: 0,
  lastError: null,
  health: null,
  push: null,
  recording: null,
}

/** One picture source. */
export const SingleSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('test-pattern'), clock: z.boolean().default(true) }),
  z.object({
    kind: z.literal('screen'),
    /** x11 display (":0.0"), gdigrab "desktop", or avfoundation screen index. */
    display: z.string().optional(),
    withAudio: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('camera'),
    /** /dev/videoN, a DirectShow name, or an avfoundation index. */
    video: z.string().min(1),
    /** pulse/alsa source, DirectShow name, avfoundation index; none = silent audio. */
    audio: z.string().optional(),
  }),
  z.object({ kind: z.literal('image'), path: z.string().min(1) }),
  z.object({ kind: z.literal('file'), path: z.string().min(1) }),
])
export type SingleSource = z.infer<typeof SingleSource>

/**
 * What the program shows: one source, or one source with another in a corner (picture in
 * picture: the camera over the screen, a logo video over the test pattern). The sound is the main
 * source's.
 */
export const StreamSource = z.discriminatedUnion('kind', [
  ...SingleSource.options,
  z.object({
    kind: z.literal('pip'),
    main: SingleSource,
    inset: SingleSource,
    corner: z
      .enum(['top-left', 'top-right', 'bottom-left', 'bottom-right'])
      .default('bottom-right'),
    /** The inset's width as a share of the picture's. */
    size: z.number().min(0.15).max(0.5).default(0.3),
  }),
])
export type StreamSource = z.infer<typeof StreamSource>

export const ProfilePreset = z.enum(['720p30', '1080p30', '1080p60', 'custom'])
export type ProfilePreset = z.infer<typeof ProfilePreset>

/**
 * What each preset encodes. Bitrates follow the usual live-platform guidance for H.264 at these
 * sizes (Tencent CSS and Twitch both recommend roughly these for 720p30 / 1080p30 / 1080p60).
 */
export const presetPictures: Record<
  Exclude<ProfilePreset, 'custom'>,
  { width: number; height: number; fps: number; videoBitrateKbps: number }
> = {
  '720p30': { width: 1280, height: 720, fps: 30, videoBitrateKbps: 2500 },
  '1080p30': { width: 1920, height: 1080, fps: 30, videoBitrateKbps: 4500 },
  '1080p60': { width: 1920, height: 1080, fps: 60, videoBitrateKbps: 6000 },
}

export const X264Preset = z.enum([
  'ultrafast',
  'superfast',
  'veryfast',
  'faster',
  'fast',
  'medium',
  'slow',
])
export const X264Tune = z.enum(['zerolatency', 'film', 'animation', 'stillimage'])

/** H.264 encoders LiveDesk drives: x264 (software) and the hardware ones ffmpeg may offer. */
export const VideoEncoder = z.enum([
  'libx264',
  'h264_nvenc',
  'h264_qsv',
  'h264_amf',
  'h264_videotoolbox',
])
export type VideoEncoder = z.infer<typeof VideoEncoder>

/** The AAC bitrates offered (kbps); 128 is usual for live. */
export const audioBitratesKbps = [64, 96, 128, 160, 192, 256, 320] as const

/**
 * Encoder settings. Ranges here are what the schema can say; ffmpeg-args.ts checks the rest
 * (relations between fields, devices, paths) and answers with an actionable message.
 */
export const StreamProfile = z.object({
  preset: ProfilePreset,
  /** Required for 'custom'; for a preset they override its value. */
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  fps: z.number().optional(),
  videoBitrateKbps: z.number().int().optional(),
  maxrateKbps: z.number().int().optional(),
  bufsizeKbps: z.number().int().optional(),
  keyframeIntervalSec: z.number().default(2),
  /** Software x264 unless a hardware encoder is chosen (it must be in the ffmpeg's list). */
  encoder: VideoEncoder.default('libx264'),
  x264Preset: X264Preset.default('veryfast'),
  x264Tune: X264Tune.optional(),
  audioBitrateKbps: z.number().int().default(128),
  audioSampleRate: z.union([z.literal(44100), z.literal(48000)]).default(48000),
})
export type StreamProfile = z.infer<typeof StreamProfile>

export const RecordFormat = z.enum(['fmp4', 'mkv', 'flv'])
export type RecordFormat = z.infer<typeof RecordFormat>

/**
 * Automatic file splitting. Parts are cut at the first keyframe after the limit, so a part runs
 * up to one keyframe interval long; a size limit is turned into a duration from the profile's
 * constant bitrate (ffmpeg's segment muxer cuts on time only), so parts land within a few percent
 * of it.
 */
export const RecordSplit = z.discriminatedUnion('by', [
  z.object({ by: z.literal('none') }),
  z.object({
    by: z.literal('time'),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  }),
  z.object({
    by: z.literal('size'),
    mb: z
      .number()
      .int()
      .min(10)
      .max(1024 * 1024),
  }),
])
export type RecordSplit = z.infer<typeof RecordSplit>

export const ReconnectPolicy = z.object({
  /** First retry comes within 2 s of the drop (OBS users asked for no long first wait). */
  initialDelayMs: z.number().int().min(0).default(1000),
  factor: z.number().min(1).default(1.5),
  maxDelayMs: z.number().int().min(0).default(30_000),
  /** Fraction of the delay added or removed at random, so many consoles do not retry in step. */
  jitter: z.number().min(0).max(1).default(0.2),
  /** 0 = keep trying until stopped. */
  maxAttempts: z.number().int().min(0).default(20),
})
export type ReconnectPolicy = z.infer<typeof ReconnectPolicy>

/** Where an overlay sits in the picture. */
export const OverlayPosition = z.enum(['top-left', 'top-right', 'bottom-left', 'bottom-right'])
export type OverlayPosition = z.infer<typeof OverlayPosition>

/** Drawn over the program, in order. Text needs a font (ffmpeg-locate finds one per OS). */
export const StreamOverlay = z.discriminatedUnion('kind', [
  /** A watermark or logo. */
  z.object({
    kind: z.literal('image'),
    path: z.string().min(1),
    position: OverlayPosition.default('top-right'),
    opacity: z.number().min(0).max(1).default(1),
  }),
  /** Fixed text, e.g. the room's title. */
  z.object({
    kind: z.literal('text'),
    text: z.string().min(1).max(200),
    position: OverlayPosition.default('bottom-left'),
    size: z.number().int().min(8).max(200).default(32),
  }),
  /** The wall clock (HH:MM:SS). */
  z.object({
    kind: z.literal('clock'),
    position: OverlayPosition.default('top-left'),
    size: z.number().int().min(8).max(200).default(32),
  }),
])
export type StreamOverlay = z.infer<typeof StreamOverlay>

export const StreamSettings = z.object({
  source: StreamSource,
  profile: StreamProfile,
  overlays: z.array(StreamOverlay).max(8).default([]),
  push: z.object({ url: z.string().min(1) }).optional(),
  record: z
    .object({
      path: z.string().min(1),
      format: RecordFormat.default('fmp4'),
      split: RecordSplit.default({ by: 'none' }),
    })
    .optional(),
  reconnect: ReconnectPolicy.optional(),
  /** Free space below which recording stops (OBS PR 1924 argued for a configurable floor). */
  minFreeDiskMb: z.number().int().min(0).default(500),
})
export type StreamSettings = z.infer<typeof StreamSettings>
/** What callers may pass (defaults not yet filled in). */
export type StreamSettingsInput = z.input<typeof StreamSettings>
