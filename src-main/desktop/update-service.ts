import type { NoFeedReason, UpdateFeed } from './update-feed'

/**
 * The desktop app's updates (issue 16 §2), as a state machine over electron-updater: check at
 * start and from the menu, download in the background, install on quit or now — and never in the
 * middle of a show: while LiveDesk is live or recording, the download (which would take the
 * push's bandwidth) and the install (which would end the show) wait until the show ends.
 *
 * electron-updater itself (feed, version comparison, channel, staged rollout, signatures) sits
 * behind `UpdaterPort`; the shell's adapter is src-main/shell/updater.ts.
 */
export interface UpdaterPort {
  /** Resolves with the newer release the feed offers this install, or null. */
  check(feed: UpdateFeed): Promise<UpdateRelease | null>
  /** Downloads the release; progress arrives through `UpdateService.progress`. */
  download(): Promise<void>
  /** Quits the app and runs the installer. */
  install(): void
}

export interface UpdateRelease {
  version: string
  /** Plain text (releaseNotesText), shown as text. */
  notes: string
  releaseDate: string | null
}

export type UpdateState =
  | { status: 'off'; reason: NoFeedReason }
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'current'; checkedAt: number }
  | { status: 'available'; release: UpdateRelease; waitingForShow: boolean }
  | { status: 'downloading'; release: UpdateRelease; percent: number }
  | { status: 'downloaded'; release: UpdateRelease; installAfterShow: boolean }
  | { status: 'failed'; code: UpdateFailure; detail: string }

/** Why an update step failed: `updateFailed<Code>` strings say it to the user. */
export type UpdateFailure = 'check' | 'download'

export interface UpdateServiceOptions {
  port: UpdaterPort
  feed: UpdateFeed | { reason: NoFeedReason }
  now: () => number
  onChange: (state: UpdateState) => void
}

export class UpdateService {
  private current: UpdateState
  private showOn = false

  constructor(private readonly options: UpdateServiceOptions) {
    this.current =
      'reason' in options.feed ? { status: 'off', reason: options.feed.reason } : { status: 'idle' }
  }

  state(): UpdateState {
    return this.current
  }

  /** From the menu, or at start. A check while one runs or a download goes on is not repeated. */
  async check(): Promise<void> {
    const feed = this.options.feed
    if ('reason' in feed) return
    const busy = this.current.status
    if (busy === 'checking' || busy === 'downloading' || busy === 'downloaded') return
    this.set({ status: 'checking' })
    let release: UpdateRelease | null
    try {
      release = await this.options.port.check(feed)
    } catch (err) {
      this.set({ status: 'failed', code: 'check', detail: errorText(err) })
      return
    }
    if (!release) {
      this.set({ status: 'current', checkedAt: this.options.now() })
      return
    }
    this.set({ status: 'available', release, waitingForShow: this.showOn })
    if (!this.showOn) await this.download(release)
  }

  /** Download progress from electron-updater (0–100). */
  progress(percent: number): void {
    if (this.current.status !== 'downloading') return
    this.set({ ...this.current, percent: Math.max(0, Math.min(100, Math.round(percent))) })
  }

  /**
   * "Install now": at once when no show runs; during one, right after it ends. Otherwise the
   * downloaded update installs when the app quits (electron-updater's autoInstallOnAppQuit).
   */
  installNow(): void {
    if (this.current.status !== 'downloaded') return
    if (this.showOn) {
      this.set({ ...this.current, installAfterShow: true })
      return
    }
    this.options.port.install()
  }

  /** Live or recording started (true) or ended (false): what waited for the show goes on. */
  showChanged(on: boolean): void {
    if (on === this.showOn) return
    this.showOn = on
    if (on) return
    const state = this.current
    if (state.status === 'available' && state.waitingForShow) void this.download(state.release)
    else if (state.status === 'downloaded' && state.installAfterShow) this.options.port.install()
  }

  /** Whether quitting now may install (never during a show: the quit ends the show first). */
  mayInstallOnQuit(): boolean {
    return this.current.status === 'downloaded' && !this.showOn
  }

  private async download(release: UpdateRelease): Promise<void> {
    this.set({ status: 'downloading', release, percent: 0 })
    try {
      await this.options.port.download()
    } catch (err) {
      this.set({ status: 'failed', code: 'download', detail: errorText(err) })
      return
    }
    this.set({ status: 'downloaded', release, installAfterShow: false })
  }

  private set(state: UpdateState): void {
    this.current = state
    this.options.onChange(state)
  }
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300)
}

/**
 * Release notes as text: electron-updater gives the feed's `releaseNotes` as a string (often
 * HTML from the release page) or a list per version. Shown as text, so tags are dropped and
 * entities decoded, never rendered.
 */
export function releaseNotesText(
  notes: string | readonly { version: string; note: string | null }[] | null | undefined,
): string {
  if (!notes) return ''
  const text =
    typeof notes === 'string'
      ? notes
      : notes.map((n) => `${n.version}\n${n.note ?? ''}`).join('\n\n')
  return text
    .replace(/<br\s*\/?>|<\/(p|li|h\d)>/gi, '\n')
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, 4000)
}
