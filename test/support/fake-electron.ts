import { fork, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * A stand-in for the `electron` module, for the shell harness (test/integration/desktop/shell.test.ts,
 * issue 16 §6): Electron's runtime cannot be downloaded here, so the shell's main-process code runs
 * under Node against this. It records what the shell asks of Electron (windows and their
 * webPreferences, handlers, menus, the tray, notifications, dialogs) and lets a test play the OS's
 * part (ready, a second launch, an open-url, a dialog's answer). Only what the shell uses is here.
 */

type Handler = (...args: never[]) => unknown

/** Records listeners like Electron's emitters and lets the test call them. */
class Recorder extends EventEmitter {
  listenersOf(event: string): Handler[] {
    return this.listeners(event) as Handler[]
  }
}

/**
 * Electron's MessagePortMain (docs/api/message-port-main.md): one end of a MessageChannelMain.
 * What it posts is structured-cloned (a function throws DataCloneError, as it does there) and
 * arrives at the other end as a 'message' event `{ data, ports }`, in order and never in the
 * same tick; the other end queues messages until its start(). close() disconnects both ends and
 * each emits 'close' (the remote end as Electron documents; the closing end too, so code must
 * take 'close' more than once); a closed end drops what is posted to or through it.
 */
export class FakeMessagePortMain extends Recorder {
  private other: FakeMessagePortMain | null = null
  private started = false
  private closed = false
  private readonly queue: { data: unknown; ports: FakeMessagePortMain[] }[] = []

  static entangle(a: FakeMessagePortMain, b: FakeMessagePortMain): void {
    a.other = b
    b.other = a
  }
  postMessage(message: unknown, transfer: FakeMessagePortMain[] = []): void {
    const data = structuredClone(message)
    const other = this.other
    if (this.closed || !other) return
    setImmediate(() => other.receive({ data, ports: transfer }))
  }
  start(): void {
    this.started = true
    this.flush()
  }
  close(): void {
    if (this.closed) return
    const other = this.other
    this.disconnect()
    other?.disconnect()
  }
  isClosed(): boolean {
    return this.closed
  }
  private disconnect(): void {
    if (this.closed) return
    this.closed = true
    this.other = null
    setImmediate(() => this.emit('close'))
  }
  private receive(event: { data: unknown; ports: FakeMessagePortMain[] }): void {
    if (this.closed) return
    this.queue.push(event)
    this.flush()
  }
  private flush(): void {
    while (this.started && !this.closed && this.queue.length > 0) {
      this.emit('message', this.queue.shift())
    }
  }
}

export class FakeMessageChannelMain {
  readonly port1 = new FakeMessagePortMain()
  readonly port2 = new FakeMessagePortMain()
  constructor() {
    FakeMessagePortMain.entangle(this.port1, this.port2)
  }
}

/**
 * A port main transferred to a page, as the page's preload holds it: the DOM's MessagePort
 * (addEventListener, no implicit start) over the same end.
 */
export class FakeDomPort {
  constructor(private readonly port: FakeMessagePortMain) {}
  postMessage(message: unknown): void {
    this.port.postMessage(message)
  }
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void {
    this.port.on(type, (event: { data: unknown }) => listener({ data: event.data }))
  }
  start(): void {
    this.port.start()
  }
  close(): void {
    this.port.close()
  }
}

/** The page's ipcRenderer: what webContents.postMessage sends arrives here, with its ports. */
export class FakeIpcRenderer extends Recorder {}

interface PendingLoad {
  url: string
  resolve: () => void
  reject: (error: Error) => void
}

export class FakeWebContents extends Recorder {
  static all: FakeWebContents[] = []
  /**
   * Stands for a window's preload script: run on every load before the page finishes loading,
   * with the page's ipcRenderer (null: no preload).
   */
  static preload: ((contents: FakeWebContents) => void) | null = null
  /**
   * false (the default): a load finishes by itself, just after loadURL. true: it waits for the
   * test to play the page's part (finishLoad, failLoad, crash, or the window destroyed).
   */
  static holdLoads = false
  url = ''
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  sent: { channel: string; payload: unknown }[] = []
  readonly mainFrame = { url: '' }
  /** Its own session (a window in a partition of its own sets its handlers here). */
  readonly session = new FakeSession()
  /** The page's side of IPC, for a test playing the preload. */
  readonly ipcRenderer = new FakeIpcRenderer()
  /** Ports main handed the page: they close when its process ends. */
  private readonly pagePorts: FakeMessagePortMain[] = []
  private loading: PendingLoad | null = null
  private destroyed = false
  constructor() {
    super()
    FakeWebContents.all.push(this)
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  getURL(): string {
    return this.url
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload })
  }
  /**
   * Electron's webContents.loadURL: resolves at 'did-finish-load', rejects at 'did-fail-load'
   * with the load's code and description in the error's words.
   */
  loadURL(url: string): Promise<void> {
    this.url = url
    this.mainFrame.url = url
    const done = new Promise<void>((resolve, reject) => {
      this.loading = { url, resolve, reject }
    })
    FakeWebContents.preload?.(this)
    if (!FakeWebContents.holdLoads) setImmediate(() => this.finishLoad())
    return done
  }
  /** The test plays the page: it finished loading. */
  finishLoad(): void {
    const load = this.takeLoad()
    if (!load) return
    this.emit('did-finish-load', {})
    load.resolve()
  }
  /** The test plays the page: its load failed (Chromium's net error code and name). */
  failLoad(code: number, description: string): void {
    const load = this.takeLoad()
    if (!load) return
    this.emit('did-fail-load', {}, code, description, load.url, true)
    load.reject(
      Object.assign(new Error(`${description} (${code}) loading '${load.url}'`), {
        errno: code,
        code: description,
        url: load.url,
      }),
    )
  }
  /**
   * The page's process ends (Electron's 'render-process-gone'): the ports it held close, the
   * WebContents stays until destroyed, and a load in progress never finishes.
   */
  crash(reason = 'crashed', exitCode = 1): void {
    this.loading = null
    this.closePagePorts()
    this.emit('render-process-gone', {}, { reason, exitCode })
  }
  /**
   * Electron's webContents.postMessage: `message` cloned, the transferred ports handed to the
   * page's ipcRenderer as DOM ports on the event, never in the same tick.
   */
  postMessage(channel: string, message: unknown, transfer: FakeMessagePortMain[] = []): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    const data = structuredClone(message)
    this.pagePorts.push(...transfer)
    setImmediate(() => {
      if (this.destroyed) return
      const ports = transfer.map((port) => new FakeDomPort(port))
      this.ipcRenderer.emit(channel, { ports, sender: this.ipcRenderer }, data)
    })
  }
  /** Its window was destroyed: 'destroyed' comes later, as Electron emits it. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.loading = null
    this.closePagePorts()
    setImmediate(() => this.emit('destroyed', {}))
  }
  private takeLoad(): PendingLoad | null {
    const load = this.loading
    this.loading = null
    return load
  }
  private closePagePorts(): void {
    for (const port of this.pagePorts.splice(0)) port.close()
  }
}

export class FakeBrowserWindow extends Recorder {
  static created: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  minimized = false
  shown = false
  focused = 0
  progress: number[] = []
  alwaysOnTop: boolean
  private destroyed = false
  constructor(
    readonly options: Record<string, unknown> & { webPreferences: Record<string, unknown> },
  ) {
    super()
    this.alwaysOnTop = options.alwaysOnTop === true
    FakeBrowserWindow.created.push(this)
  }
  setAlwaysOnTop(on: boolean): void {
    this.alwaysOnTop = on
  }
  isAlwaysOnTop(): boolean {
    return this.alwaysOnTop
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url)
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isMaximized(): boolean {
    return false
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  /**
   * Electron's win.destroy(): isDestroyed() at once; its contents' 'destroyed' and its own
   * 'closed' later (no 'close', no unload).
   */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.webContents.destroy()
    setImmediate(() => this.emit('closed'))
  }
  restore(): void {
    this.minimized = false
  }
  show(): void {
    this.shown = true
  }
  focus(): void {
    this.focused++
  }
  getBounds() {
    return { x: 0, y: 0, width: 1440, height: 900 }
  }
  setProgressBar(value: number): void {
    this.progress.push(value)
  }
}

class FakeApp extends Recorder {
  isPackaged = false
  gotLock = true
  quits = 0
  exitCode: number | null = null
  protocolClients: { scheme: string; args: unknown[] }[] = []
  private ready!: () => void
  private readonly readyPromise = new Promise<void>((resolve) => (this.ready = resolve))
  requestSingleInstanceLock(): boolean {
    return this.gotLock
  }
  whenReady(): Promise<void> {
    return this.readyPromise
  }
  /** The test plays the OS: the app is ready. */
  becomeReady(): void {
    this.ready()
  }
  getLocale(): string {
    return 'en-US'
  }
  getPath(name: string): string {
    return `/fake/${name}`
  }
  setAsDefaultProtocolClient(scheme: string, ...args: unknown[]): boolean {
    this.protocolClients.push({ scheme, args })
    return true
  }
  quit(): void {
    this.quits++
  }
  exit(code: number): void {
    this.exitCode = code
  }
}

class FakeSession {
  permissionRequest: Handler | null = null
  permissionCheck: Handler | null = null
  headersReceived: Handler | null = null
  readonly webRequest = {
    onHeadersReceived: (handler: Handler) => (this.headersReceived = handler),
  }
  setPermissionRequestHandler(handler: Handler): void {
    this.permissionRequest = handler
  }
  setPermissionCheckHandler(handler: Handler): void {
    this.permissionCheck = handler
  }
}

export class FakeTray {
  static created: FakeTray[] = []
  image: unknown
  tooltip = ''
  menu: { template: MenuItem[] } | null = null
  destroyed = false
  constructor(image: unknown) {
    this.image = image
    FakeTray.created.push(this)
  }
  setImage(image: unknown): void {
    this.image = image
  }
  setToolTip(text: string): void {
    this.tooltip = text
  }
  setContextMenu(menu: { template: MenuItem[] }): void {
    this.menu = menu
  }
  destroy(): void {
    this.destroyed = true
  }
}

export interface MenuItem {
  id?: string
  label?: string
  role?: string
  type?: string
  enabled?: boolean
  checked?: boolean
  submenu?: MenuItem[]
  click?: (item: { checked: boolean }) => void
}

export class FakeNotification {
  static shown: { title: string; body: string }[] = []
  static isSupported(): boolean {
    return true
  }
  constructor(private readonly options: { title: string; body: string }) {}
  show(): void {
    FakeNotification.shown.push(this.options)
  }
}

/**
 * Electron's utilityProcess over Node's fork: the child gets `process.parentPort` (from
 * fake-parent-port.mjs) and talks as it would in the desktop app; events and messages arrive in
 * Electron's shapes (`exit` with a code only).
 */
export class FakeUtilityProcess extends Recorder {
  static forked: { file: string; options: Record<string, unknown> }[] = []
  static instances: FakeUtilityProcess[] = []
  private readonly child: ChildProcess
  constructor(file: string, options: { execArgv?: string[] } & Record<string, unknown>) {
    super()
    FakeUtilityProcess.forked.push({ file, options })
    FakeUtilityProcess.instances.push(this)
    const shim = pathToFileURL(join(__dirname, 'fake-parent-port.mjs')).href
    this.child = fork(file, [], {
      execArgv: ['--import', shim, ...(options.execArgv ?? [])],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    })
    this.child.on('message', (message) => this.emit('message', message))
    this.child.once('exit', (code) => this.emit('exit', code ?? 1))
  }
  get pid(): number | undefined {
    return this.child.pid
  }
  get stderr() {
    return this.child.stderr
  }
  postMessage(message: unknown): void {
    this.child.send(message as never)
  }
}

export const fake = {
  app: new FakeApp(),
  session: new FakeSession(),
  handlers: new Map<string, Handler>(),
  applicationMenu: null as { template: MenuItem[] } | null,
  opened: [] as string[],
  revealed: [] as string[],
  messages: [] as { type?: string; message: string; detail?: string; buttons?: string[] }[],
  /** The button the next message box answers with. */
  messageResponse: 0,
  /** The file the next save dialog answers with (null: cancelled). */
  savePath: null as string | null,
}

export const electron = {
  app: fake.app,
  BrowserWindow: FakeBrowserWindow,
  MessageChannelMain: FakeMessageChannelMain,
  Tray: FakeTray,
  Notification: FakeNotification,
  session: { defaultSession: fake.session },
  safeStorage: { isEncryptionAvailable: () => false },
  ipcMain: { handle: (channel: string, handler: Handler) => fake.handlers.set(channel, handler) },
  webContents: { getAllWebContents: () => FakeWebContents.all },
  nativeImage: { createFromPath: (path: string) => ({ path }) },
  utilityProcess: {
    fork: (file: string, _args: string[], options: Record<string, unknown>) =>
      new FakeUtilityProcess(file, options),
  },
  Menu: {
    buildFromTemplate: (template: MenuItem[]) => ({ template }),
    setApplicationMenu: (menu: { template: MenuItem[] }) => (fake.applicationMenu = menu),
  },
  shell: {
    openExternal: (url: string) => {
      fake.opened.push(url)
      return Promise.resolve()
    },
    showItemInFolder: (path: string) => fake.revealed.push(path),
  },
  dialog: {
    showMessageBox: (options: { message: string }) => {
      fake.messages.push(options)
      return Promise.resolve({ response: fake.messageResponse, checkboxChecked: false })
    },
    showSaveDialog: () =>
      Promise.resolve({ canceled: fake.savePath === null, filePath: fake.savePath ?? undefined }),
  },
}

/** electron-updater's autoUpdater as the shell uses it; the feed logic itself is tested for real. */
export class FakeAutoUpdater extends Recorder {
  autoDownload = true
  autoInstallOnAppQuit = false
  allowDowngrade = true
  allowPrerelease = false
  channel: string | null = null
  feeds: unknown[] = []
  checks = 0
  downloads = 0
  installs: unknown[][] = []
  /** What the next check finds: null, nothing newer. */
  offer: { version: string; releaseNotes: string } | null = null
  setFeedURL(options: unknown): void {
    this.feeds.push(options)
  }
  checkForUpdates() {
    this.checks++
    return Promise.resolve({
      isUpdateAvailable: this.offer !== null,
      updateInfo: this.offer ?? { version: '0.0.0' },
    })
  }
  downloadUpdate(): Promise<string[]> {
    this.downloads++
    this.emit('download-progress', { percent: 50 })
    return Promise.resolve([])
  }
  quitAndInstall(...args: unknown[]): void {
    this.installs.push(args)
  }
}
export const autoUpdater = new FakeAutoUpdater()
