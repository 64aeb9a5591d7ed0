import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import WebSocket from 'ws'

export interface RunningHost {
  consoleUrl: string
  viewerUrl: string
  dataDir: string
  /** Everything the host printed so far. */
  output(): string
  process: ChildProcess
  /** Stops the host by its pid; the data folder goes too unless `keepData` (a restart). */
  stop(options?: { keepData?: boolean }): Promise<void>
}

export interface StartHostOptions {
  /** A data folder to start on again (default: a fresh temp one). */
  dataDir?: string
  /** More command-line options (default: an ephemeral console port). */
  args?: string[]
}

const root = join(__dirname, '../..')

/** Starts the built browser host (`node out/main/host.js`) on ephemeral ports with a temp data dir. */
export async function startHost(options: StartHostOptions = {}): Promise<RunningHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'livedesk-e2e-'))
  const child = spawn(
    process.execPath,
    [join(root, 'out/main/host.js'), ...(options.args ?? ['--port', '0']), '--data', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const urls = await new Promise<{ consoleUrl: string; viewerUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const consoleUrl = /^Console: (\S+)$/m.exec(output)?.[1]
      // A room on Tencent Cloud has no viewer page here.
      const viewerUrl = /^Viewer: (\S+)$/m.exec(output)?.[1]
      // "Data:" is the last line the host prints on starting: the output is whole then, and a
      // test may read any line of it (stdout may arrive in several chunks).
      if (consoleUrl && /^Data: /m.test(output)) {
        clearTimeout(timer)
        resolve({ consoleUrl, viewerUrl: viewerUrl ?? '' })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`host exited with ${code}:\n${output}`))
    })
  })
  return {
    ...urls,
    dataDir,
    output: () => output,
    process: child,
    async stop(stopOptions = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
        await exited
        clearTimeout(timer)
      }
      if (!stopOptions.keepData) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** One browser host for a spec file: started before its tests, stopped after them. */
export function hostPerFile(): () => RunningHost {
  let host: RunningHost | undefined
  test.beforeAll(async () => {
    host = await startHost()
  })
  test.afterAll(async () => {
    await host?.stop()
  })
  return () => {
    if (!host) throw new Error('The browser host has not started')
    return host
  }
}

/**
 * The business backend's way in: Tencent's IM REST API on the host's room, as the App admin, with
 * a UserSig made by Tencent's official tls-sig-api-v2 from the room's own key.
 */
export function adminRest(host: RunningHost) {
  const { Api } = createRequire(__filename)('tls-sig-api-v2') as {
    Api: new (
      sdkAppId: number,
      key: string,
    ) => { genUserSig(userId: string, expire: number): string }
  }
  const identity = JSON.parse(
    readFileSync(join(host.dataDir, 'liveroom', 'identity.json'), 'utf8'),
  ) as { sdkAppId: number; secretKey: string }
  const sig = new Api(identity.sdkAppId, identity.secretKey).genUserSig('administrator', 600)
  const origin = new URL(host.viewerUrl).origin
  const query = `sdkappid=${identity.sdkAppId}&identifier=administrator&usersig=${encodeURIComponent(sig)}&random=1&contenttype=json`
  return (service: string, command: string, body: object) =>
    fetch(`${origin}/v4/${service}/${command}?${query}`, {
      method: 'POST',
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ ErrorCode: number } & Record<string, unknown>>)
}

export type ViewerSession = { sdkAppId: number; userId: string; userSig: string }

/** A viewer page that joined the room under `nickname`, with the session the room gave it. */
export async function openViewer(
  /** A browser, or a context of one (another person's own cookies). */
  browser: { newPage(): Promise<Page> },
  viewerUrl: string,
  nickname: string,
): Promise<{ page: Page; session: ViewerSession }> {
  const page = await browser.newPage()
  await page.goto(viewerUrl)
  await page.getByRole('textbox', { name: 'Nickname' }).fill(nickname)
  const response = page.waitForResponse('**/api/viewer-session')
  await page.getByRole('button', { name: 'Join' }).click()
  const session = (await (await response).json()) as ViewerSession
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeEnabled()
  return { page, session }
}

/** A contract call over the host's WebSocket, as another console window would make it. */
export async function contractCall(
  host: RunningHost,
  name: string,
  input: unknown,
): Promise<unknown> {
  const token = new URL(host.consoleUrl).searchParams.get('token')
  const ws = new WebSocket(
    `${host.consoleUrl.replace(/^http/, 'ws').split('/?')[0]}/contract?token=${token}`,
  )
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  const answer = await new Promise((resolve) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { kind: string; result?: unknown }
      if (frame.kind === 'result') resolve(frame.result)
    })
    ws.send(JSON.stringify({ kind: 'call', id: 1, name, input }))
  })
  ws.close()
  return answer
}

/** The director strip's Viewers figure on the owner's console: the online count, then the peak. */
export function stripViewers(page: Page) {
  const item = page
    .getByRole('region', { name: 'Director strip' })
    .getByRole('group', { name: 'Viewers', exact: true })
  return { count: item.locator('strong'), peak: item.locator('.strip-sub') }
}

/** The CSV the Timeline's "Export CSV" saves, as rows of cells (no cell here holds a comma). */
export async function exportTimelineCsv(page: Page): Promise<string[][]> {
  const timeline = page.getByRole('region', { name: 'Timeline' })
  const download = page.waitForEvent('download')
  await timeline.getByRole('button', { name: 'Export CSV' }).click()
  const text = readFileSync(await (await download).path(), 'utf8')
  return text
    .trim()
    .split('\r\n')
    .map((line) => line.split(','))
}
