import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { loadTrtcSdk } from '../../../src-main/console/stream/trtc-loader'
import type { TrtcCloudPort } from '../../../src-main/console/stream/trtc-port'

const realRequire = createRequire(__filename)

function reason(load: ReturnType<typeof loadTrtcSdk>) {
  return load.ok ? 'loaded' : load.error.params?.reason
}

describe('loading the TRTC Electron SDK', () => {
  it('here (plain Node, as the tests and the browser host run) it is not offered: not Electron', () => {
    const load = loadTrtcSdk()
    expect(load.ok).toBe(false)
    expect(reason(load)).toBe('notElectron')
    if (!load.ok) expect(load.error.code).toBe(1114)
  })

  it('on Linux it is not offered even in Electron: Tencent builds it for Windows and macOS', () => {
    const load = loadTrtcSdk({ electron: '45.5.0', platform: 'linux' })
    expect(reason(load)).toBe('platform')
    if (!load.ok) expect(load.error.params).toMatchObject({ platform: 'linux' })
  })

  it('says when the optional package is not installed', () => {
    const missing = Object.assign(
      () => {
        throw new Error('not found')
      },
      {
        resolve: () => {
          throw Object.assign(new Error('Cannot find module'), { code: 'MODULE_NOT_FOUND' })
        },
      },
    ) as unknown as NodeJS.Require
    expect(reason(loadTrtcSdk({ electron: '45.5.0', platform: 'win32', require: missing }))).toBe(
      'notInstalled',
    )
  })

  it('finds the package installed here without its native module (its download never ran)', () => {
    // The real node_modules: allowScripts keeps the SDK's install script from downloading it.
    const load = loadTrtcSdk({ electron: '45.5.0', platform: 'darwin', require: realRequire })
    expect(reason(load)).toBe('nativeMissing')
  })

  it("with the native module present, Electron without the shell's host window is not the app", () => {
    const load = loadTrtcSdk({
      electron: '45.5.0',
      platform: 'win32',
      require: realRequire,
      exists: () => true,
    })
    expect(reason(load)).toBe('notElectron')
  })

  it('offers TRTC in main without requiring the SDK: its code tables here, its TRTCCloud from the host window', async () => {
    // The real package's trtc_define/trtc_code load under plain Node; the SDK's index (which
    // needs a DOM and the native module) is never required in main.
    const required: string[] = []
    const require = Object.assign(
      (id: string) => {
        required.push(id)
        return realRequire(id) as unknown
      },
      { resolve: realRequire.resolve },
    ) as unknown as NodeJS.Require
    const port = { id: 'host' } as unknown as TrtcCloudPort
    const load = loadTrtcSdk({
      electron: '45.5.0',
      platform: 'darwin',
      require,
      exists: (file) => file.endsWith('trtc_electron_sdk.node'),
      openHost: () => Promise.resolve(port),
    })
    expect(load.ok).toBe(true)
    if (!load.ok) return
    expect(required).toEqual([
      'trtc-electron-sdk/liteav/trtc_define',
      'trtc-electron-sdk/liteav/trtc_code',
    ])
    expect(load.sdk.TRTCAppScene.TRTCAppSceneLIVE).toBe(1)
    expect(load.sdk.TXLiteAVError.ERR_USER_SIG_INVALID).toBe(-3320)
    expect(await load.sdk.createCloud()).toBe(port)
  })
})
