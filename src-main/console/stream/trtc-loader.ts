import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { ContractError } from '../../../src-shared/contract/result'
import type { StreamErrorReason } from '../../../src-shared/contract/stream'
import { streamError } from './stream-error'
import type * as TrtcModule from 'trtc-electron-sdk'
import type { TrtcSdk } from './trtc-port'

export type TrtcUnavailableReason = StreamErrorReason<'TRTC_UNAVAILABLE'>

export type TrtcLoad = { ok: true; sdk: TrtcSdk } | { ok: false; error: ContractError }

/** What the loader looks at; the defaults are this process's. */
export interface TrtcLoadEnv {
  /** process.versions.electron: the SDK is an Electron native module. */
  electron?: string | undefined
  platform?: NodeJS.Platform
  /** Whether this process has a DOM: the SDK probes WebGL with document.createElement at load. */
  hasDocument?: boolean
  /** Resolves and loads modules (a test passes its own). */
  require?: NodeJS.Require
  exists?: (file: string) => boolean
}

const PACKAGE = 'trtc-electron-sdk'
/** Where the SDK's download puts its native module (liteav/trtc.js requires it from there). */
const NATIVE = path.join('build', 'Release', 'trtc_electron_sdk.node')

/**
 * Loads Tencent's TRTC Electron SDK only where it can run, or says why not (issue 17). Checked in
 * the order a person can act on: the desktop app, then the OS, then the install, then the process.
 *
 * - Not Electron (the browser host, plain Node): the SDK is a native module built for Electron.
 * - Not Windows or macOS: Tencent publishes the Electron SDK for those two only (reference §9).
 * - Not installed: it is an optional dependency, left out of Linux packages.
 * - Installed without `build/Release/trtc_electron_sdk.node`: the native module is a download
 *   its install script makes, which LiveDesk does not run on developer machines (allowScripts).
 * - No DOM: the SDK's renderer module calls document.createElement('canvas') and reads
 *   window.matchMedia as it loads and constructs (liteav/Renderer/util.js, base/
 *   DevicePixelRatioObserver.js), so it cannot load in a process without a window. LiveDesk's
 *   stream engines run in the main process, and its windows have no Node integration.
 *
 * Nothing is required until every check passes; a require that still throws is reported with
 * its words.
 */
export function loadTrtcSdk(env: TrtcLoadEnv = {}): TrtcLoad {
  const electron = 'electron' in env ? env.electron : process.versions.electron
  const platform = env.platform ?? process.platform
  const hasDocument = env.hasDocument ?? 'document' in globalThis
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
  if (!hasDocument) {
    return no('noWindow', `${PACKAGE} loads only in a process with a window's DOM`)
  }
  try {
    const mod = load(PACKAGE) as typeof TrtcModule
    return { ok: true, sdk: { ...mod, createCloud: () => mod.default.getTRTCShareInstance() } }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return no('loadFailed', `${PACKAGE} did not load: ${detail}`, { detail })
  }
}
