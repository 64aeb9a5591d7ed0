import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { loadTrtcSdk } from '../../../src-main/console/stream/trtc-loader'

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

  it('with the native module present, still refuses a process without a window (its DOM probe)', () => {
    const load = loadTrtcSdk({
      electron: '45.5.0',
      platform: 'win32',
      require: realRequire,
      exists: () => true,
      hasDocument: false,
    })
    expect(reason(load)).toBe('noWindow')
  })

  it('reports the words of a require that throws', () => {
    // The real SDK, required here: it throws before it reaches its native module.
    const load = loadTrtcSdk({
      electron: '45.5.0',
      platform: 'win32',
      require: realRequire,
      exists: () => true,
      hasDocument: true,
    })
    expect(reason(load)).toBe('loadFailed')
    if (!load.ok) expect(String(load.error.params?.detail)).toMatch(/document is not defined/)
  })

  it('hands over the module and its shared TRTCCloud where everything is there', () => {
    const cloud = { id: 'shared' }
    const fakeModule = {
      TRTCAppScene: { TRTCAppSceneLIVE: 1 },
      default: { getTRTCShareInstance: () => cloud },
    }
    const require = Object.assign(() => fakeModule, {
      resolve: () => '/app/node_modules/trtc-electron-sdk/package.json',
    }) as unknown as NodeJS.Require
    const load = loadTrtcSdk({
      electron: '45.5.0',
      platform: 'darwin',
      require,
      exists: (file) => file.endsWith('trtc_electron_sdk.node'),
      hasDocument: true,
    })
    expect(load.ok).toBe(true)
    if (load.ok) {
      expect(load.sdk.TRTCAppScene.TRTCAppSceneLIVE).toBe(1)
      expect(load.sdk.createCloud()).toBe(cloud)
    }
  })
})
