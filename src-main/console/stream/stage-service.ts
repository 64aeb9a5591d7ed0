import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import type { ContractError, EventName, EventPayload } from '../../../src-shared/contract'
import {
  StageSettings,
  type DeviceList,
  type SecretName,
  type StageSnapshot,
} from '../../../src-shared/contract/stage'
import type { ChatMessage } from '../../../src-shared/contract/chat'
import type { TuiGiftMessage } from '../../../src-shared/protocol/gift-messages'
import {
  stoppedStreamStatus,
  type StreamOverlay,
  type StreamStatus,
  type VideoEncoder,
} from '../../../src-shared/contract/stream'
import { systemClock } from '../../common/clock'
import type { LiveRoomIngest } from '../../liveroom'
import type { SecretStore } from '../secret-store'
import type { SettingsStore } from '../store/settings'
import { cssPlayUrls, cssPushUrl } from './css-url'
import { DanmakuOverlay, replaceTextFile } from './danmaku'
import { listDevices } from './devices'
import {
  overlayPlacement,
  recordFormatExtension,
  resolveProfile,
  type Overlay,
} from './ffmpeg-args'
import { recordingName, restartPartPath, splitPartPath } from './recording-name'
import { listEncoders } from './ffmpeg-encoders'
import { findFontFile, locateFfmpeg, type FfmpegInfo } from './ffmpeg-locate'
import { finishRecording, recoverRecordings, type FinishResult } from './recording-recovery'
import type { StreamEngine } from './stream-engine'
import { streamError, StreamEngineError } from './stream-error'
import { StreamSupervisor } from './stream-supervisor'
import { TrtcEngine, type TrtcEngineOptions, type TrtcIdentity } from './trtc-engine'
import { loadTrtcSdk, type TrtcLoad } from './trtc-loader'
import type { TrtcCloudPort } from './trtc-port'

export type EmitEvent = <N extends EventName>(name: N, payload: EventPayload<N>) => void

export interface StageServiceOptions {
  settings: SettingsStore
  secrets: SecretStore
  ingest: LiveRoomIngest | null
  roomId: string
  /** The room's title now, for the room-title overlay. */
  roomTitle?: () => string
  /** Default folder for recordings. */
  recordingsDir: string
  /** Where a running stream keeps the files its danmaku and free text are drawn from. */
  liveFilesDir?: string
  /** The shipped watermark image the form offers (resources/watermark), if found. */
  defaultWatermark?: string | null
  emit: EmitEvent
  now?: () => number
  log?: (line: string) => void
  /** The monitor tap the encoder also sends its program to, and the URL it is played at. */
  monitor?: { port: number; url: string } | null
  /**
   * The TRTC engine's inputs (issue 17): the SDK where it loads (default: trtc-loader.ts), and
   * who enters its room — the Tencent room connection's anchor with a UserSig from its signer;
   * null when the room is not on Tencent Cloud.
   */
  trtc?: {
    load?: () => TrtcLoad
    /** The desktop shell's TRTC host window, where the SDK loads (trtc-window.ts). */
    openHost?: () => Promise<TrtcCloudPort>
    identity: (() => Promise<TrtcIdentity>) | null
    engine?: Partial<Omit<TrtcEngineOptions, 'sdk' | 'identity'>>
  }
  /** Test seam: the supervisor to drive (default: a real one on the located ffmpeg). */
  createSupervisor?: (ffmpeg: FfmpegInfo, monitorPort?: number) => StreamSupervisor
}

const SETTINGS_KEY = 'stage'

/**
 * The Stage panel's service: settings (SQLite) and keys (SecretStore), the push URL for the chosen
 * target, and the stream supervisor that does the work. One stream at a time.
 */
export class StageService {
  private ffmpeg: FfmpegInfo | null = null
  private encoders: VideoEncoder[] = []
  private unusableEncoders: VideoEncoder[] = []
  private ffmpegError: ContractError | null = null
  private supervisor: StreamSupervisor | null = null
  /** The SDK's load, once (init), and the engine on it, made at the first TRTC Go live. */
  private trtcLoad: TrtcLoad | null = null
  private trtcEngine: TrtcEngine | null = null
  /** The engine of the running or last stream: the ffmpeg supervisor or the TRTC engine. */
  private active: StreamEngine | null = null
  private recordFormat: StageSettings['record']['format'] | null = null
  /**
   * The recording was started by Go live ("record while live"), so End live ends it too — OBS's
   * default; a recording started with Record outlives the push.
   */
  private recordingFollowsLive = false
  /**
   * What the running stream draws from files it re-reads every frame: the danmaku, and the free
   * text (so a saved change of the text shows at once while live). Its own temporary folder.
   */
  private live: {
    dir: string
    danmaku: DanmakuOverlay | null
    /** The danmaku draws gifts too (its setting). */
    danmakuGifts: boolean
    textFile: string | null
  } | null = null
  /** The last recording's remux (see finish), for callers that must wait for the final files. */
  finished: Promise<FinishResult[]> = Promise.resolve([])
  private readonly now: () => number
  private readonly log: (line: string) => void

  constructor(private readonly options: StageServiceOptions) {
    this.now = options.now ?? Date.now
    this.log = options.log ?? (() => {})
  }

  /** Finds ffmpeg and finishes recordings a crash left behind; never throws. */
  async init(): Promise<void> {
    const trtc = this.options.trtc
    this.trtcLoad = trtc?.load ? trtc.load() : loadTrtcSdk({ openHost: trtc?.openHost })
    if (!this.trtcLoad.ok)
      this.log(`stage: Tencent TRTC not offered: ${this.trtcLoad.error.message}`)
    await this.locate()
    if (!this.ffmpeg) return
    const ffmpeg = this.ffmpeg.path
    void recoverRecordings(ffmpeg, this.settings().record.dir).then(
      (done) => done.length && this.log(`stage: finished ${done.length} unfinished recording(s)`),
      (error: unknown) => this.log(`stage: recording recovery failed: ${String(error)}`),
    )
  }

  /** ffmpeg from the settings' path, FFMPEG_PATH, the PATH, or the npm-installed build. */
  private async locate(): Promise<void> {
    try {
      this.ffmpeg = await locateFfmpeg({ settingsPath: this.settings().ffmpegPath })
      const encoders = await listEncoders(this.ffmpeg.path)
      this.encoders = encoders.usable
      this.unusableEncoders = encoders.unusable
      this.ffmpegError = null
      const monitorPort = this.options.monitor?.port
      const supervisor =
        this.options.createSupervisor?.(this.ffmpeg, monitorPort) ??
        new StreamSupervisor({
          ffmpeg: this.ffmpeg,
          fontFile: findFontFile(),
          log: this.log,
          monitorPort,
        })
      supervisor.onStatus((status) => {
        // However the stream ended (a stop, a failure), its danmaku ends with it.
        if (status.state === 'stopped') this.closeLive()
        this.options.emit('stream:status-changed', status)
      })
      this.supervisor = supervisor
      this.log(`stage: ffmpeg ${this.ffmpeg.version} (${this.ffmpeg.source}: ${this.ffmpeg.path})`)
    } catch (error) {
      this.ffmpeg = null
      this.supervisor = null
      this.ffmpegError = coded(error)
      this.log(`stage: ${this.ffmpegError.message}`)
    }
  }

  settings(): StageSettings {
    const defaults = StageSettings.parse({
      source: { kind: 'test-pattern' },
      profile: { preset: '720p30' },
      target: { kind: 'embedded' },
      record: { dir: this.options.recordingsDir },
    })
    return this.options.settings.get(SETTINGS_KEY, StageSettings, defaults)
  }

  snapshot(): StageSnapshot {
    const settings = this.settings()
    const { secrets } = this.options
    return {
      settings,
      secrets: {
        cssPushKey: secrets.get('cssPushKey') !== null,
        cssPlayKey: secrets.get('cssPlayKey') !== null,
        rtmpStreamKey: secrets.get('rtmpStreamKey') !== null,
      },
      secretStorage: secrets.encrypted ? 'encrypted' : 'file',
      ffmpeg: this.ffmpeg
        ? {
            path: this.ffmpeg.path,
            version: this.ffmpeg.version,
            source: this.ffmpeg.source,
            encoders: this.encoders,
            unusableEncoders: this.unusableEncoders,
          }
        : null,
      ffmpegError: this.ffmpegError,
      status: this.current()?.status() ?? stoppedStreamStatus,
      monitorUrl: this.monitorUrl(settings),
      programUrl: this.options.monitor?.url ?? null,
      ingest: this.ingestForObs(),
      defaultWatermark: this.options.defaultWatermark ?? null,
      trtc: this.trtcOffer(),
    }
  }

  /** Whether the Stage may offer "Tencent TRTC", and the coded reason when not. */
  private trtcOffer(): StageSnapshot['trtc'] {
    const load = this.trtcLoad
    if (!load) return { available: false, reason: null }
    if (!load.ok) return { available: false, reason: load.error }
    if (!this.options.trtc?.identity) {
      const reason = streamError(
        'TRTC_UNAVAILABLE',
        'Tencent TRTC needs the Tencent room connection',
        { reason: 'needsTencentRoom' },
      ).toJSON()
      return { available: false, reason }
    }
    return { available: true, reason: null }
  }

  /** The TRTC engine, made on first use; a coded refusal where TRTC is not offered. */
  private trtc(): TrtcEngine {
    const offer = this.trtcOffer()
    const load = this.trtcLoad
    const identity = this.options.trtc?.identity
    if (!offer.available || !load?.ok || !identity) {
      const reason = offer.reason ?? { message: 'Tencent TRTC is not offered', params: {} }
      throw new StreamEngineError('TRTC_UNAVAILABLE', reason.message, reason.params)
    }
    if (!this.trtcEngine) {
      const engine = new TrtcEngine({
        ...this.options.trtc?.engine,
        sdk: load.sdk,
        identity,
        log: this.log,
      })
      engine.onStatus((status) => this.options.emit('stream:status-changed', status))
      this.trtcEngine = engine
    }
    return this.trtcEngine
  }

  /** The engine whose status the Stage shows. */
  private current(): StreamEngine | null {
    return this.active ?? this.supervisor
  }

  async saveSettings(settings: StageSettings): Promise<StageSnapshot> {
    const newFfmpeg = settings.ffmpegPath !== this.settings().ffmpegPath
    if (newFfmpeg && this.supervisor && this.supervisor.status().state !== 'stopped') {
      throw streamError(
        'STREAM_ALREADY_RUNNING',
        'Stop the stream before choosing another ffmpeg; nothing was saved',
        { reason: 'ffmpegChange' },
      )
    }
    // A profile main would refuse at Go live is refused now, where the person is looking at it.
    resolveProfile(settings.profile)
    this.options.settings.put(SETTINGS_KEY, settings)
    // The free text is drawn from a file while live: a changed text shows at once.
    const textFile = this.live?.textFile
    if (textFile) {
      const text = settings.overlays.find((o) => o.kind === 'text')
      replaceTextFile(textFile, text?.text ?? '')
    }
    if (newFfmpeg) await this.locate()
    return this.snapshot()
  }

  setSecret(name: SecretName, value: string | null): StageSnapshot {
    if (value === null || value === '') this.options.secrets.delete(name)
    else this.options.secrets.set(name, value)
    return this.snapshot()
  }

  listDevices(): Promise<DeviceList> {
    return listDevices(this.ffmpeg?.path ?? 'ffmpeg')
  }

  /**
   * "Go live": push to the target, and record too when the settings say so. While a recording
   * runs, the push joins it and the recording is not touched.
   */
  async goLive(): Promise<StreamStatus> {
    const settings = this.settings()
    const running = this.running()
    const trtc = settings.target.kind === 'trtc'
    // One engine at a time: both would open the camera and the screen.
    if (running && (running === this.trtcEngine) !== trtc) {
      throw streamError(
        'STREAM_ALREADY_RUNNING',
        'Stop the running stream or recording first: the other push method holds the sources',
        { reason: 'otherEngine' },
      )
    }
    if (running) return running.startPush(this.pushUrl(settings))
    if (trtc) return this.startTrtc(settings)
    const status = await this.start(settings, this.pushUrl(settings), settings.record.whileLive)
    this.recordingFollowsLive = settings.record.whileLive
    return status
  }

  /** "Record": on its own, or beside the live push (which freezes for about a second). */
  async record(): Promise<StreamStatus> {
    const settings = this.settings()
    const running = this.running()
    this.recordingFollowsLive = false
    if (!running) return this.start(settings, null, true)
    // The TRTC SDK writes a regular MP4: nothing to remux afterwards (see finish).
    this.recordFormat = running === this.trtcEngine ? null : settings.record.format
    return running.startRecording(this.recordTarget(settings))
  }

  /** "End live": the push ends; a recording started with Record goes on. */
  async endLive(): Promise<StreamStatus> {
    const running = this.running()
    if (!running) return this.current()?.status() ?? stoppedStreamStatus
    if (running.status().recording?.active && !this.recordingFollowsLive) return running.stopPush()
    return this.stop()
  }

  /** "Stop recording": the recording ends and is finished; a live push goes on. */
  async stopRecording(): Promise<StreamStatus> {
    const running = this.running()
    if (!running) return this.current()?.status() ?? stoppedStreamStatus
    if (!running.status().push) return this.stop()
    const status = await running.stopRecording()
    this.finish(running.recordedFiles())
    return status
  }

  /**
   * Makes a saved scene's source the program's: at once while live or recording (the push is
   * not interrupted), and for the next start otherwise.
   */
  async switchScene(id: string): Promise<StageSnapshot> {
    const settings = this.settings()
    const scene = settings.scenes.find((s) => s.id === id)
    if (!scene) {
      throw streamError('STREAM_INVALID_SETTINGS', `There is no scene ${id}`, {
        reason: 'sceneMissing',
      })
    }
    const running = this.running()
    if (running) await running.switchSource(scene.source)
    this.options.settings.put(SETTINGS_KEY, { ...settings, source: scene.source, scene: id })
    return this.snapshot()
  }

  /** Ends the stream and the recording, and finishes the recording's files. */
  async stop(): Promise<StreamStatus> {
    const engine = this.current()
    if (!engine) return stoppedStreamStatus
    // Its danmaku and free-text files go with the 'stopped' status (see locate).
    const status = await engine.stop()
    this.finish(status.recording ? engine.recordedFiles() : [])
    return status
  }

  /**
   * Chat lines the room delivered, for the danmaku: what viewers and the anchor wrote (text
   * only; the room's own notices and business messages are not chat).
   */
  chatReceived(messages: readonly ChatMessage[]): void {
    const danmaku = this.live?.danmaku
    if (!danmaku) return
    for (const message of messages) {
      if (message.type !== 'TIMTextElem') continue
      danmaku.push({ nick: message.nick, text: message.text })
    }
  }

  /**
   * A gift the room delivered, drawn as a danmaku line when the overlay asks for gifts: once per
   * combo, when it ends (a combo of 99 quick clicks is five messages, and one line), with the
   * gift's name as the message carries it.
   */
  giftReceived(gift: TuiGiftMessage): void {
    const danmaku = this.live?.danmaku
    if (!danmaku || !this.live?.danmakuGifts) return
    const combo = gift.data.gift.extInfo?.liveDesk
    if (combo && !combo.final) return
    const count = combo?.comboTotal ?? gift.data.giftCount
    danmaku.push({ nick: gift.data.sender.userName, text: `${gift.data.gift.giftName} ×${count}` })
  }

  private closeLive(): void {
    if (!this.live) return
    this.live.danmaku?.close()
    rmSync(this.live.dir, { recursive: true, force: true })
    this.live = null
  }

  /**
   * The danmaku and the free text as drawtext layers on files of their own (danmaku.ts); the
   * other overlays as the engine draws them.
   */
  private startLive(settings: StageSettings, supervisor: StreamSupervisor) {
    const title = this.options.roomTitle?.() ?? ''
    const overlays: StreamOverlay[] = []
    const layers: Overlay[] = []
    const dir = mkdtempSync(join(this.options.liveFilesDir ?? tmpdir(), 'livedesk-live-'))
    this.live = { dir, danmaku: null, danmakuGifts: false, textFile: null }
    const profile = resolveProfile(settings.profile)
    for (const o of settings.overlays) {
      if (o.kind === 'danmaku') {
        const danmaku = new DanmakuOverlay({
          settings: o,
          width: profile.width,
          height: profile.height,
          fps: profile.fps,
          dir: join(dir, 'danmaku'),
          clock: systemClock,
          frameNow: () => supervisor.encoderFrame(),
        })
        layers.push(...danmaku.layers().map((layer) => ({ ...layer, inRecording: o.inRecording })))
        danmaku.start()
        this.live.danmaku = danmaku
        this.live.danmakuGifts = o.gifts
      } else if (o.kind === 'text' && !this.live.textFile) {
        const file = join(dir, 'text.txt')
        replaceTextFile(file, o.text)
        this.live.textFile = file
        layers.push({
          kind: 'textfile',
          file,
          ...overlayPlacement(o.position, 'text'),
          size: o.size,
          opacity: 1,
          box: true,
        })
      } else if (o.kind === 'room-title') {
        if (title) overlays.push({ kind: 'text', text: title, position: o.position, size: o.size })
      } else {
        overlays.push(o)
      }
    }
    return { overlays, layers }
  }

  /**
   * A fragmented MP4 — each part of it, when split or restarted — is remuxed to a regular MP4
   * (index in front) in the background, one file at a time, so editors open it well; `finished`
   * resolves when that is done.
   */
  private finish(files: string[]): void {
    if (!files.length || !this.ffmpeg || this.recordFormat !== 'fmp4') return
    const ffmpeg = this.ffmpeg.path
    const before = this.finished
    this.finished = (async () => {
      // One remux at a time: a recording stopped while live waits for the one before.
      await before.catch(() => [])
      const results: FinishResult[] = []
      for (const path of files) {
        const result = await finishRecording(ffmpeg, { path, format: 'fmp4' })
        this.log(`stage: ${result.message}`)
        results.push(result)
      }
      return results
    })()
  }

  /** The engine while a stream or recording runs. */
  private running(): StreamEngine | null {
    const engine = this.current()
    const state = engine?.status().state
    return engine && state !== 'stopped' && state !== 'stopping' ? engine : null
  }

  reconnectNow(): StreamStatus {
    const engine = this.current()
    engine?.reconnectNow()
    return engine?.status() ?? stoppedStreamStatus
  }

  async close(): Promise<void> {
    const engine = this.current()
    if (engine && engine.status().state !== 'stopped') await engine.stop()
  }

  /**
   * Go live through TRTC: the SDK captures the program's source and TRTC relays to the target's
   * CSS stream; "record while live" records through the SDK (trtc-engine.ts). The engine draws
   * none of the overlays (the Stage says so).
   */
  private async startTrtc(settings: StageSettings): Promise<StreamStatus> {
    const engine = this.trtc()
    const pushUrl = this.pushUrl(settings)
    this.closeLive()
    this.recordFormat = null
    this.active = engine
    const status = await engine
      .start({
        source: settings.source,
        profile: settings.profile,
        push: { url: pushUrl },
        record: settings.record.whileLive ? this.recordTarget(settings) : undefined,
        reconnect: settings.reconnect,
        minFreeDiskMb: settings.minFreeDiskMb,
      })
      .catch((error: unknown) => {
        // The SDK did not load in its host window (main checks only what it can without it):
        // from now on the Stage no longer offers TRTC, and says why.
        if (error instanceof StreamEngineError && error.key === 'TRTC_UNAVAILABLE') {
          this.trtcLoad = { ok: false, error: error.toJSON() }
          this.log(`stage: Tencent TRTC not offered: ${error.message}`)
          this.options.emit('stage:changed', this.snapshot())
        }
        throw error
      })
    this.recordingFollowsLive = settings.record.whileLive
    return status
  }

  private async start(
    settings: StageSettings,
    pushUrl: string | null,
    record: boolean,
  ): Promise<StreamStatus> {
    const supervisor = this.supervisor
    if (!supervisor) {
      throw (
        this.ffmpegError ??
        streamError('FFMPEG_NOT_FOUND', 'ffmpeg was not found', { reason: 'notInstalled' })
      )
    }
    const encoder = settings.profile.encoder
    if (this.unusableEncoders.includes(encoder)) {
      throw streamError(
        'STREAM_INVALID_SETTINGS',
        `${encoder} is built into this ffmpeg but did not open on this computer; choose libx264`,
        { reason: 'encoderUnusable', encoder },
      )
    }
    if (!this.encoders.includes(encoder)) {
      throw streamError(
        'STREAM_INVALID_SETTINGS',
        `This ffmpeg has no ${encoder} encoder; choose one of ${this.encoders.join(', ')}`,
        { reason: 'encoderMissing', encoder, available: this.encoders.join(', ') },
      )
    }
    if (supervisor.status().state !== 'stopped') {
      throw streamError(
        'STREAM_ALREADY_RUNNING',
        'A stream or recording is already running; stop it first',
      )
    }
    this.recordFormat = record ? settings.record.format : null
    this.closeLive()
    this.active = supervisor
    const { overlays, layers } = this.startLive(settings, supervisor)
    try {
      return await supervisor.start(this.streamSettings(settings, overlays, pushUrl, record), {
        layers,
      })
    } catch (error) {
      this.closeLive()
      throw error
    }
  }

  private streamSettings(
    settings: StageSettings,
    overlays: StreamOverlay[],
    pushUrl: string | null,
    record: boolean,
  ) {
    return {
      source: settings.source,
      profile: settings.profile,
      overlays,
      push: pushUrl ? { url: pushUrl } : undefined,
      record: record ? this.recordTarget(settings) : undefined,
      reconnect: settings.reconnect,
      minFreeDiskMb: settings.minFreeDiskMb,
    }
  }

  private pushUrl(settings: StageSettings): string {
    const { target } = settings
    switch (target.kind) {
      case 'embedded': {
        if (!this.options.ingest) {
          throw streamError(
            'STREAM_INVALID_SETTINGS',
            'This room server runs no ingest; choose another target',
            { reason: 'noIngest' },
          )
        }
        return this.options.ingest.publishUrl(this.options.roomId)
      }
      case 'css':
      case 'trtc': {
        const key = this.options.secrets.get('cssPushKey')
        if (!key) {
          throw streamError(
            'STREAM_INVALID_SETTINGS',
            'Enter the CSS push key (Stage settings) before going live',
            { reason: 'cssPushKey' },
          )
        }
        // cssPushUrl refuses a bad domain or name with a coded error of its own.
        return cssPushUrl({
          domain: target.domain,
          app: target.app,
          stream: target.stream,
          key,
          expires: new Date(this.now() + target.expiresHours * 3600_000),
        })
      }
      case 'rtmp': {
        const key = this.options.secrets.get('rtmpStreamKey')
        const base = target.url.replace(/\/+$/, '')
        return key ? `${base}/${key}` : base
      }
    }
  }

  private monitorUrl(settings: StageSettings): string | null {
    const { target } = settings
    if (target.kind === 'embedded') return this.options.ingest?.playUrl(this.options.roomId) ?? null
    if ((target.kind === 'css' || target.kind === 'trtc') && target.playDomain) {
      // A playback domain with authentication on needs its own signature (reference §8.1).
      const key = this.options.secrets.get('cssPlayKey') ?? undefined
      try {
        return cssPlayUrls({
          domain: target.playDomain,
          app: target.app,
          stream: target.stream,
          ...(key ? { key, expires: new Date(this.now() + target.expiresHours * 3600_000) } : {}),
        }).flv
      } catch {
        return null
      }
    }
    return null
  }

  /** OBS asks for "Server" and "Stream key" separately. */
  private ingestForObs(): StageSnapshot['ingest'] {
    const url = this.options.ingest?.publishUrl(this.options.roomId)
    if (!url) return null
    const cut = url.lastIndexOf('/')
    return { server: url.slice(0, cut), streamKey: url.slice(cut + 1) }
  }

  /**
   * Where the next recording goes (its folder is made if missing). Two recordings started within
   * the same second would get the same name from the pattern: the second gets "-2" (and so on)
   * rather than a refusal, since a recording is never overwritten.
   */
  private recordTarget(settings: StageSettings) {
    mkdirSync(settings.record.dir, { recursive: true })
    const name = this.recordingName(settings)
    const ext = extname(name)
    let path = join(settings.record.dir, name)
    for (let n = 2; taken(path); n++) {
      path = join(settings.record.dir, `${name.slice(0, name.length - ext.length)}-${n}${ext}`)
    }
    return {
      path,
      format: settings.record.format,
      split: settings.record.split,
    }
  }

  private recordingName(settings: StageSettings): string {
    return recordingName(
      settings.record.fileName,
      new Date(this.now()),
      this.options.roomId,
      recordFormatExtension[settings.record.format],
    )
  }
}

/** A recording of this name exists: the file, a part of it after a restart or a split. */
function taken(path: string): boolean {
  return (
    existsSync(path) || existsSync(restartPartPath(path, 2)) || existsSync(splitPartPath(path, 1))
  )
}

/** ffmpeg could not be located or asked for its encoders; keep why, for the Stage to word. */
function coded(error: unknown): ContractError {
  if (error instanceof StreamEngineError) return error.toJSON()
  const message = error instanceof Error ? error.message : String(error)
  return streamError('STREAM_FAILED', message, { detail: message }).toJSON()
}
