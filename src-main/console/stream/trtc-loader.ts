import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { ContractError } from '../../../src-shared/contract/result'
import type { StreamErrorReason } from '../../../src-shared/contract/stream'
import { streamError } from './stream-error'
import type * as TrtcCode from 'trtc-electron-sdk/liteav/trtc_code'
import type * as TrtcDefine from 'trtc-electron-sdk/liteav/trtc_define'
import type { TrtcCloudPort, TrtcSdk } from './trtc-port'

export type TrtcUnavailableReason = StreamErrorReason<'TRTC_UNAVAILABLE'>

export type TrtcLoad = { ok: true; sdk: TrtcSdk } | { ok: false; error: ContractError }

/** What the loader looks at; the defaults are this process's. */
export interface TrtcLoadEnv {
  /** process.versions.electron: the SDK is an Electron native module. */
  electron?: string | undefined
  platform?: NodeJS.Platform
  /**
   * Opens the TRTC host window and connects to its TRTCCloud (src-main/shell/trtc-window.ts):
   * the desktop shell's, and only the shell's, so nothing else offers TRTC.
   */
  openHost?: () => Promise<TrtcCloudPort>
  /** Resolves and loads modules (a test passes its own). */
  require?: NodeJS.Require
  exists?: (file: string) => boolean
}

const PACKAGE = 'trtc-electron-sdk'
/** Where the SDK's download puts its native module (liteav/trtc.js requires it from there). */
const NATIVE = path.join('build', 'Release', 'trtc_electron_sdk.node')

/**
 * Whether Tencent's TRTC Electron SDK can run here, or why not (issue 17), checked in main
 * without loading the SDK, in the order a person can act on: the desktop app, then the OS, then
 * the install.
 *
 * - Not Electron (the browser host, plain Node): the SDK is a native module built for Electron.
 * - Not Windows or macOS: Tencent publishes the Electron SDK for those two only (reference §9).
 * - Not installed: it is an optional dependency, left out of Linux packages.
 * - Installed without `build/Release/trtc_electron_sdk.node`: the native module is a download
 *   its install script makes, which LiveDesk does not run on developer machines (allowScripts).
 *
 * The SDK itself is required only in the TRTC host window (`openHost`), because its renderer
 * module calls document.createElement('canvas') and reads window.matchMedia as it loads
 * (liteav/Renderer/util.js, base/DevicePixelRatioObserver.js); a require that throws there is
 * TRTC_UNAVAILABLE/loadFailed at Go live. Main takes only the SDK's enums and code tables
 * (liteav/trtc_define.js, trtc_code.js: plain objects, no DOM, no native module).
 */
export function loadTrtcSdk(env: TrtcLoadEnv = {}): TrtcLoad {
  const electron = 'electron' in env ? env.electron : process.versions.electron
  const platform = env.platform ?? process.platform
  const load = env.require ?? createRequire(__filename)
  const exists = env.exists ?? fs.existsSync
  const no = (reason: TrtcUnavailableReason, message: string, params = {}): TrtcLoad => ({
    ok: false,
    error: streamError('TRTC_UNAVAILABLE', message, { reason, ...params }).toJSON(),
  })
  if (!electron) return no('notElectron', 'Tencent TRTC needs the Electron desktop app')
  if (platform !== 'win32' && platform !== 'darwin') {
    return no('platform', `Tencent TRTC runs on Windows and macOS, not ${platform}`, { platform })
  }
  let root: string
  try {
    root = path.dirname(load.resolve(`${PACKAGE}/package.json`))
  } catch {
    return no('notInstalled', `${PACKAGE} is not installed`)
  }
  if (!exists(path.join(root, NATIVE))) {
    return no('nativeMissing', `${PACKAGE} is installed without its native module (${NATIVE})`)
  }
  // Electron without the desktop shell's host window (a script run with electron): not the app.
  const openHost = env.openHost
  if (!openHost) return no('notElectron', 'Tencent TRTC needs the LiveDesk desktop app')
  try {
    const define = load(`${PACKAGE}/liteav/trtc_define`) as typeof TrtcDefine
    const codes = load(`${PACKAGE}/liteav/trtc_code`) as typeof TrtcCode
    return {
      ok: true,
      sdk: {
        TRTCAppScene: define.TRTCAppScene,
        TRTCRoleType: define.TRTCRoleType,
        TRTCPublishMode: define.TRTCPublishMode,
        TRTCVideoResolution: define.TRTCVideoResolution,
        TRTCVideoResolutionMode: define.TRTCVideoResolutionMode,
        TRTCVideoStreamType: define.TRTCVideoStreamType,
        TRTCAudioQuality: define.TRTCAudioQuality,
        TRTCRecordType: define.TRTCRecordType,
        TRTCQuality: define.TRTCQuality,
        TRTCScreenCaptureSourceType: define.TRTCScreenCaptureSourceType,
        TXLiteAVError: codes.TXLiteAVError,
        TXLiteAVWarning: codes.TXLiteAVWarning,
        createCloud: openHost,
      },
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return no('loadFailed', `${PACKAGE}'s code tables did not load: ${detail}`, { detail })
  }
}
