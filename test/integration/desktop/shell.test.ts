import { strFromU8, unzipSync } from 'fflate'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ContractCode, IpcChannel, LayoutCode } from '../../../src-shared/contract'
import type { DeepLink } from '../../../src-main/desktop/deep-link'
import {
  autoUpdater,
  fake,
  FakeBrowserWindow,
  FakeNotification,
  FakeTray,
  FakeUtilityProcess,
  type MenuItem,
} from '../../support/fake-electron'

/**
 * An IPC event from `frame`, in a window whose top frame is `top`: its sender is a WebContents,
 * an emitter (the shell listens for it to be destroyed, which docks back its pop-outs).
 */
const ipcEvent = (frame: { url: string }, top = frame) =>
  ({ senderFrame: frame, sender: Object.assign(new EventEmitter(), { mainFrame: top }) }) as never

/**
 * The shell harness (issue 16 §6): the desktop app's main-process code — src-main/shell/main.ts
 * as Electron would load it — run under Node with a fake `electron` module, on the real console
 * services (embedded room, SQLite, contract). Electron's runtime cannot be downloaded here; the
 * real-Electron e2e (test/e2e/electron.spec.ts) runs where it can.
 */
vi.mock('electron', async () => (await import('../../support/fake-electron')).electron)
vi.mock('electron-updater', async () => ({
  autoUpdater: (await import('../../support/fake-electron')).autoUpdater,
}))

const dataDir = mkdtempSync(join(tmpdir(), 'livedesk-shell-'))
const savedArgv = process.argv
let deepLinks: { subscribe(take: (link: DeepLink) => void): () => void }
let window: FakeBrowserWindow
let tray: FakeTray
let appUrl = ''

/** Waits for what the shell does in the background (bounded by the test's timeout). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10))
}
function item(menu: MenuItem[] | undefined, label: string): MenuItem {
  for (const entry of menu ?? []) {
    if (entry.label === label || entry.id === label) return entry
    const inner = entry.submenu && item(entry.submenu, label)
    if (inner) return inner
  }
  return undefined as unknown as MenuItem
}

beforeAll(async () => {
  process.env.LIVEDESK_DATA_DIR = dataDir
  writeFileSync(
    join(dataDir, 'desktop.json'),
    JSON.stringify({ updates: { feedUrl: 'https://dl.example.com/livedesk' } }),
  )
  // As a packaged app starts: argv is [the executable, …its arguments].
  process.argv = ['/opt/LiveDesk/livedesk', 'livedesk://invite?code=first-launch']
  fake.app.isPackaged = true
  ;({ deepLinks } = await import('../../../src-main/shell/main'))
  fake.app.becomeReady()
  await until(() => FakeTray.created.length > 0 && fake.applicationMenu !== null)
  window = FakeBrowserWindow.created[0]!
  tray = FakeTray.created[0]!
  appUrl = window.webContents.getURL()
}, 60_000)

afterAll(async () => {
  const event = { preventDefault: vi.fn() }
  for (const listener of fake.app.listenersOf('will-quit')) listener(event as never)
  await until(() => fake.app.quits > 0)
  expect(event.preventDefault).toHaveBeenCalled()
  expect(tray.destroyed).toBe(true)
  process.argv = savedArgv
  delete process.env.LIVEDESK_DATA_DIR
  rmSync(dataDir, { recursive: true, force: true })
}, 30_000)

describe('the desktop shell under Node (issue 16 §6)', () => {
  it('opens one hardened window on the built console page, DevTools off when packaged', () => {
    expect(FakeBrowserWindow.created).toHaveLength(1)
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    })
    expect(String(window.options.webPreferences.preload)).toMatch(/preload[\\/]index\.js$/)
    expect(appUrl).toMatch(/^file:\/\/.*\/console\/index\.html$/)
  })

  it('runs the room’s RTMP ingest as a utility process, which needs no RunAsNode', async () => {
    expect(FakeUtilityProcess.forked).toHaveLength(1)
    const [ingest] = FakeUtilityProcess.forked
    expect(ingest!.file).toMatch(/ingest-child\.(ts|js)$/)
    expect(ingest!.options).toMatchObject({ serviceName: 'LiveDesk RTMP ingest' })
    expect(ingest!.options.env).toBeUndefined()
    // It listens: the room reports the ingest's publish address.
    const invoke = fake.handlers.get(IpcChannel.invoke)!
    const frame = { url: appUrl }
    const stage = (await invoke(ipcEvent(frame), 'stage:get-snapshot' as never, {} as never)) as {
      ok: boolean
      value: { ingest: { server: string } | null }
    }
    expect(stage.value.ingest?.server).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live$/)
  })

  it('refuses navigation away and new windows; web links go to the system browser, others nowhere', () => {
    const [willNavigate] = window.webContents.listenersOf('will-navigate')
    const away = { preventDefault: vi.fn() }
    willNavigate!(away as never, 'https://example.com/' as never)
    expect(away.preventDefault).toHaveBeenCalled()
    const home = { preventDefault: vi.fn() }
    willNavigate!(home as never, appUrl as never)
    expect(home.preventDefault).not.toHaveBeenCalled()

    const open = window.webContents.windowOpenHandler!
    expect(open({ url: 'https://viewer.example.com/room' })).toEqual({ action: 'deny' })
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(fake.opened).toEqual(['https://viewer.example.com/room'])
  })

  it('pops a panel out into its own window that stays on top by the anchor’s choice', async () => {
    const open = window.webContents.windowOpenHandler!
    const asked = (url: string) =>
      open({ url }) as { action: string; overrideBrowserWindowOptions?: Record<string, unknown> }
    // Chat starts on top (a second screen, over a game); another panel does not.
    const chat = asked(`${appUrl}?panel=chat&lang=zh-CN`)
    expect(chat).toMatchObject({
      action: 'allow',
      overrideBrowserWindowOptions: { alwaysOnTop: true },
    })
    expect(chat.overrideBrowserWindowOptions!.webPreferences).toBe(window.options.webPreferences)
    expect(asked(`${appUrl}?panel=members`).overrideBrowserWindowOptions).toMatchObject({
      alwaysOnTop: false,
    })
    // An older page's `show` column is still a pop-out, not a link for the system browser.
    expect(asked(`${appUrl}?panel=show`).action).toBe('allow')
    expect(asked(`${appUrl}?panel=chat&token=x`)).toEqual({ action: 'deny' })

    // Electron makes the window it allowed; the shell hears of it.
    const url = `${appUrl}?panel=chat&lang=zh-CN`
    const popOut = new FakeBrowserWindow(
      chat.overrideBrowserWindowOptions as ConstructorParameters<typeof FakeBrowserWindow>[0],
    )
    await popOut.loadURL(url)
    for (const listener of window.webContents.listenersOf('did-create-window'))
      listener(popOut as never, { url } as never)
    const invoke = fake.handlers.get(IpcChannel.invoke)!
    const fromPopOut = (input: unknown) =>
      invoke(
        { senderFrame: popOut.webContents.mainFrame, sender: popOut.webContents } as never,
        'layout:stay-on-top' as never,
        input as never,
      )
    expect(await fromPopOut({})).toEqual({ ok: true, value: { on: true } })
    expect(await fromPopOut({ on: false })).toEqual({ ok: true, value: { on: false } })
    expect(popOut.alwaysOnTop).toBe(false)
    expect(await fromPopOut({ on: true })).toEqual({ ok: true, value: { on: true } })
    expect(popOut.alwaysOnTop).toBe(true)
    expect(await fromPopOut({ on: 'yes' })).toMatchObject({
      ok: false,
      error: { code: ContractCode.invalidPayload },
    })
    // The main window is no pop-out: it is refused, and nothing changes.
    const fromMain = await invoke(
      ipcEvent({ url: appUrl }),
      'layout:stay-on-top' as never,
      { on: true } as never,
    )
    expect(fromMain).toMatchObject({
      ok: false,
      error: { code: LayoutCode.stayOnTopUnavailable },
    })
    expect(window.alwaysOnTop).toBe(false)
  })

  it('grants camera and microphone only to the console page, and gives it its policy', () => {
    const ask = (url: string, permission: string) => {
      let granted: boolean | undefined
      fake.session.permissionRequest!(
        { getURL: () => url } as never,
        permission as never,
        ((ok: boolean) => (granted = ok)) as never,
        { requestingUrl: url, isMainFrame: true } as never,
      )
      return granted
    }
    expect(ask(appUrl, 'media')).toBe(true)
    expect(ask(appUrl, 'geolocation')).toBe(false)
    expect(ask('file:///tmp/evil.html', 'media')).toBe(false)
    let headers: Record<string, string[]> = {}
    fake.session.headersReceived!(
      { resourceType: 'mainFrame', url: appUrl, responseHeaders: {} } as never,
      ((r: { responseHeaders: Record<string, string[]> }) =>
        (headers = r.responseHeaders)) as never,
    )
    expect(headers['Content-Security-Policy']?.[0]).toMatch(
      /^default-src 'self'; script-src 'self'/,
    )
  })

  it('answers contract calls only from the app’s own top frame', async () => {
    const invoke = fake.handlers.get(IpcChannel.invoke)!
    const frame = { url: appUrl }
    const trusted = await invoke(ipcEvent(frame), 'app:get-info' as never, {} as never)
    expect(trusted).toMatchObject({ ok: true, value: { host: 'electron' } })
    const evil = { url: 'file:///tmp/evil.html' }
    const refused = await invoke(ipcEvent(evil), 'app:get-info' as never, {} as never)
    expect(refused).toMatchObject({ ok: false })
    const child = { url: appUrl }
    expect(
      await invoke(ipcEvent(child, frame), 'app:get-info' as never, {} as never),
    ).toMatchObject({ ok: false })
  })

  it('registers livedesk://, takes a link from a second launch, and refuses a bad one', async () => {
    expect(fake.app.protocolClients.map((c) => c.scheme)).toEqual(['livedesk'])
    const links: DeepLink[] = []
    deepLinks.subscribe((link) => links.push(link))
    // The first launch's own link waited for the one who takes invites (issue 13 §4), who got
    // it first; it names no console, so no window opened for it.
    expect(links).toEqual([])
    const windows = FakeBrowserWindow.created.length

    window.minimized = true
    const focused = window.focused
    for (const listener of fake.app.listenersOf('second-instance'))
      listener({} as never, ['/opt/LiveDesk/livedesk', 'livedesk://invite?code=abc'] as never)
    expect(window.minimized).toBe(false)
    expect(window.focused).toBeGreaterThan(focused)
    expect(links.at(-1)).toEqual({ action: 'invite', params: { code: 'abc' } })
    expect(FakeBrowserWindow.created.length).toBe(windows)

    // An invite to another LiveDesk's console opens it in a plain window: no bridge, own session.
    const invite = 'http://192.168.1.20:43117/?invite=V2paZZ-Qo9YPaaJXpqZCabcdefgh1234'
    for (const listener of fake.app.listenersOf('second-instance'))
      listener(
        {} as never,
        ['/opt/LiveDesk/livedesk', `livedesk://invite?url=${encodeURIComponent(invite)}`] as never,
      )
    const moderator = FakeBrowserWindow.created.at(-1)!
    expect(FakeBrowserWindow.created.length).toBe(windows + 1)
    expect(moderator.webContents.url).toBe(invite)
    expect(moderator.options.webPreferences.preload).toBeUndefined()
    expect(moderator.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
    })

    const openUrl = { preventDefault: vi.fn() }
    for (const listener of fake.app.listenersOf('open-url'))
      listener(openUrl as never, 'livedesk://run?cmd=calc' as never)
    expect(openUrl.preventDefault).toHaveBeenCalled()
    expect(links).toHaveLength(2)
    expect(fake.messages.at(-1)?.message).toBe(
      'This LiveDesk does not know that link. Is it up to date?',
    )
  })

  it('keeps a tray that shows the state and runs the console’s commands', async () => {
    expect(tray.tooltip).toBe('LiveDesk — Offline')
    expect(String((tray.image as { path: string }).path)).toMatch(/tray[\\/]tray-offline\.png$/)
    const labels = tray.menu!.template.map((i) => [i.label, i.enabled])
    expect(labels).toEqual([
      ['Go live', true],
      ['Record', true],
      ['End', false],
      ['Mute all', true],
      ['Show LiveDesk', true],
    ])
    // Mute all runs room:set-mute-all on the real room; the room's event redraws the tray.
    item(tray.menu!.template, 'mute-all').click!({ checked: true })
    await until(() => item(tray.menu!.template, 'mute-all').checked === true)
    window.minimized = true
    item(tray.menu!.template, 'show').click!({ checked: false })
    expect(window.minimized).toBe(false)
  })

  it('wires electron-updater: the settings’ feed, checked at start, never downloading by itself', () => {
    expect(autoUpdater.autoDownload).toBe(false)
    expect(autoUpdater.autoInstallOnAppQuit).toBe(true)
    expect(autoUpdater.allowDowngrade).toBe(false)
    expect(autoUpdater.feeds).toEqual([
      { provider: 'generic', url: 'https://dl.example.com/livedesk/', channel: 'latest' },
    ])
    expect(autoUpdater.checks).toBe(1)
    // "Check for updates…" answers in words.
    item(fake.applicationMenu!.template, 'Check for updates…').click!({ checked: false })
    return until(() =>
      fake.messages.some((m) => m.message === 'LiveDesk 0.1.0 is the newest version.'),
    )
  })

  it('goes live from the tray, and tells of a dropped push and of its return', async () => {
    FakeNotification.shown.length = 0
    // A small picture: the machine's cores are shared with the rest of the suite.
    const invoke = fake.handlers.get(IpcChannel.invoke)!
    const frame = { url: appUrl }
    const call = (name: string, input: unknown) =>
      invoke(ipcEvent(frame), name as never, input as never) as Promise<{
        ok: boolean
        value: { settings: Record<string, unknown> }
      }>
    const stage = await call('stage:get-snapshot', {})
    const small = {
      preset: 'custom',
      width: 320,
      height: 180,
      fps: 15,
      videoBitrateKbps: 300,
      x264Preset: 'ultrafast',
    }
    expect(
      await call('stage:save-settings', { ...stage.value.settings, profile: small }),
    ).toMatchObject({ ok: true })
    item(tray.menu!.template, 'go-live').click!({ checked: false })
    await until(() => tray.tooltip === 'LiveDesk — Live')
    expect(String((tray.image as { path: string }).path)).toMatch(/tray-live\.png$/)
    expect(item(tray.menu!.template, 'end').enabled).toBe(true)
    expect(item(tray.menu!.template, 'go-live').enabled).toBe(false)
    // The ingest dies under the push: the stream reconnects on its own, and the anchor hears of both.
    process.kill(FakeUtilityProcess.instances.at(-1)!.pid!, 'SIGKILL')
    await until(() => FakeNotification.shown.length >= 1)
    expect(FakeNotification.shown[0]).toMatchObject({ title: 'The stream dropped' })
    await until(() => FakeNotification.shown.some((n) => n.title === 'Back on air'))
    await until(() => tray.tooltip === 'LiveDesk — Live')

    // An update found during the show waits: no download until the show ends.
    autoUpdater.offer = { version: '0.2.0', releaseNotes: '<p>Faster <b>chat</b></p>' }
    fake.messageResponse = 1
    item(fake.applicationMenu!.template, 'Check for updates…').click!({ checked: false })
    await until(() => fake.messages.some((m) => m.message === 'LiveDesk 0.2.0 is available'))
    expect(fake.messages.at(-1)?.detail).toBe(
      'It downloads when the show ends, so your stream keeps its bandwidth.',
    )
    expect(autoUpdater.downloads).toBe(0)

    item(tray.menu!.template, 'end').click!({ checked: false })
    await until(() => tray.tooltip === 'LiveDesk — Offline')
    // The show ended: it downloads (progress on the taskbar), then offers to install, notes as text.
    await until(() => fake.messages.some((m) => m.message === 'LiveDesk 0.2.0 is ready to install'))
    expect(autoUpdater.downloads).toBe(1)
    expect(window.progress).toEqual(expect.arrayContaining([0, 0.5, -1]))
    expect(fake.messages.at(-1)).toMatchObject({
      detail: 'What’s new:\nFaster chat',
      buttons: ['Install now', 'Install when I quit'],
    })
    // "Install when I quit": nothing now.
    expect(autoUpdater.installs).toEqual([])
  }, 90_000)

  it('saves notification switches and collects diagnostics into one archive', async () => {
    const switches = item(fake.applicationMenu!.template, 'Notifications').submenu!
    expect(switches.map((i) => [i.label, i.checked])).toEqual([
      ['When the stream drops', true],
      ['When the stream reconnects', true],
    ])
    item(fake.applicationMenu!.template, 'When the stream drops').click!({ checked: false })
    expect(JSON.parse(readFileSync(join(dataDir, 'desktop.json'), 'utf8'))).toMatchObject({
      notifications: { pushDropped: false, reconnected: true },
    })

    fake.savePath = join(dataDir, 'diagnostics.zip')
    item(fake.applicationMenu!.template, 'Collect diagnostics…').click!({ checked: false })
    await until(() => fake.revealed.length > 0)
    expect(fake.revealed).toEqual([fake.savePath])
    expect(existsSync(fake.savePath)).toBe(true)
    const files = unzipSync(new Uint8Array(readFileSync(fake.savePath)))
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['logs/main.log', 'versions.json', 'settings.json', 'os.json']),
    )
    const archived = strFromU8(files['logs/main.log']!)
    expect(archived).toContain('LiveDesk 0.1.0 starting')
    // The log on disk has the ingest's signed address; the archive has it without the signature.
    const raw = readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')
    const sign = /Ingest: rtmp:\/\/\S+\?sign=([\w-]+)/.exec(raw)?.[1]
    expect(sign).toBeTruthy()
    expect(archived).toContain('?sign=[removed]')
    expect(archived).not.toContain(sign!)
  })
})
