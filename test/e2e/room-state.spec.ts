import { expect, test, type Page } from '@playwright/test'
import { adminRest, contractCall, hostPerFile, openViewer } from './host'

/**
 * Issue 12 as the anchor and a viewer see it: the console's Room state buttons move the viewer's
 * status and player, a viewer who joins later reads the state from the room's attribute, and a
 * notice set from anywhere reaches the viewer's pinned notice and the console's header.
 */

const host = hostPerFile()

const roomState = (page: Page) => page.getByRole('region', { name: 'Room state' })
const status = (page: Page) => page.getByRole('status', { name: 'Room state' })

const call = (name: string, input: unknown) => contractCall(host(), name, input)

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

  // Going live is the stream's (or the API's) start; here the business host is asked directly.
  expect(await call('room-state:act', { action: 'start' })).toMatchObject({ ok: true })
  await expect(status(viewer)).toContainText('Live')

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

  await panel.getByRole('textbox', { name: 'Replay URL' }).fill('javascript:alert(1)')
  await panel.getByRole('button', { name: 'Publish replay' }).click()
  await expect(panel.getByRole('alert')).toContainText('http(s) address')
  await panel.getByRole('textbox', { name: 'Replay URL' }).fill('https://example.com/show.mp4')
  await panel.getByRole('button', { name: 'Publish replay' }).click()
  await expect(status(viewer)).toContainText('Replay')
  await expect(viewer.getByRole('button', { name: 'Watch the replay' })).toBeVisible()

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
