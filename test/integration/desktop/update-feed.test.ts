import {
  configureRequestOptions,
  configureRequestUrl,
  HttpExecutor,
  type DownloadOptions,
} from 'builder-util-runtime'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request, type ClientRequest, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppImageUpdater, type AppUpdater } from 'electron-updater'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { listen } from '../../../src-main/common/listen'
import { chooseFeed, type UpdateChannel } from '../../../src-main/desktop/update-feed'
import { electronUpdaterPort } from '../../../src-main/shell/updater-port'

/**
 * The feed logic of issue 16 §2 — version comparison, channel, staged rollout, download — run by
 * electron-updater itself against a real HTTP server serving `latest-linux.yml`. Only its
 * transport is Node's http here (in the app it is Electron's net, which needs the runtime).
 */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: object, callback: (response: unknown) => void): ClientRequest {
    return request(options, callback)
  }

  /** As Electron's executor downloads (electron-updater's electronHttpExecutor.ts), over Node. */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions = { headers: options.headers ?? undefined, redirect: 'manual' }
      configureRequestUrl(url, requestOptions)
      configureRequestOptions(requestOptions)
      ;(this as unknown as { doDownload: (...args: unknown[]) => void }).doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error: Error | null) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      )
    })
  }
}

const installer = Buffer.from('not really an AppImage, but its bytes are checked all the same\n')
const sha512 = createHash('sha512').update(installer).digest('base64')
function feedFile(version: string, extra = ''): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: LiveDesk-${version}.AppImage`,
    `    sha512: ${sha512}`,
    `    size: ${installer.length}`,
    `path: LiveDesk-${version}.AppImage`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    'releaseNotes: <p>Faster chat</p><ul><li>Tray</li></ul>',
    extra,
  ].join('\n')
}

let server: Server
let base = ''
/** What the server holds, by path; changed per test. */
let files: Record<string, string | Buffer> = {}
const asked: string[] = []
const dirs: string[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!
    asked.push(path)
    const body = files[path]
    if (body === undefined) res.writeHead(404).end()
    else res.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body)
  })
  base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}/feed/`
})
afterAll(() => new Promise<void>((done) => server.close(() => done())))
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  asked.length = 0
  delete process.env.APPIMAGE
})

/** An installed LiveDesk at `version`, whose install id puts it at `rollout` (0–1) in a staged rollout. */
function installed(version: string, rollout: 0 | 0.5 | 1): { updater: AppUpdater; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'livedesk-update-'))
  dirs.push(dir)
  const last = { 0: '00000000', 0.5: '80000000', 1: 'ffffffff' }[rollout]
  writeFileSync(join(dir, '.updaterId'), `7b1e7e4a-2f3c-4d5e-8f90-a1b2${last}`)
  writeFileSync(
    join(dir, 'app-update.yml'),
    `provider: generic\nurl: ${base}\nupdaterCacheDirName: livedesk-updater\n`,
  )
  // electron-updater updates an AppImage only when running as one.
  process.env.APPIMAGE = join(dir, 'LiveDesk.AppImage')
  const app = {
    version,
    name: 'LiveDesk',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: dir,
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  }
  const updater = new AppImageUpdater(null, app)
  ;(updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor =
    new NodeHttpExecutor()
  updater.logger = null
  return { updater, dir }
}

function check(version: string, channel: UpdateChannel, rollout: 0 | 0.5 | 1 = 0) {
  const { updater } = installed(version, rollout)
  const feed = chooseFeed(base, null, channel)
  if ('reason' in feed) throw new Error(feed.reason)
  return electronUpdaterPort(updater, () => {}).check(feed)
}

describe('the update feed (issue 16 §2)', () => {
  it('offers a newer version, with its notes as text, and nothing to an install that has it', async () => {
    files = { '/feed/latest-linux.yml': feedFile('0.2.0') }
    expect(await check('0.1.0', 'latest')).toEqual({
      version: '0.2.0',
      notes: 'Faster chat\n• Tray',
      releaseDate: '2026-12-01T10:00:00.000Z',
    })
    expect(asked).toContain('/feed/latest-linux.yml')
    expect(await check('0.2.0', 'latest')).toBeNull()
    // Never a downgrade, even when the feed goes back.
    expect(await check('0.3.0', 'latest')).toBeNull()
  })

  it('reads the beta channel’s own file, and a stable install never sees a beta', async () => {
    files = {
      '/feed/latest-linux.yml': feedFile('0.2.0'),
      '/feed/beta-linux.yml': feedFile('0.3.0-beta.1'),
    }
    expect(await check('0.2.0', 'beta')).toMatchObject({ version: '0.3.0-beta.1' })
    expect(asked).toContain('/feed/beta-linux.yml')
    expect(await check('0.2.0', 'latest')).toBeNull()
  })

  it('rolls out in stages: an install outside the percentage waits, one inside gets it', async () => {
    files = { '/feed/latest-linux.yml': feedFile('0.2.0', 'stagingPercentage: 40') }
    expect(await check('0.1.0', 'latest', 0)).toMatchObject({ version: '0.2.0' })
    expect(await check('0.1.0', 'latest', 0.5)).toBeNull()
    expect(await check('0.1.0', 'latest', 1)).toBeNull()
    files = { '/feed/latest-linux.yml': feedFile('0.2.0', 'stagingPercentage: 60') }
    expect(await check('0.1.0', 'latest', 0.5)).toMatchObject({ version: '0.2.0' })
  })

  it('downloads the installer and refuses one that does not match its sha512', async () => {
    files = {
      '/feed/latest-linux.yml': feedFile('0.2.0'),
      '/feed/LiveDesk-0.2.0.AppImage': installer,
    }
    const { updater, dir } = installed('0.1.0', 0)
    const port = electronUpdaterPort(updater, () => {})
    const feed = chooseFeed(base, null, 'latest')
    if ('reason' in feed) throw new Error(feed.reason)
    expect(await port.check(feed)).toMatchObject({ version: '0.2.0' })
    await port.download()
    expect(asked).toContain('/feed/LiveDesk-0.2.0.AppImage')
    expect(readdirSync(join(dir, 'cache', 'livedesk-updater', 'pending'))).toContain(
      'LiveDesk-0.2.0.AppImage',
    )

    // A file that does not match its sha512 is refused.
    files['/feed/LiveDesk-0.2.0.AppImage'] = Buffer.from('tampered')
    const second = installed('0.1.0', 0)
    const tampered = electronUpdaterPort(second.updater, () => {})
    await tampered.check(feed)
    await expect(tampered.download()).rejects.toThrow(/sha512|checksum|size/i)
  })
})
