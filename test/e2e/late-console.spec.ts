import { expect, test, type Page } from '@playwright/test'
import { adminRest, exportTimelineCsv, hostPerFile, openViewer, stripViewers } from './host'

const host = hostPerFile()

const chatLines = (page: Page) => page.getByRole('log', { name: 'Chat' }).locator('.chat-line')
const meter = (page: Page) => page.getByRole('region', { name: 'Delivery budget' })
const online = (page: Page) => stripViewers(page).count
const peak = (page: Page) => stripViewers(page).peak

/** The viewers each second as a console's Timeline charts it (its CSV export), by Unix ms. */
async function viewersBySecond(page: Page): Promise<Map<number, string>> {
  const [header, ...rows] = await exportTimelineCsv(page)
  const at = header!.indexOf('unixMs')
  const viewers = header!.indexOf('viewers')
  const marker = header!.indexOf('marker')
  const samples = rows.filter((row) => row[marker] === '')
  return new Map(samples.map((row) => [Number(row[at]), row[viewers]!]))
}

/**
 * Main owns the room's state (DESIGN.md): a console opened after a while of activity — a second
 * window, a moderator's browser — shows what the one open from the start shows.
 */
test('a console page opened late shows the same chat, online count, peak, viewers chart and shed count as the first', async ({
  browser,
}) => {
  const first = await browser.newPage()
  await first.goto(host().consoleUrl)
  await expect(online(first)).toHaveText('1')

  const viewers = await Promise.all(
    ['Ann', 'Ben', 'Cat'].map((nick) => openViewer(browser, host().viewerUrl, nick)),
  )
  await expect(online(first)).toHaveText('4')
  for (const [i, { page }] of viewers.entries()) {
    await page.getByRole('textbox', { name: 'Message' }).fill(`hello from viewer ${i}`)
    await page.getByRole('button', { name: 'Send', exact: true }).click()
  }
  await expect(chatLines(first).filter({ hasText: 'hello from viewer 2' })).toBeVisible()
  await viewers[0]!.page.close()
  await viewers[1]!.page.close()
  await expect(online(first)).toHaveText('2')

  // More than the room's 40 a second: the frequency control sheds the overflow.
  const rest = adminRest(host())
  await Promise.all(
    Array.from({ length: 150 }, (_, i) =>
      rest('group_open_http_svc', 'send_group_msg', {
        GroupId: 'main',
        Random: 1000 + i,
        MsgPriority: 'Low',
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `burst ${i}` } }],
      }),
    ),
  )
  await expect(meter(first)).not.toContainText('Shed in the last 5 minutes: 0')
  await expect(meter(first)).toContainText(/Shed in the last 5 minutes: \d+/)
  // The burst is over and the room quiet again.
  await expect(meter(first)).toContainText('Quiet: no messages offered in the last second.')

  const late = await browser.newPage()
  await late.goto(host().consoleUrl)
  await expect(online(late)).toHaveText('2')
  await expect(peak(late)).toHaveText(await peak(first).innerText())
  await expect(peak(late)).toContainText('4')
  await expect(meter(late)).toContainText(
    (await meter(first).locator('.delivery-recent').innerText()).trim(),
  )
  // The viewers chart: the late console read what main kept; the first appended each second live.
  // Every second the first one charted, the late one charts the same (and has the seconds since).
  const before = await viewersBySecond(first)
  const after = await viewersBySecond(late)
  expect([...before.values()]).toEqual(expect.arrayContaining(['1', '4', '2']))
  expect(new Map([...after].filter(([at]) => at <= Math.max(...before.keys())))).toEqual(before)
  // The newest lines, as both windows hold them.
  const newest = async (page: Page) => (await chatLines(page).allInnerTexts()).slice(-5)
  await expect.poll(() => newest(late)).toEqual(await newest(first))
  await expect(late.getByRole('region', { name: 'Members' }).getByText('Ann')).toBeVisible()

  await Promise.all([first.close(), late.close(), viewers[2]!.page.close()])
})
