import * as trtcDefine from 'trtc-electron-sdk/liteav/trtc_define'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { serveHostPort } from '../../../src-main/console/stream/trtc-host'
import { createTrtcHost, TRTC_HOST_PAGE } from '../../../src-main/shell/trtc-window'
import { FakeBrowserWindow, FakeWebContents } from '../../support/fake-electron'
import { FakeTrtcCloud } from '../../support/fake-trtc-cloud'

/**
 * The TRTC host window (issue 17) under Node: Electron's runtime cannot run here, so the window,
 * its WebContents and MessageChannelMain are the fakes of test/support/fake-electron.ts, and the
 * window's preload is played by serveHostPort — the preload's whole code — with a fake TRTCCloud
 * in place of the SDK. Nothing here loads trtc-electron-sdk's native module or pushes anything.
 */
vi.mock('electron', async () => (await import('../../support/fake-electron')).electron)

const lines: string[] = []
const host = () =>
  createTrtcHost({
    preload: '/app/out/main/trtc-host.js',
    devTools: false,
    log: (l) => lines.push(l),
  })

/** The preload as the window runs it: serves `cloud`, or fails to load the SDK with `loadError`. */
function playPreload(cloud: FakeTrtcCloud, loadError?: string): void {
  FakeWebContents.preload = (contents) =>
    serveHostPort(
      contents.ipcRenderer,
      () => {
        if (loadError) throw new Error(loadError)
        return { cloud, classes: trtcDefine }
      },
      (line) => lines.push(line),
    )
}

const windows = () => FakeBrowserWindow.created
const settle = () => new Promise((resolve) => setImmediate(resolve))

afterEach(() => {
  FakeWebContents.preload = null
  FakeWebContents.holdLoads = false
  FakeBrowserWindow.created.length = 0
  lines.length = 0
})

describe('the TRTC host window (issue 17)', () => {
  it('opens one hidden, locked-down window and serves the SDK’s cloud from it to main', async () => {
    const cloud = new FakeTrtcCloud()
    playPreload(cloud)
    const trtc = host()
    const opening = trtc.open()
    expect(trtc.open()).toBe(opening)
    const port = await opening
    expect(windows()).toHaveLength(1)
    const win = windows()[0]!
    expect(win.options).toMatchObject({ show: false, skipTaskbar: true })
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/out/main/trtc-host.js',
      partition: 'livedesk-trtc-host',
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: false,
      backgroundThrottling: false,
      devTools: false,
    })
    expect(win.webContents.url).toBe(TRTC_HOST_PAGE)
    expect(decodeURIComponent(TRTC_HOST_PAGE)).toContain(`default-src 'none'`)

    // A call crosses the channel and comes back with what the SDK returned.
    expect(await port.getCameraDevicesList()).toEqual(cloud.cameras)
    // An SDK callback comes to main's listener.
    const errors: unknown[] = []
    port.on('onError', (...args: unknown[]) => errors.push(args))
    await settle()
    cloud.fire('onError', -1301, 'camera busy')
    await vi.waitFor(() => expect(errors).toEqual([[-1301, 'camera busy']]))

    // It refuses to go anywhere or open anything.
    const navigation = { preventDefault: vi.fn() }
    win.webContents.emit('will-navigate', navigation)
    expect(navigation.preventDefault).toHaveBeenCalled()
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({
      action: 'deny',
    })
    expect(trtc.open()).toBe(opening)
  })

  it('says the SDK did not load with its words, and opens a new window on the next try', async () => {
    const cloud = new FakeTrtcCloud()
    playPreload(cloud, "Cannot find module 'trtc-electron-sdk'")
    const trtc = host()
    await expect(trtc.open()).rejects.toMatchObject({
      key: 'TRTC_UNAVAILABLE',
      params: { reason: 'loadFailed', detail: "Cannot find module 'trtc-electron-sdk'" },
    })
    expect(windows()[0]!.isDestroyed()).toBe(true)
    playPreload(cloud)
    await expect(trtc.open()).resolves.toBeDefined()
    expect(windows()).toHaveLength(2)
    expect(windows()[1]!.isDestroyed()).toBe(false)
  })

  it('rejects a page that did not load with Chromium’s code and words', async () => {
    FakeWebContents.holdLoads = true
    const trtc = host()
    const opening = trtc.open()
    windows()[0]!.webContents.failLoad(-6, 'ERR_FILE_NOT_FOUND')
    await expect(opening).rejects.toMatchObject({
      key: 'TRTC_UNAVAILABLE',
      params: { reason: 'loadFailed', detail: 'ERR_FILE_NOT_FOUND', loadCode: -6 },
    })
    expect(windows()[0]!.isDestroyed()).toBe(true)
  })

  it('does not leave Go live waiting when the page’s process ends or the window closes while it loads', async () => {
    FakeWebContents.holdLoads = true
    const trtc = host()
    const crashing = trtc.open()
    windows()[0]!.webContents.crash('oom')
    await expect(crashing).rejects.toMatchObject({
      key: 'TRTC_HOST_FAILED',
      params: { reason: 'closed', detail: 'oom' },
    })
    expect(lines).toContain('trtc host: its process ended (oom)')

    // The app quits while the second window loads.
    const quitting = trtc.open()
    expect(windows()).toHaveLength(2)
    trtc.close()
    await expect(quitting).rejects.toMatchObject({
      key: 'TRTC_HOST_FAILED',
      params: { reason: 'closed' },
    })
    expect(windows()[1]!.isDestroyed()).toBe(true)
  })

  it('loses the cloud when the window’s process ends after loading, and an old window’s late events spare the new one', async () => {
    const cloud = new FakeTrtcCloud()
    playPreload(cloud)
    const trtc = host()
    const first = await trtc.open()
    const lost: unknown[] = []
    first.onHostLost((error) => lost.push(error))
    windows()[0]!.webContents.crash('crashed')
    await vi.waitFor(() => expect(lost).toHaveLength(1))
    expect(lost[0]).toMatchObject({ key: 'TRTC_HOST_FAILED' })
    await expect(first.getMicDevicesList()).rejects.toMatchObject({ key: 'TRTC_HOST_FAILED' })
    expect(windows()[0]!.isDestroyed()).toBe(true)

    // A new window; the old one's 'closed' and 'destroyed' arrive after it opened.
    const second = await trtc.open()
    expect(second).not.toBe(first)
    windows()[0]!.emit('closed')
    windows()[0]!.webContents.emit('destroyed', {})
    await settle()
    await expect(trtc.open()).resolves.toBe(second)
    expect(windows()).toHaveLength(2)
    expect(windows()[1]!.isDestroyed()).toBe(false)
    expect(await second.getMicDevicesList()).toEqual(cloud.mics)
    trtc.close()
    expect(windows()[1]!.isDestroyed()).toBe(true)
  })
})
