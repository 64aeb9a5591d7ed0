import { spawn } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { adminRest, hostPerFile, openViewer } from './host'

/**
 * Issue 12 as the anchor and a viewer see it: the console's Room state buttons move the viewer's
 * status and player, a viewer who joins later reads the state from the room's attribute, and a
 * notice set from anywhere reaches the viewer's pinned notice and the console's header. The show
 * is a real stream into the console's ingest, so the replay the viewer plays is the room server's
 * own recording of it.
 */

const host = hostPerFile()
/** Stopped after each test, passed or not: processes a test spawned. */
const afterThis: (() => void)[] = []
test.afterEach(() => {
  for (const stop of afterThis.splice(0)) stop()
})

const roomState = (page: Page) => page.getByRole('region', { name: 'Room state' })
const status = (page: Page) => page.getByRole('status', { name: 'Room state' })

async function openConsole(page: Page): Promise<void> {
  await page.goto(host().consoleUrl)
  await expect(page.getByRole('log', { name: 'Chat' })).toBeVisible()
}

test('the viewer’s state banner and player follow the console’s Room state buttons', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await openConsole(consolePage)
  const panel = roomState(consolePage)
  const { page: viewer } = await openViewer(browser, host().viewerUrl, 'Banner')
  await expect(status(viewer)).toHaveText('Not started')

  await panel.getByRole('textbox', { name: 'Show title' }).fill('Friday show')
  await panel.getByRole('button', { name: 'Schedule' }).click()
  await expect(status(viewer)).toContainText('Scheduled')
  await expect(status(viewer)).toContainText('Friday show')
  await expect(panel.getByRole('button', { name: 'Pause' })).toBeDisabled()

  // Going live is the stream's start: a test pattern pushed into the console's own ingest.
  const publishUrl = /^Ingest: (\S+)$/m.exec(host().output())![1]!
  const publisher = spawn(
    process.env.FFMPEG_PATH ?? 'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=25',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=44100',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-g',
      '25',
      '-c:a',
      'aac',
      '-f',
      'flv',
      publishUrl,
    ],
    { stdio: 'ignore' },
  )
  const stopPublisher = () => {
    if (publisher.exitCode !== null || publisher.signalCode !== null) return
    if (publisher.pid !== undefined) process.kill(publisher.pid, 'SIGKILL')
  }

  test.info().annotations.push({ type: 'publisher', description: String(publisher.pid) })
  afterThis.push(stopPublisher)
  await expect(status(viewer)).toContainText('Live', { timeout: 20_000 })
  // The room server records what it receives: wait until its first part holds some video.
  const replays = join(host().dataDir, 'liveroom', 'replays')
  const recorded = () => {
    try {
      return readdirSync(replays, { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.mp4'))
        .reduce((sum, name) => sum + statSync(join(replays, name)).size, 0)
    } catch {
      return 0
    }
  }
  await expect.poll(recorded, { timeout: 20_000 }).toBeGreaterThan(50_000)

  await panel.getByRole('button', { name: 'Pause' }).click()
  await expect(status(viewer)).toContainText('Paused')
  await expect(viewer.getByText('Be right back', { exact: true })).toBeVisible()
  // A newcomer who missed the message reads the state from the room_state attribute.
  const { page: late } = await openViewer(browser, host().viewerUrl, 'Latecomer')
  await expect(status(late)).toContainText('Paused')

  await panel.getByRole('button', { name: 'Resume' }).click()
  await expect(status(viewer)).toContainText('Live')
  await panel.getByRole('button', { name: 'End show' }).click()
  await expect(status(viewer)).toContainText('Ended')
  await expect(panel.getByRole('button', { name: 'Resume' })).toBeDisabled()

  stopPublisher()

  // Another address is the alternative to the server's recording; a script URL is refused.
  await panel.getByText('Another address').click()
  await panel.getByRole('textbox', { name: 'Replay URL' }).fill('javascript:alert(1)')
  await panel.getByRole('button', { name: 'Publish this address' }).click()
  await expect(panel.getByRole('alert')).toContainText('http(s) address')
  // "Publish replay" publishes the room server's recording (once its parts are joined).
  await expect(async () => {
    await panel.getByRole('button', { name: 'Publish replay' }).click()
    await expect(status(viewer)).toContainText('Replay', { timeout: 1000 })
  }).toPass({ timeout: 20_000 })
  await viewer.getByRole('button', { name: 'Watch the replay' }).click()
  const video = viewer.locator('video.replay-video')
  await expect(video).toHaveAttribute('src', /^\/replays\/[A-Za-z0-9_-]+\/[0-9a-f]+\.mp4$/)
  // Playable: the browser read the file's index over range requests and knows its length.
  await expect
    .poll(
      () =>
        video.evaluate((element) => {
          const player = element as unknown as { readyState: number; duration: number }
          return player.readyState >= 1 && Number.isFinite(player.duration) ? player.duration : 0
        }),
      { timeout: 20_000 },
    )
    .toBeGreaterThan(1)

  await Promise.all([viewer.close(), late.close(), consolePage.close()])
})

test('a notice and a rename made over REST reach the viewer’s pinned notice and the console header', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await openConsole(consolePage)
  const { page: viewer } = await openViewer(browser, host().viewerUrl, 'Reader')
  const rest = adminRest(host())
  const roomId = new URL(host().viewerUrl).pathname.split('/').pop()!
  const answer = await rest('group_open_http_svc', 'modify_group_base_info', {
    GroupId: roomId,
    Name: 'Renamed show',
    Notification: '<b>not bold</b> — starts at 9',
  })
  expect(answer.ErrorCode).toBe(0)
  const notice = viewer.getByRole('region', { name: 'Notice' })
  // Text is text: the markup shows as written and makes no element.
  await expect(notice).toHaveText('<b>not bold</b> — starts at 9')
  await expect(notice.locator('b')).toHaveCount(0)
  await expect(consolePage.getByRole('heading', { name: 'Renamed show' })).toBeVisible()
  await Promise.all([viewer.close(), consolePage.close()])
})

test('the console’s notice editor counts bytes, holds Tencent’s limits, and publishes to viewers', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await openConsole(consolePage)
  const { page: viewer } = await openViewer(browser, host().viewerUrl, 'Notice reader')
  const editor = consolePage.getByRole('region', { name: 'Notice' })
  const notice = editor.getByRole('textbox', { name: 'Notice', exact: true })
  const publish = editor.getByRole('button', { name: 'Publish notice' })

  await notice.fill('공'.repeat(100))
  await expect(editor.getByText('300 / 300 bytes')).toBeVisible()
  await expect(publish).toBeEnabled()
  await notice.fill('공'.repeat(100) + 'a')
  await expect(editor.getByText('301 / 300 bytes')).toBeVisible()
  await expect(notice).toHaveAttribute('aria-invalid', 'true')
  await expect(publish).toBeDisabled()

  await editor.getByRole('textbox', { name: 'Introduction' }).fill('소'.repeat(81))
  await expect(editor.getByText('243 / 240 bytes')).toBeVisible()
  await editor.getByRole('textbox', { name: 'Introduction' }).fill('Weekly cooking show')
  await notice.fill('Tonight: 김치찌개 <script>alert(1)</script>')
  await publish.click()
  await expect(editor.getByRole('status')).toHaveText('Notice published.')

  const pinned = viewer.getByRole('region', { name: 'Notice' })
  await expect(pinned).toHaveText('Tonight: 김치찌개 <script>alert(1)</script>')
  await expect(pinned.locator('script')).toHaveCount(0)
  await expect(editor.getByRole('list', { name: 'Changes' })).toContainText('the notice')
  await Promise.all([viewer.close(), consolePage.close()])
})

test('the console’s lottery counts entries from the chat, draws, and the viewer sees the winners', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await openConsole(consolePage)
  const { page: viewer, session } = await openViewer(browser, host().viewerUrl, 'Lucky')
  const panel = consolePage.getByRole('region', { name: 'Lottery' })
  await panel.getByRole('textbox', { name: 'Keyword' }).fill('Lucky Draw')
  await panel.getByRole('spinbutton', { name: 'Winners' }).fill('1')
  await panel.getByRole('spinbutton', { name: 'Duration (seconds)' }).fill('600')
  await panel.getByRole('button', { name: 'Start lottery' }).click()
  await expect(viewer.getByRole('region', { name: 'Lottery' })).toContainText('Lucky Draw')

  await viewer.getByRole('textbox', { name: 'Message' }).fill('ＬＵＣＫＹ ｄｒａｗ for me')
  await viewer.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(panel.getByText('Entrants: 1')).toBeVisible()
  await panel.getByRole('button', { name: 'Draw now' }).click()

  await expect(panel.getByRole('list', { name: 'Winners' })).toContainText(session.userId)
  await expect(viewer.getByRole('list', { name: 'Winners' })).toContainText(session.userId)
  const download = consolePage.waitForEvent('download')
  await panel.getByRole('button', { name: 'Export results' }).click()
  const saved = await (await download).path()
  const { readFileSync } = await import('node:fs')
  const result = JSON.parse(readFileSync(saved, 'utf8')) as { winners: { userId: string }[] }
  expect(result.winners.map((w) => w.userId)).toEqual([session.userId])
  await Promise.all([viewer.close(), consolePage.close()])
})
