import type TRTCCloud from 'trtc-electron-sdk'
import type {
  TRTCAppScene,
  TRTCAudioQuality,
  TRTCPublishMode,
  TRTCQuality,
  TRTCQualityInfo,
  TRTCRecordType,
  TRTCRoleType,
  TRTCScreenCaptureSourceType,
  TRTCStatistics,
  TRTCVideoResolution,
  TRTCVideoResolutionMode,
  TRTCVideoStreamType,
  TXLiteAVError,
  TXLiteAVWarning,
} from 'trtc-electron-sdk'
import type { StreamEngineError } from './stream-error'

/** The TRTCCloud methods LiveDesk calls: the port's allow-list, and all a host serves. */
export const TRTC_METHODS = [
  'enterRoom',
  'exitRoom',
  'setVideoEncoderParam',
  'setAudioQuality',
  'startLocalPreview',
  'stopLocalPreview',
  'startLocalAudio',
  'stopLocalAudio',
  'getCameraDevicesList',
  'getMicDevicesList',
  'setCurrentCameraDevice',
  'setCurrentMicDevice',
  'getScreenCaptureSources',
  'selectScreenCaptureTarget',
  'startScreenCapture',
  'stopScreenCapture',
  'startSystemAudioLoopback',
  'stopSystemAudioLoopback',
  'startPublishMediaStream',
  'stopPublishMediaStream',
  'startLocalRecording',
  'stopLocalRecording',
] as const satisfies ReadonlyArray<keyof TRTCCloud>
export type TrtcMethod = (typeof TRTC_METHODS)[number]

/**
 * Tencent's TRTCCloud as the host window drives it (issue 17): those methods, typed from the
 * SDK's own declarations (trtc-electron-sdk/liteav/trtc.d.ts), so a fake in a test and the real
 * instance take the same arguments. Only types are imported here.
 */
export type TrtcCloud = Pick<TRTCCloud, TrtcMethod> & {
  // TRTCCloud is an EventEmitter; its on/off return the instance, which nobody here uses.
  on(event: string, listener: Parameters<TRTCCloud['on']>[1]): unknown
  off(event: string, listener: Parameters<TRTCCloud['off']>[1]): unknown
}

/**
 * The narrow port the TRTC engine drives: the same calls, each answered later — the SDK runs in
 * the TRTC host window (trtc-rpc.ts), so every call crosses a process and returns a Promise of
 * what the SDK returned (the device lists included). A host that fails answers with a coded
 * TRTC_HOST_FAILED rejection, and onHostLost says so once.
 */
export type TrtcCloudPort = {
  [M in TrtcMethod]: (...args: Parameters<TRTCCloud[M]>) => Promise<ReturnType<TRTCCloud[M]>>
} & {
  on(event: string, listener: Parameters<TRTCCloud['on']>[1]): unknown
  off(event: string, listener: Parameters<TRTCCloud['off']>[1]): unknown
  /** The host stopped answering or went away; every later call rejects with the same error. */
  onHostLost(listener: (error: StreamEngineError) => void): () => void
}

/**
 * The callbacks the engine listens to, with the arguments the SDK documents for them (its
 * handlers are private in the .d.ts; the `@event TRTCCallback#…` comments give these shapes).
 */
export interface TrtcEvents {
  onError: (errCode: number, errMsg: string) => void
  onWarning: (warningCode: number, warningMsg: string, extra: unknown) => void
  /** > 0: ms it took; < 0: the error code (from SDK 6.6 on, onError follows too). */
  onEnterRoom: (result: number) => void
  /** 0: our exitRoom; 1: kicked by the server; 2: the room was dismissed. */
  onExitRoom: (reason: number) => void
  /** Every 2 s. */
  onStatistics: (statistics: TRTCStatistics) => void
  /** Every 2 s; localQuality.userId is ''. */
  onNetworkQuality: (localQuality: TRTCQualityInfo, remoteQuality: TRTCQualityInfo[]) => void
  onConnectionLost: () => void
  onTryToReconnect: () => void
  onConnectionRecovery: () => void
  /** code 0: the task runs, with this taskId. */
  onStartPublishMediaStream: (
    taskId: string,
    code: number,
    message: string,
    extraInfo: string,
  ) => void
  onStopPublishMediaStream: (taskId: string, code: number, message: string) => void
  /** status 0 idle, 1 connecting, 2 pushing, 3 recovering, 4 failed, 5 disconnecting. */
  onCdnStreamStateChanged: (cdnUrl: string, status: number, code: number, msg: string) => void
  /** errCode 0: started; -1: failed; -2: not an .mp4 path. */
  onLocalRecordBegin: (errCode: number, storagePath: string) => void
  onLocalRecording: (durationMs: number, storagePath: string) => void
  /** errCode 0: done; -1 failed; -2 cut by a resolution change; -3 too short or nothing captured. */
  onLocalRecordComplete: (errCode: number, storagePath: string) => void
}
export type TrtcEventName = keyof TrtcEvents

/** Every callback a host forwards (the TrtcEvents above, kept exhaustive by `satisfies`). */
export const TRTC_EVENTS = Object.keys({
  onError: 1,
  onWarning: 1,
  onEnterRoom: 1,
  onExitRoom: 1,
  onStatistics: 1,
  onNetworkQuality: 1,
  onConnectionLost: 1,
  onTryToReconnect: 1,
  onConnectionRecovery: 1,
  onStartPublishMediaStream: 1,
  onStopPublishMediaStream: 1,
  onCdnStreamStateChanged: 1,
  onLocalRecordBegin: 1,
  onLocalRecording: 1,
  onLocalRecordComplete: 1,
} satisfies Record<TrtcEventName, 1>) as TrtcEventName[]

/**
 * The SDK as main sees it: its enums and code tables (plain JS objects, which load in any
 * process), and the shared TRTCCloud behind a port to the host window that loaded it.
 */
export interface TrtcSdk {
  TRTCAppScene: typeof TRTCAppScene
  TRTCRoleType: typeof TRTCRoleType
  TRTCPublishMode: typeof TRTCPublishMode
  TRTCVideoResolution: typeof TRTCVideoResolution
  TRTCVideoResolutionMode: typeof TRTCVideoResolutionMode
  TRTCVideoStreamType: typeof TRTCVideoStreamType
  TRTCAudioQuality: typeof TRTCAudioQuality
  TRTCRecordType: typeof TRTCRecordType
  TRTCQuality: typeof TRTCQuality
  TRTCScreenCaptureSourceType: typeof TRTCScreenCaptureSourceType
  TXLiteAVError: typeof TXLiteAVError
  TXLiteAVWarning: typeof TXLiteAVWarning
  createCloud(): Promise<TrtcCloudPort>
}
