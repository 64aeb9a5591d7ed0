import fs from 'node:fs'
import type {
  Rect,
  TRTCParams,
  TRTCPublishTarget,
  TRTCScreenCaptureProperty,
  TRTCStatistics,
  TRTCStreamEncoderParam,
  TRTCVideoEncParam,
} from 'trtc-electron-sdk'
import {
  StreamSettings,
  StreamSource,
  type StreamHealth,
  type StreamState,
  type StreamStatus,
} from '../../../src-shared/contract/stream'
import { type Clock, systemClock } from '../../common/clock'
import { resolveProfile, type EncoderProfile } from './ffmpeg-args'
import { engineStatus, type StreamEngine } from './stream-engine'
import { streamError, StreamEngineError } from './stream-error'
import type { TrtcCloudPort, TrtcEvents, TrtcSdk } from './trtc-port'

/** Who enters the TRTC room: the Tencent room connection's app, anchor and UserSig. */
export interface TrtcIdentity {
  sdkAppId: number
  userId: string
  userSig: string
  /** The TRTC room, as a string room id (the IM group's id: one id for the live room). */
  strRoomId: string
}

export interface TrtcEngineOptions {
  sdk: TrtcSdk
  /** Asked at every start: the room connection's signer (UserSig server or secret key). */
  identity: () => Promise<TrtcIdentity>
  clock?: Clock
  log?: (line: string) => void
  /** Size of a recording file, or null when it is not there (yet). */
  fileSize?: (path: string) => number | null
  /** How long enterRoom, a publish, a recording's start or exitRoom may take to be answered. */
  stepTimeoutMs?: number
}

/** A listener as the SDK's EventEmitter takes it. */
type SdkListener = Parameters<TrtcCloudPort['on']>[1]

type StepName = 'enter' | 'publish' | 'record' | 'recordDone' | 'exit'
interface Step {
  resolve: (value: string) => void
  reject: (error: StreamEngineError) => void
  cancel: () => void
}

type Source = StreamSource
const qualities = ['excellent', 'good', 'poor', 'bad', 'veryBad', 'down'] as const

function fileSizeOf(path: string): number | null {
  try {
    return fs.statSync(path).size
  } catch {
    return null
  }
}

/** The SDK's local recording writes MP4 only (startLocalRecording: "目前支持的格式暂时只有 MP4"). */
export function mp4Path(path: string): string {
  return /\.[^./\\]+$/.test(path) ? path.replace(/\.[^./\\]+$/, '.mp4') : `${path}.mp4`
}

/**
 * The TRTC stream engine (issue 17): a thin adapter from the Stage's engine interface to Tencent's
 * TRTC Electron SDK. The SDK captures (camera and microphone, or a screen), encodes and publishes
 * into the TRTC room of the Tencent room connection as the anchor (TRTCAppSceneLIVE); TRTC relays
 * that stream to the signed CSS push URL (startPublishMediaStream, isInternalLine: a Tencent CSS
 * URL). The SDK does its own reconnecting; the engine maps its callbacks to the OBS states, its
 * statistics to the health snapshot and its error codes to the contract's.
 *
 * Recording uses the SDK's local recording (startLocalRecording, MP4): the SDK holds the camera
 * and the screen while it runs, so a second capture by ffmpeg could not open them (README).
 */
export class TrtcEngine implements StreamEngine {
  private readonly clock: Clock
  private readonly log: (line: string) => void
  private readonly fileSize: (path: string) => number | null
  private readonly stepTimeoutMs: number
  private readonly codeNames = new Map<number, string>()
  private state: StreamState = 'stopped'
  private cloud: TrtcCloudPort | null = null
  /** enterRoom was called and no onExitRoom came yet: leaving needs exitRoom. */
  private inRoom = false
  private subscriptions: Array<[string, SdkListener]> = []
  private unsubscribeHost: (() => void) | null = null
  /** The host window stopped answering or went away: nothing more is asked of it. */
  private hostLost = false
  private settings: StreamSettings | null = null
  private profile: EncoderProfile | null = null
  private source: Source | null = null
  private taskId: string | null = null
  private push: { url: string; active: boolean } | null = null
  private recording: { path: string; bytes: number; active: boolean } | null = null
  private files: string[] = []
  private attempt = 0
  private reconnects = 0
  private lastError: StreamEngineError | null = null
  private health: StreamHealth | null = null
  private quality: NonNullable<StreamHealth['network']>['quality'] = null
  private startedAt = 0
  private readonly steps = new Map<StepName, Step>()
  private readonly listeners = new Set<(status: StreamStatus) => void>()

  constructor(private readonly options: TrtcEngineOptions) {
    this.clock = options.clock ?? systemClock
    this.log = options.log ?? (() => {})
    this.fileSize = options.fileSize ?? fileSizeOf
    this.stepTimeoutMs = options.stepTimeoutMs ?? 15_000
    for (const [name, code] of Object.entries(options.sdk.TXLiteAVError)) {
      this.codeNames.set(code, name)
    }
  }

  status(): StreamStatus {
    const recording = this.recording
    return engineStatus({
      state: this.state,
      attempt: this.attempt,
      reconnects: this.reconnects,
      lastError: this.lastError?.toJSON() ?? null,
      health: this.health,
      push: this.push ? { url: this.push.url, active: this.push.active } : null,
      recording: recording
        ? {
            path: recording.path,
            bytes: recording.bytes,
            active: recording.active,
            parts: Math.max(1, this.files.length),
            totalBytes: recording.bytes,
            disk: null,
          }
        : null,
    })
  }

  onStatus(listener: (status: StreamStatus) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  recordedFiles(): string[] {
    return this.files.filter((file) => this.fileSize(file) !== null)
  }

  /** The SDK draws no layers of ours: nothing follows its frames. */
  encoderFrame(): number | null {
    return null
  }

  /** TRTC reconnects by itself (onTryToReconnect); there is no wait of ours to skip. */
  reconnectNow(): void {}

  /**
   * Enters the room as the anchor with the sources started, then asks TRTC to relay to the push
   * URL; resolves when TRTC confirms the relay task (onStartPublishMediaStream code 0). Anything
   * refused on the way leaves the room again and rejects with the coded error.
   */
  async start(input: unknown): Promise<StreamStatus> {
    if (this.state !== 'stopped') {
      throw streamError('STREAM_ALREADY_RUNNING', 'A stream is already running; stop it first', {
        reason: 'live',
      })
    }
    const parsed = StreamSettings.safeParse(input)
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') ?? ''
      throw streamError('STREAM_INVALID_SETTINGS', `Invalid stream settings (${field})`, {
        reason: 'schema',
        field,
      })
    }
    const settings = parsed.data
    if (!settings.push) {
      throw streamError('STREAM_INVALID_SETTINGS', 'TRTC pushes: a push URL is needed', {
        reason: 'nothingToDo',
      })
    }
    const profile = resolveProfile(settings.profile)
    this.checkSource(settings.source)
    const encParam = this.encoderParam(profile)
    this.settings = settings
    this.profile = profile
    this.lastError = null
    this.health = null
    this.quality = null
    this.attempt = 0
    this.reconnects = 0
    this.recording = null
    this.files = []
    this.push = { url: settings.push.url, active: false }
    this.setState('starting')
    try {
      const identity = await this.options.identity().catch((error: unknown) => {
        const detail = error instanceof Error ? error.message : String(error)
        throw streamError('TRTC_ENTER_ROOM_FAILED', `No UserSig for TRTC: ${detail}`, {
          reason: 'userSig',
          detail,
        })
      })
      const cloud = await this.options.sdk.createCloud()
      this.cloud = cloud
      this.hostLost = false
      this.subscribe(cloud)
      await cloud.setVideoEncoderParam(encParam)
      await this.startSource(cloud, settings.source, encParam)
      const entered = this.waitFor('enter', () =>
        streamError('TRTC_ENTER_ROOM_FAILED', 'TRTC did not answer enterRoom in time', {
          reason: 'network',
        }),
      )
      const params: TRTCParams = {
        sdkAppId: identity.sdkAppId,
        userId: identity.userId,
        userSig: identity.userSig,
        // A string room: roomId must then be 0 (reference §9).
        roomId: 0,
        strRoomId: identity.strRoomId,
        role: this.options.sdk.TRTCRoleType.TRTCRoleAnchor,
        privateMapKey: null,
        businessInfo: null,
        streamId: null,
        userDefineRecordId: null,
      }
      this.inRoom = true
      await Promise.all([
        entered,
        cloud.enterRoom(params, this.options.sdk.TRTCAppScene.TRTCAppSceneLIVE),
      ])
      await this.publish(settings.push.url)
      this.startedAt = this.clock.now()
      this.setState('started')
    } catch (error) {
      const coded =
        error instanceof StreamEngineError
          ? error
          : streamError('STREAM_FAILED', String(error), { detail: String(error) })
      // A stop() during the start tears down by itself; the start only reports.
      if (this.status().state === 'starting') await this.teardown(coded, true)
      throw coded
    }
    if (settings.record) {
      await this.startRecording(settings.record).catch(() => {
        // The push goes on without it; lastError says why (see startRecording).
      })
    }
    return this.status()
  }

  async stop(): Promise<StreamStatus> {
    if (this.state === 'stopped') return this.status()
    await this.teardown(null, true)
    return this.status()
  }

  async startPush(url: string): Promise<StreamStatus> {
    if (!this.cloud || this.state === 'stopped' || this.state === 'stopping') {
      throw streamError('STREAM_FAILED', 'Nothing is running to push from; use start()')
    }
    if (this.push?.active) {
      throw streamError('STREAM_ALREADY_RUNNING', 'The stream is already live', { reason: 'live' })
    }
    this.push = { url, active: false }
    this.emit()
    try {
      await this.publish(url)
    } catch (error) {
      this.push = null
      this.lastError = error as StreamEngineError
      this.emit()
      throw error
    }
    return this.status()
  }

  /** The relay task ends; the room, the sources and a recording go on. */
  async stopPush(): Promise<StreamStatus> {
    if (!this.recording?.active) return this.stop()
    if (this.taskId) await this.quietly(this.cloud?.stopPublishMediaStream(this.taskId))
    this.taskId = null
    this.push = null
    this.emit()
    return this.status()
  }

  /** The SDK's local recording of what it captures, as MP4 (the only format it writes). */
  async startRecording(record: NonNullable<StreamSettings['record']>): Promise<StreamStatus> {
    const cloud = this.cloud
    if (!cloud || this.state === 'stopped' || this.state === 'stopping') {
      throw streamError('STREAM_FAILED', 'Nothing is running to record; use start()')
    }
    if (this.recording?.active) {
      throw streamError('STREAM_ALREADY_RUNNING', 'A recording is already running', {
        reason: 'recording',
      })
    }
    const path = mp4Path(record.path)
    this.recording = { path, bytes: 0, active: false }
    this.files.push(path)
    const begun = this.waitFor('record', () =>
      streamError('STREAM_RECORD_UNWRITABLE', `The TRTC recording of ${path} did not start`, {
        reason: 'trtcRecord',
        path,
      }),
    )
    try {
      await Promise.all([
        begun,
        cloud.startLocalRecording({
          filePath: path,
          recordType: this.options.sdk.TRTCRecordType.TRTCRecordTypeBoth,
          // onLocalRecording every second: the size shown grows as the file does.
          interval: 1000,
        }),
      ])
    } catch (error) {
      this.recording.active = false
      this.lastError = error as StreamEngineError
      this.emit()
      throw error
    }
    this.recording.active = true
    this.emit()
    return this.status()
  }

  async stopRecording(): Promise<StreamStatus> {
    const cloud = this.cloud
    if (!cloud || !this.recording?.active) return this.status()
    const done = this.waitFor('recordDone', () =>
      streamError('STREAM_FAILED', 'The TRTC recording did not report its end'),
    )
    await Promise.all([done, cloud.stopLocalRecording()]).catch((error: StreamEngineError) =>
      this.log(`trtc: ${error.message}`),
    )
    if (this.recording) this.recording.active = false
    this.emit()
    return this.status()
  }

  /** A scene: the old capture stops and the new one starts; the room and the relay go on. */
  async switchSource(input: unknown): Promise<StreamStatus> {
    const cloud = this.cloud
    const profile = this.profile
    if (!cloud || !profile || this.state === 'stopped' || this.state === 'stopping') {
      throw streamError('STREAM_FAILED', 'Nothing is running to switch; use start()')
    }
    const parsed = StreamSource.safeParse(input)
    if (!parsed.success) {
      throw streamError('STREAM_INVALID_SETTINGS', 'Invalid source', {
        reason: 'schema',
        field: 'source',
      })
    }
    this.checkSource(parsed.data)
    if (this.source) await this.stopSource(cloud, this.source)
    await this.startSource(cloud, parsed.data, this.encoderParam(profile))
    if (this.settings) this.settings = { ...this.settings, source: parsed.data }
    this.emit()
    return this.status()
  }

  // ---- SDK callbacks → states, health and codes -------------------------------------------

  private readonly handlers: TrtcEvents = {
    onError: (code, message) => {
      const error = this.errorFor(code, message)
      this.log(`trtc: onError ${code} ${message}`)
      // An error while entering answers the enter step; later ones end the stream (the SDK's
      // onError is for errors it does not recover from).
      if (this.failStep('enter', error) || this.failStep('publish', error)) return
      if (this.state === 'started' || this.state === 'reconnecting') void this.teardown(error, true)
    },
    onWarning: (code, message) => {
      // Warnings are recoverable by definition (network busy, a hardware encoder falling back);
      // the reconnection callbacks carry what the Stage shows.
      this.log(`trtc: onWarning ${code} ${message}`)
    },
    onEnterRoom: (result) => {
      if (result > 0) return this.passStep('enter', String(result))
      this.failStep('enter', this.errorFor(result, `enterRoom answered ${result}`))
    },
    onExitRoom: (reason) => {
      this.inRoom = false
      if (this.passStep('exit', String(reason))) return
      if (this.state === 'stopped') return
      const error =
        reason === 1
          ? streamError('TRTC_EXITED', 'The TRTC server removed the anchor from the room', {
              reason: 'kicked',
            })
          : reason === 2
            ? streamError('TRTC_EXITED', 'The TRTC room was dismissed', { reason: 'dismissed' })
            : streamError('TRTC_EXITED', `The TRTC room was left (${reason})`)
      // Already out of the room: no exitRoom to wait for.
      void this.teardown(error, false)
    },
    onStatistics: (statistics) => this.updateHealth(statistics),
    onNetworkQuality: (local) => {
      const value = local.quality
      this.quality = value >= 1 && value <= 6 ? (qualities[value - 1] ?? null) : null
      if (this.health?.network) {
        this.health = { ...this.health, network: { ...this.health.network, quality: this.quality } }
        this.emit()
      }
    },
    onConnectionLost: () => {
      if (this.state !== 'started') return
      this.attempt = 0
      if (this.push) this.push.active = false
      this.setState('reconnecting')
    },
    onTryToReconnect: () => {
      if (this.state !== 'reconnecting') return
      this.attempt += 1
      this.emit()
    },
    onConnectionRecovery: () => {
      if (this.state !== 'reconnecting') return
      this.attempt = 0
      this.reconnects += 1
      if (this.push && this.taskId) this.push.active = true
      this.setState('started')
    },
    onStartPublishMediaStream: (taskId, code, message) => {
      if (code === 0) return this.passStep('publish', taskId)
      this.failStep(
        'publish',
        streamError('TRTC_PUBLISH_FAILED', `TRTC refused the relay to CSS: ${code} ${message}`, {
          reason: 'refused',
          trtcCode: code,
          detail: message,
        }),
      )
    },
    onStopPublishMediaStream: (taskId, code, message) => {
      if (code !== 0) this.log(`trtc: stopping relay ${taskId} answered ${code} ${message}`)
    },
    onCdnStreamStateChanged: (_url, status, code, message) => {
      if (!this.push || !this.taskId) return
      if (status === 2) {
        this.push.active = true
        if (this.state === 'reconnecting') {
          this.reconnects += 1
          this.attempt = 0
          this.setState('started')
        } else this.emit()
      } else if (status === 3 && this.state === 'started') {
        // TRTC's relay to CSS broke and TRTC is restoring it (5 s apart, at most 60 s).
        this.push.active = false
        this.attempt = 1
        this.setState('reconnecting')
      } else if (status === 4) {
        void this.relayLost(code, message)
      }
    },
    onLocalRecordBegin: (code, path) => {
      if (code === 0) return this.passStep('record', path)
      this.failStep(
        'record',
        streamError('STREAM_RECORD_UNWRITABLE', `TRTC could not record to ${path} (${code})`, {
          reason: 'trtcRecord',
          path,
          trtcCode: code,
        }),
      )
    },
    onLocalRecording: (_durationMs, path) => {
      if (!this.recording) return
      this.recording.bytes = this.fileSize(path) ?? this.recording.bytes
      this.emit()
    },
    onLocalRecordComplete: (code, path) => {
      if (this.recording) {
        this.recording.active = false
        this.recording.bytes = this.fileSize(path) ?? this.recording.bytes
      }
      if (code !== 0) {
        this.lastError = streamError(
          'STREAM_RECORD_UNWRITABLE',
          `The TRTC recording of ${path} ended with ${code}`,
          { reason: 'trtcRecord', path, trtcCode: code },
        )
      }
      if (!this.passStep('recordDone', path)) this.emit()
    },
  }

  private subscribe(cloud: TrtcCloudPort): void {
    for (const [name, handler] of Object.entries(this.handlers)) {
      const listener = handler as SdkListener
      cloud.on(name, listener)
      this.subscriptions.push([name, listener])
    }
    this.unsubscribeHost = cloud.onHostLost((error) => this.hostFailed(error))
  }

  /**
   * The host window did not answer in time or went away (trtc-rpc.ts): whatever waits for it
   * fails with that error, and a live stream stops — the SDK went with its window, so there is no
   * room to leave. A start in progress stops by itself (its next call rejects).
   */
  private hostFailed(error: StreamEngineError): void {
    this.hostLost = true
    this.inRoom = false
    for (const name of [...this.steps.keys()]) this.failStep(name, error)
    if (this.state === 'started' || this.state === 'reconnecting') void this.teardown(error, false)
  }

  private unsubscribe(cloud: TrtcCloudPort): void {
    for (const [name, listener] of this.subscriptions) cloud.off(name, listener)
    this.subscriptions = []
    this.unsubscribeHost?.()
    this.unsubscribeHost = null
  }

  private updateHealth(statistics: TRTCStatistics): void {
    if (this.state !== 'started' && this.state !== 'reconnecting') return
    const big = this.options.sdk.TRTCVideoStreamType.TRTCVideoStreamTypeBig
    const local =
      statistics.localStatisticsArray.find((s) => s.streamType === big) ??
      statistics.localStatisticsArray[0]
    this.health = {
      fps: local?.frameRate ?? 0,
      bitrateKbps: local ? local.videoBitrate + local.audioBitrate : null,
      // The SDK reports no frame counters or encoding speed.
      droppedFrames: 0,
      skippedFrames: 0,
      totalFrames: 0,
      speed: null,
      bytesOut: statistics.sentBytes,
      durationMs: Math.max(0, this.clock.now() - this.startedAt),
      cpuPercent: statistics.appCpu,
      network: { upLossPercent: statistics.upLoss, rttMs: statistics.rtt, quality: this.quality },
    }
    this.emit()
  }

  /** The relay failed for good: a recording goes on without it, else the stream ends. */
  private async relayLost(code: number, message: string): Promise<void> {
    const error = streamError('TRTC_PUBLISH_FAILED', `TRTC's relay to CSS failed: ${message}`, {
      reason: 'relayLost',
      trtcCode: code,
      detail: message,
    })
    if (this.recording?.active) {
      if (this.taskId) await this.quietly(this.cloud?.stopPublishMediaStream(this.taskId))
      this.taskId = null
      this.push = null
      this.lastError = error
      this.setState('started')
      return
    }
    await this.teardown(error, true)
  }

  // ---- the SDK's calls -----------------------------------------------------------------------

  private async publish(url: string): Promise<void> {
    const cloud = this.cloud
    const profile = this.profile
    if (!cloud || !profile) return
    const published = this.waitFor('publish', () =>
      streamError('TRTC_PUBLISH_FAILED', 'TRTC did not answer the relay request in time', {
        reason: 'refused',
      }),
    )
    const { TRTCPublishMode } = this.options.sdk
    const target: TRTCPublishTarget = {
      mode: TRTCPublishMode.TRTCPublishBigStreamToCdn,
      // isInternalLine: the URL is Tencent CSS's (the signed txSecret/txTime push URL).
      cdnUrlList: [{ rtmpUrl: url, isInternalLine: true }],
      // Only read for the mix modes.
      mixStreamIdentity: { userId: '', intRoomId: 0, strRoomId: '' },
    }
    const [taskId] = await Promise.all([
      published,
      cloud.startPublishMediaStream(target, streamEncoderParam(profile), null),
    ])
    this.taskId = taskId
    if (this.push) this.push.active = true
  }

  /** The profile's picture as TRTC's upstream encoder takes it (one of its fixed resolutions). */
  private encoderParam(profile: EncoderProfile): TRTCVideoEncParam {
    const { TRTCVideoResolution, TRTCVideoResolutionMode } = this.options.sdk
    const portrait = profile.height > profile.width
    const long = Math.max(profile.width, profile.height)
    const short = Math.min(profile.width, profile.height)
    const key = `TRTCVideoResolution_${long}_${short}` as keyof typeof TRTCVideoResolution
    const resolution = TRTCVideoResolution[key] as number | undefined
    if (resolution === undefined) {
      const offered = Object.keys(TRTCVideoResolution)
        .filter((name) => name.startsWith('TRTCVideoResolution_'))
        .map((name) => name.slice('TRTCVideoResolution_'.length).replace('_', '×'))
      throw streamError(
        'STREAM_INVALID_SETTINGS',
        `TRTC encodes only its own sizes (${offered.join(', ')}), not ${profile.width}×${profile.height}`,
        { reason: 'trtcResolution', width: profile.width, height: profile.height },
      )
    }
    return {
      videoResolution: resolution,
      resMode: portrait
        ? TRTCVideoResolutionMode.TRTCVideoResolutionModePortrait
        : TRTCVideoResolutionMode.TRTCVideoResolutionModeLandscape,
      videoFps: profile.fps,
      videoBitrate: profile.videoBitrateKbps,
      // The floor TRTC may fall to on a weak uplink before it drops frames.
      minVideoBitrate: Math.round(profile.videoBitrateKbps / 2),
      // A fixed picture size: CSS viewers and the recording keep the profile's.
      enableAdjustRes: false,
    }
  }

  private checkSource(source: Source): void {
    if (source.kind === 'camera' || source.kind === 'screen') return
    throw streamError(
      'STREAM_INVALID_SETTINGS',
      `The TRTC engine captures a camera or a screen, not a ${source.kind} source`,
      { reason: 'trtcSource', kind: source.kind },
    )
  }

  /** Camera and microphone through the device lists, or a screen through its capture sources. */
  private async startSource(
    cloud: TrtcCloudPort,
    source: Source,
    encParam: TRTCVideoEncParam,
  ): Promise<void> {
    const { sdk } = this.options
    if (source.kind === 'camera') {
      const camera = (await cloud.getCameraDevicesList()).find(
        (d) => d.deviceId === source.video || d.deviceName === source.video,
      )
      if (!camera) throw deviceMissing(source.video)
      await cloud.setCurrentCameraDevice(camera.deviceId)
      // No view: the Stage's monitor shows CSS's playback, not a local render.
      await cloud.startLocalPreview(null)
      if (source.audio) {
        const mic = (await cloud.getMicDevicesList()).find(
          (d) => d.deviceId === source.audio || d.deviceName === source.audio,
        )
        if (!mic) throw deviceMissing(source.audio)
        await cloud.setCurrentMicDevice(mic.deviceId)
        await cloud.startLocalAudio(sdk.TRTCAudioQuality.TRTCAudioQualityMusic)
      }
    } else if (source.kind === 'screen') {
      const screens = (await cloud.getScreenCaptureSources(0, 0, 0, 0)).filter(
        (s) => s.type === sdk.TRTCScreenCaptureSourceType.TRTCScreenCaptureSourceTypeScreen,
      )
      const screen = source.display
        ? screens.find((s) => s.sourceId === source.display || s.sourceName === source.display)
        : (screens.find((s) => s.isMainScreen) ?? screens[0])
      if (!screen) throw deviceMissing(source.display ?? 'screen')
      // {0,0,0,0}: the whole screen (reference §9).
      const whole: Rect = { left: 0, top: 0, right: 0, bottom: 0 }
      const property: TRTCScreenCaptureProperty = {
        enableCaptureMouse: true,
        enableHighLight: false,
        enableHighPerformance: true,
        highLightColor: 0,
        highLightWidth: 0,
        enableCaptureChildWindow: false,
      }
      await cloud.selectScreenCaptureTarget(screen, whole, property)
      // The big stream: it is the one relayed to CSS (TRTCPublishBigStreamToCdn).
      await cloud.startScreenCapture(null, sdk.TRTCVideoStreamType.TRTCVideoStreamTypeBig, encParam)
      if (source.withAudio) await cloud.startSystemAudioLoopback(null)
    }
    this.source = source
  }

  /** Every stop is asked for even when one fails (a lost host fails them all at once). */
  private async stopSource(cloud: TrtcCloudPort, source: Source): Promise<void> {
    this.source = null
    if (source.kind === 'camera') {
      await this.quietly(cloud.stopLocalPreview())
      if (source.audio) await this.quietly(cloud.stopLocalAudio())
    } else if (source.kind === 'screen') {
      await this.quietly(cloud.stopScreenCapture())
      if (source.withAudio) await this.quietly(cloud.stopSystemAudioLoopback())
    }
  }

  /** A call whose failure is only logged: stopping goes on (teardown, a relay given up). */
  private async quietly(call: Promise<unknown> | undefined): Promise<void> {
    await call?.catch((error: unknown) =>
      this.log(`trtc: ${error instanceof Error ? error.message : String(error)}`),
    )
  }

  /**
   * Everything stops: the relay, the recording, the capture, the room (waiting for onExitRoom
   * when we ask to leave, as the SDK wants before the next enterRoom). The error, if any, is what
   * the stopped status says.
   */
  private async teardown(error: StreamEngineError | null, exit: boolean): Promise<void> {
    const cloud = this.cloud
    if (error) this.lastError = error
    for (const [name, step] of this.steps) {
      if (name !== 'exit') {
        step.cancel()
        this.steps.delete(name)
      }
    }
    if (this.state !== 'stopped') this.setState('stopping')
    if (cloud) {
      if (this.recording?.active) await this.quietly(cloud.stopLocalRecording())
      if (this.taskId) await this.quietly(cloud.stopPublishMediaStream(this.taskId))
      if (this.source) await this.stopSource(cloud, this.source)
      if (exit && this.inRoom && !this.hostLost) {
        const left = this.waitFor('exit', () =>
          streamError('STREAM_FAILED', 'TRTC did not confirm leaving the room'),
        )
        await Promise.all([left, cloud.exitRoom()]).catch((e: StreamEngineError) => {
          this.steps.get('exit')?.cancel()
          this.steps.delete('exit')
          this.log(`trtc: ${e.message}`)
        })
      }
      this.unsubscribe(cloud)
    }
    this.cloud = null
    this.inRoom = false
    this.taskId = null
    if (this.push) this.push.active = false
    if (this.recording) this.recording.active = false
    this.attempt = 0
    this.setState('stopped')
  }

  private waitFor(name: StepName, timeout: () => StreamEngineError): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const cancelTimer = this.clock.setTimer(() => {
        this.steps.delete(name)
        reject(timeout())
      }, this.stepTimeoutMs)
      this.steps.set(name, {
        resolve,
        reject,
        cancel: () => {
          cancelTimer()
          reject(streamError('STREAM_FAILED', `The ${name} step was cancelled`))
        },
      })
    })
  }

  private passStep(name: StepName, value: string): boolean {
    const step = this.steps.get(name)
    if (!step) return false
    this.steps.delete(name)
    step.cancel = () => {}
    step.resolve(value)
    return true
  }

  private failStep(name: StepName, error: StreamEngineError): boolean {
    const step = this.steps.get(name)
    if (!step) return false
    this.steps.delete(name)
    step.reject(error)
    return true
  }

  /** The SDK's code, by its name in the SDK's own table (TXLiteAVError), as the contract's. */
  private errorFor(code: number, message: string): StreamEngineError {
    const name = this.codeNames.get(code) ?? ''
    const facts = { trtcCode: code, detail: message }
    const enter = (reason: 'userSig' | 'account' | 'params' | 'network') =>
      streamError('TRTC_ENTER_ROOM_FAILED', `TRTC refused to enter the room: ${name || code}`, {
        reason,
        ...facts,
      })
    if (/USER_SIG|SSO_SIG|SSO_VERIFICATION|SSO_TICKET|SIGN_/.test(name)) return enter('userSig')
    if (
      /APPID|SERVICE_SUSPENDED|ACCOUNT|LIMITED_BY_SECURITY|NO_PRIVILEDGE_(ENTER|CREATE)/.test(name)
    )
      return enter('account')
    if (/ROOM_ID_INVALID|USER_ID_INVALID|PARAM_NULL|BAD_ROOMID|STRGROUP|INVALID_ROLE/.test(name))
      return enter('params')
    if (/CAMERA/.test(name)) return deviceError('camera', facts)
    if (/MIC_|SPEAKER/.test(name)) return deviceError('microphone', facts)
    if (/SCREEN_CAPTURE|SUB_VIDEO/.test(name)) return deviceError('screen', facts)
    if (/ENCODE_FAIL|UNSUPPORTED_(RESOLUTION|SAMPLERATE)|_UNSUPPORTED$/.test(name)) {
      return streamError('STREAM_ENCODER_FAILED', `TRTC's encoder failed: ${name}`, facts)
    }
    if (/PUBLISH|MIX_TRANSCODING|RTMP_PUSH/.test(name)) {
      return streamError('TRTC_PUBLISH_FAILED', `TRTC's relay failed: ${name}`, {
        reason: 'refused',
        ...facts,
      })
    }
    if (/^ERR_ROOM_|^ERR_SERVER_|ACCIP/.test(name)) return enter('network')
    return streamError('STREAM_FAILED', `TRTC error ${code}: ${message}`, facts)
  }

  private setState(state: StreamState): void {
    this.state = state
    this.emit()
  }

  private emit(): void {
    const status = this.status()
    for (const listener of this.listeners) listener(status)
  }
}

/** What TRTC's relay to CSS encodes (TRTCStreamEncoderParam): the profile's picture and sound. */
export function streamEncoderParam(profile: EncoderProfile): TRTCStreamEncoderParam {
  return {
    videoEncodedWidth: profile.width,
    videoEncodedHeight: profile.height,
    videoEncodedFPS: profile.fps,
    // TRTC takes the GOP in seconds.
    videoEncodedGOP: profile.keyframeIntervalSec,
    videoEncodedKbps: profile.videoBitrateKbps,
    audioEncodedSampleRate: profile.audioSampleRate,
    audioEncodedChannelNum: 2,
    audioEncodedKbps: profile.audioBitrateKbps,
    // 0: AAC-LC and H.264, the SDK's defaults.
    audioEncodedCodecType: 0,
    videoEncodedCodecType: 0,
    videoSeiParams: '',
  }
}

function deviceMissing(device: string): StreamEngineError {
  return streamError('STREAM_DEVICE_UNAVAILABLE', `TRTC does not list the device ${device}`, {
    device,
  })
}

function deviceError(
  device: 'camera' | 'microphone' | 'screen',
  facts: { trtcCode: number; detail: string },
): StreamEngineError {
  return streamError('STREAM_DEVICE_UNAVAILABLE', `TRTC could not open the ${device}`, {
    device,
    ...facts,
  })
}
