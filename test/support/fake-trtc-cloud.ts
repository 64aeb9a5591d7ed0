import { EventEmitter } from 'node:events'
import { MessageChannel, type MessagePort } from 'node:worker_threads'
import type {
  TRTCDeviceInfo,
  TRTCScreenCaptureSourceInfo,
  TRTCStatistics,
  TRTCLocalStatistics,
} from 'trtc-electron-sdk'
import * as trtcCode from 'trtc-electron-sdk/liteav/trtc_code'
import * as trtcDefine from 'trtc-electron-sdk/liteav/trtc_define'
import type { Clock } from '../../src-main/common/clock'
import { serveTrtcCloud } from '../../src-main/console/stream/trtc-host'
import type {
  TrtcCloud,
  TrtcCloudPort,
  TrtcEvents,
  TrtcMethod,
  TrtcSdk,
} from '../../src-main/console/stream/trtc-port'
import { openTrtcCloud, type RpcEndpoint } from '../../src-main/console/stream/trtc-rpc'

type PortMethod = TrtcMethod

/** One call the engine made, with its arguments as it passed them. */
export interface TrtcCall {
  method: PortMethod
  args: unknown[]
}

const image = { buffer: new ArrayBuffer(0), length: 0, width: 0, height: 0 }

/** A screen as getScreenCaptureSources lists it (TRTCScreenCaptureSourceInfo). */
export function screenSource(
  sourceId: string,
  sourceName: string,
  isMainScreen: boolean,
): TRTCScreenCaptureSourceInfo {
  return {
    type: trtcDefine.TRTCScreenCaptureSourceType.TRTCScreenCaptureSourceTypeScreen,
    sourceId,
    sourceName,
    thumbBGRA: image,
    iconBGRA: image,
    isMinimizeWindow: false,
    width: 1920,
    height: 1080,
    isMainScreen,
  }
}

/** TRTCStatistics with the big stream's local figures (the SDK's shape, every 2 s). */
export function statistics(
  local: Partial<TRTCLocalStatistics>,
  rest: Partial<TRTCStatistics> = {},
): TRTCStatistics {
  const big: TRTCLocalStatistics = {
    width: 1280,
    height: 720,
    frameRate: 30,
    videoBitrate: 2400,
    audioSampleRate: 48000,
    audioBitrate: 128,
    streamType: trtcDefine.TRTCVideoStreamType.TRTCVideoStreamTypeBig,
    ...local,
  }
  return {
    upLoss: 0,
    downLoss: 0,
    appCpu: 12,
    systemCpu: 30,
    rtt: 40,
    receivedBytes: 0,
    sentBytes: 0,
    localStatisticsArray: [big],
    localStatisticsArraySize: 1,
    remoteStatisticsArray: [],
    remoteStatisticsArraySize: 0,
    gatewayRtt: 20,
    appMemoryUsageInMB: 200,
    systemMemoryUsageInMB: 4000,
    systemMemoryInMB: 16000,
    ...rest,
  }
}

/**
 * The one fake TRTCCloud of the tests: the calls the engine makes are recorded (typed by the SDK's
 * own TRTCCloud declarations through TrtcCloud), and the test answers with the SDK's callbacks
 * (`fire`), in the shapes the SDK documents. It stands where the real one does: in the host,
 * served over the RPC port (trtcOverRpc). Nothing here publishes anything.
 */
export class FakeTrtcCloud extends EventEmitter implements TrtcCloud {
  readonly calls: TrtcCall[] = []
  cameras: TRTCDeviceInfo[] = [
    { deviceId: 'cam-1', deviceName: 'FaceTime HD', deviceProperties: {} },
  ]
  mics: TRTCDeviceInfo[] = [{ deviceId: 'mic-1', deviceName: 'Built-in Mic', deviceProperties: {} }]
  screens: TRTCScreenCaptureSourceInfo[] = [
    screenSource('screen-2', 'Display 2', false),
    screenSource('screen-1', 'Display 1', true),
  ]
  private readonly waiting = new Map<PortMethod, Array<(call: TrtcCall) => void>>()

  /** Sends an SDK callback to the engine, with the SDK's arguments. */
  fire<N extends keyof TrtcEvents>(name: N, ...args: Parameters<TrtcEvents[N]>): void {
    this.emit(name, ...args)
  }

  /** Resolves at the engine's next call of `method` (or at once if it already made one). */
  called(method: PortMethod): Promise<TrtcCall> {
    const done = this.calls.find((c) => c.method === method)
    if (done) return Promise.resolve(done)
    return new Promise((resolve) => {
      this.waiting.set(method, [...(this.waiting.get(method) ?? []), resolve])
    })
  }

  methods(): PortMethod[] {
    return this.calls.map((c) => c.method)
  }

  args(method: PortMethod): unknown[] | undefined {
    return this.calls.find((c) => c.method === method)?.args
  }

  private record(method: PortMethod, args: unknown[]): void {
    const call = { method, args }
    this.calls.push(call)
    const waiters = this.waiting.get(method) ?? []
    this.waiting.delete(method)
    for (const resolve of waiters) resolve(call)
  }

  enterRoom(...args: Parameters<TrtcCloudPort['enterRoom']>) {
    this.record('enterRoom', args)
  }
  exitRoom() {
    this.record('exitRoom', [])
  }
  setVideoEncoderParam(...args: Parameters<TrtcCloudPort['setVideoEncoderParam']>) {
    this.record('setVideoEncoderParam', args)
  }
  setAudioQuality(...args: Parameters<TrtcCloudPort['setAudioQuality']>) {
    this.record('setAudioQuality', args)
  }
  startLocalPreview(...args: Parameters<TrtcCloudPort['startLocalPreview']>) {
    this.record('startLocalPreview', args)
  }
  stopLocalPreview() {
    this.record('stopLocalPreview', [])
  }
  startLocalAudio(...args: Parameters<TrtcCloudPort['startLocalAudio']>) {
    this.record('startLocalAudio', args)
  }
  stopLocalAudio() {
    this.record('stopLocalAudio', [])
  }
  getCameraDevicesList() {
    return this.cameras
  }
  getMicDevicesList() {
    return this.mics
  }
  setCurrentCameraDevice(...args: Parameters<TrtcCloudPort['setCurrentCameraDevice']>) {
    this.record('setCurrentCameraDevice', args)
  }
  setCurrentMicDevice(...args: Parameters<TrtcCloudPort['setCurrentMicDevice']>) {
    this.record('setCurrentMicDevice', args)
  }
  getScreenCaptureSources() {
    return this.screens
  }
  selectScreenCaptureTarget(...args: Parameters<TrtcCloudPort['selectScreenCaptureTarget']>) {
    this.record('selectScreenCaptureTarget', args)
  }
  startScreenCapture(...args: Parameters<TrtcCloudPort['startScreenCapture']>) {
    this.record('startScreenCapture', args)
  }
  stopScreenCapture() {
    this.record('stopScreenCapture', [])
  }
  startSystemAudioLoopback(...args: Parameters<TrtcCloudPort['startSystemAudioLoopback']>) {
    this.record('startSystemAudioLoopback', args)
  }
  stopSystemAudioLoopback() {
    this.record('stopSystemAudioLoopback', [])
  }
  startPublishMediaStream(...args: Parameters<TrtcCloudPort['startPublishMediaStream']>) {
    this.record('startPublishMediaStream', args)
  }
  stopPublishMediaStream(...args: Parameters<TrtcCloudPort['stopPublishMediaStream']>) {
    this.record('stopPublishMediaStream', args)
  }
  startLocalRecording(...args: Parameters<TrtcCloudPort['startLocalRecording']>) {
    this.record('startLocalRecording', args)
  }
  stopLocalRecording() {
    this.record('stopLocalRecording', [])
  }
}

/** The SDK as the loader hands it over: its real enums and code tables, and `createCloud`. */
export function fakeTrtcSdk(createCloud: () => Promise<TrtcCloudPort>): TrtcSdk {
  return {
    TRTCAppScene: trtcDefine.TRTCAppScene,
    TRTCRoleType: trtcDefine.TRTCRoleType,
    TRTCPublishMode: trtcDefine.TRTCPublishMode,
    TRTCVideoResolution: trtcDefine.TRTCVideoResolution,
    TRTCVideoResolutionMode: trtcDefine.TRTCVideoResolutionMode,
    TRTCVideoStreamType: trtcDefine.TRTCVideoStreamType,
    TRTCAudioQuality: trtcDefine.TRTCAudioQuality,
    TRTCRecordType: trtcDefine.TRTCRecordType,
    TRTCQuality: trtcDefine.TRTCQuality,
    TRTCScreenCaptureSourceType: trtcDefine.TRTCScreenCaptureSourceType,
    TXLiteAVError: trtcCode.TXLiteAVError,
    TXLiteAVWarning: trtcCode.TXLiteAVWarning,
    createCloud,
  }
}

/**
 * One end of a worker_threads MessageChannel as an RpcEndpoint: the same postMessage and
 * structured clone as Electron's MessageChannelMain (Electron's runtime cannot run here).
 * `mute()` makes this end drop what arrives: a host that stops answering.
 */
export function nodeEndpoint(port: MessagePort): RpcEndpoint & { mute(): void } {
  let muted = false
  port.unref()
  return {
    post: (message) => port.postMessage(message),
    onMessage: (listener) =>
      port.on('message', (message: unknown) => {
        if (!muted) listener(message)
      }),
    onClose: (listener) => port.once('close', listener),
    close: () => port.close(),
    mute: () => (muted = true),
  }
}

/**
 * The fake TRTCCloud served as the host window serves the real one (serveTrtcCloud, with the
 * SDK's real classes), and main's port to it (openTrtcCloud) over a MessageChannel. `fire` sends
 * a callback from the SDK and resolves once main's port has handed it on.
 */
export function trtcOverRpc(cloud: FakeTrtcCloud, options: { clock?: Clock } = {}) {
  const channel = new MessageChannel()
  const host = nodeEndpoint(channel.port2)
  let port: TrtcCloudPort | null = null
  const listening = new Map<string, number>()
  const count = (name: string, by: number) => listening.set(name, (listening.get(name) ?? 0) + by)
  const connect = async (): Promise<TrtcCloudPort> => {
    if (port) return port
    const opened = await openTrtcCloud(nodeEndpoint(channel.port1), options)
    // Counts main's listeners, to see the engine let go of the callbacks.
    port = {
      ...opened,
      on: (name, listener) => (count(name, 1), opened.on(name, listener)),
      off: (name, listener) => (count(name, -1), opened.off(name, listener)),
    }
    return port
  }
  serveTrtcCloud(host, cloud, trtcDefine)
  host.post({ kind: 'ready' })
  return {
    sdk: fakeTrtcSdk(connect),
    connect,
    async fire<N extends keyof TrtcEvents>(name: N, ...args: Parameters<TrtcEvents[N]>) {
      const main = await connect()
      // Added after the engine's listener: it runs once the engine has had the callback.
      const arrived = new Promise<void>((resolve) => {
        const listener = () => {
          main.off(name, listener)
          resolve()
        }
        main.on(name, listener)
      })
      cloud.fire(name, ...args)
      await arrived
    },
    /** How many listeners main's port has for an SDK callback. */
    listenerCount: (name: keyof TrtcEvents) => listening.get(name) ?? 0,
    /** The host window stops answering (its calls are dropped). */
    hang: () => host.mute(),
    /** The host window goes away. */
    close: () => {
      channel.port1.close()
      channel.port2.close()
    },
  }
}
