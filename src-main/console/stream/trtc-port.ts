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

/**
 * The narrow port the TRTC engine drives (issue 17): the calls it makes on Tencent's TRTCCloud,
 * typed from the SDK's own declarations (trtc-electron-sdk/liteav/trtc.d.ts), so a fake in a test
 * and the real instance take the same arguments. Only types are imported here; the SDK itself is
 * loaded by trtc-loader.ts where it can run.
 */
export type TrtcCloudPort = Pick<
  TRTCCloud,
  | 'enterRoom'
  | 'exitRoom'
  | 'setVideoEncoderParam'
  | 'setAudioQuality'
  | 'startLocalPreview'
  | 'stopLocalPreview'
  | 'startLocalAudio'
  | 'stopLocalAudio'
  | 'getCameraDevicesList'
  | 'getMicDevicesList'
  | 'setCurrentCameraDevice'
  | 'setCurrentMicDevice'
  | 'getScreenCaptureSources'
  | 'selectScreenCaptureTarget'
  | 'startScreenCapture'
  | 'stopScreenCapture'
  | 'startSystemAudioLoopback'
  | 'stopSystemAudioLoopback'
  | 'startPublishMediaStream'
  | 'stopPublishMediaStream'
  | 'startLocalRecording'
  | 'stopLocalRecording'
> & {
  // TRTCCloud is an EventEmitter; its on/off return the instance, which the engine never uses.
  on(event: string, listener: Parameters<TRTCCloud['on']>[1]): unknown
  off(event: string, listener: Parameters<TRTCCloud['off']>[1]): unknown
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

/** The loaded SDK: its enums and code tables (plain JS objects), and the shared TRTCCloud. */
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
  createCloud(): TrtcCloudPort
}
