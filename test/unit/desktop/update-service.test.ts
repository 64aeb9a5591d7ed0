import { describe, expect, it } from 'vitest'
import { chooseFeed, UNSET_UPDATE_FEED } from '../../../src-main/desktop/update-feed'
import {
  releaseNotesText,
  UpdateService,
  type UpdateRelease,
  type UpdateState,
  type UpdaterPort,
} from '../../../src-main/desktop/update-service'

const release: UpdateRelease = { version: '0.2.0', notes: 'Faster chat', releaseDate: null }

/** An updater whose steps finish when the test says so. */
function updater(offer: UpdateRelease | null = release) {
  const calls: string[] = []
  let finishDownload: () => void = () => {}
  const port: UpdaterPort = {
    check: async (feed) => {
      calls.push(`check ${feed.url} ${feed.channel}`)
      return offer
    },
    download: () => {
      calls.push('download')
      return new Promise<void>((resolve) => (finishDownload = resolve))
    },
    install: () => calls.push('install'),
  }
  const states: UpdateState[] = []
  const service = new UpdateService({
    port,
    feed: chooseFeed(null, 'https://dl.example.com/livedesk', 'latest'),
    now: () => 1_700_000_000_000,
    onChange: (s) => states.push(s),
  })
  return { service, calls, states, finish: () => finishDownload() }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('updates never interrupt a show (issue 16 §2)', () => {
  it('checks, downloads in the background with progress, and installs when asked', async () => {
    const { service, calls, states, finish } = updater()
    const checking = service.check()
    await tick()
    service.progress(41.6)
    expect(service.state()).toEqual({ status: 'downloading', release, percent: 42 })
    finish()
    await checking
    expect(service.state()).toEqual({ status: 'downloaded', release, installAfterShow: false })
    expect(service.mayInstallOnQuit()).toBe(true)
    service.installNow()
    expect(calls).toEqual(['check https://dl.example.com/livedesk/ latest', 'download', 'install'])
    expect(states.map((s) => s.status)).toEqual([
      'checking',
      'available',
      'downloading',
      'downloading',
      'downloaded',
    ])
  })

  it('while live or recording, waits to download and to install until the show ends', async () => {
    const { service, calls, finish } = updater()
    service.showChanged(true)
    await service.check()
    expect(service.state()).toEqual({ status: 'available', release, waitingForShow: true })
    expect(calls).toEqual(['check https://dl.example.com/livedesk/ latest'])
    service.showChanged(false)
    await tick()
    expect(calls.at(-1)).toBe('download')
    finish()
    await tick()
    service.showChanged(true)
    service.installNow()
    expect(service.state()).toMatchObject({ status: 'downloaded', installAfterShow: true })
    expect(service.mayInstallOnQuit()).toBe(false)
    expect(calls).not.toContain('install')
    service.showChanged(false)
    expect(calls.at(-1)).toBe('install')
  })

  it('says when it is up to date, when a check fails, and when no feed is set', async () => {
    const current = updater(null)
    await current.service.check()
    expect(current.service.state()).toEqual({ status: 'current', checkedAt: 1_700_000_000_000 })

    const failing = updater()
    failing.service['options'].port.check = () =>
      Promise.reject(new Error('getaddrinfo ENOTFOUND\nstack'))
    await failing.service.check()
    expect(failing.service.state()).toEqual({
      status: 'failed',
      code: 'check',
      detail: 'getaddrinfo ENOTFOUND',
    })

    const off = new UpdateService({
      port: {
        check: () => Promise.reject(new Error('never')),
        download: async () => {},
        install: () => {},
      },
      feed: chooseFeed(null, UNSET_UPDATE_FEED, 'latest'),
      now: Date.now,
      onChange: () => {},
    })
    await off.check()
    expect(off.state()).toEqual({ status: 'off', reason: 'unset' })
  })
})

describe('the update feed and release notes', () => {
  it('takes the settings’ URL over the build’s, https only (plain http only on this machine)', () => {
    expect(chooseFeed('https://mirror.example.com/ld', 'https://dl.example.com/', 'beta')).toEqual({
      provider: 'generic',
      url: 'https://mirror.example.com/ld/',
      channel: 'beta',
    })
    expect(chooseFeed(null, 'http://127.0.0.1:8080/feed/', 'latest')).toMatchObject({
      url: 'http://127.0.0.1:8080/feed/',
    })
    expect(chooseFeed(null, 'http://dl.example.com/', 'latest')).toEqual({ reason: 'insecure' })
    expect(chooseFeed('ftp://dl.example.com/', null, 'latest')).toEqual({ reason: 'invalid' })
    expect(chooseFeed('https://u:p@dl.example.com/', null, 'latest')).toEqual({ reason: 'invalid' })
    expect(chooseFeed(null, null, 'latest')).toEqual({ reason: 'unset' })
  })

  it('shows the notes as text: HTML from a release page is never rendered', () => {
    expect(
      releaseNotesText(
        '<h2>0.2.0</h2><ul><li>Faster <b>chat</b></li><li>Fix &lt;script&gt;</li></ul><img src=x onerror=alert(1)>',
      ),
    ).toBe('0.2.0\n• Faster chat\n• Fix <script>')
    expect(
      releaseNotesText([
        { version: '0.2.0', note: 'B' },
        { version: '0.1.1', note: null },
      ]),
    ).toBe('0.2.0\nB\n\n0.1.1')
    expect(releaseNotesText(null)).toBe('')
  })
})
