import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { exportTimelineCsv, hostPerFile, openViewer } from './host'

const host = hostPerFile()

const column = (rows: string[][], name: string) => {
  const at = rows[0]!.indexOf(name)
  return rows.slice(1).map((row) => row[at] ?? '')
}
const sum = (cells: string[]) => cells.reduce((total, cell) => total + (Number(cell) || 0), 0)

/**
 * Issue 15 §1 and §3 against the real room: a viewer chats, sends a large gift and a message a
 * filter holds, the anchor runs a lottery, and the director strip counts each; the timeline main
 * kept (one sample a second, in SQLite) comes back whole after a reload, exports as CSV with those
 * same counts and markers, and is still there, with the show before it, once the show has ended.
 * Ending the push pauses the room with its end grace, which the strip counts down.
 */
test('the director strip counts what the room does; the timeline keeps the show', async ({
  browser,
}) => {
  // An encoder start, two pages and a 10 s chat window on two shared cores.
  test.setTimeout(180_000)
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)
  const strip = consolePage.getByRole('region', { name: 'Director strip' })
  const item = (name: string) => strip.getByRole('group', { name, exact: true })
  await expect(item('Encoder')).toContainText('Off air')
  await expect(item('Room state')).toContainText('No show')
  await expect(item('Lottery')).toContainText('none running')
  await expect(item('Held for review')).toContainText('0')

  // Links wait for a moderator.
  const filters = consolePage.getByRole('region', { name: 'Filters' })
  await filters.getByRole('combobox', { name: 'Looks for' }).selectOption({ label: 'Links' })
  await filters.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Hold for review' })
  await filters.getByRole('button', { name: 'Add rule' }).click()
  await expect(filters.getByRole('listitem').filter({ hasText: 'Links' })).toBeVisible()

  const alice = await openViewer(browser, host().viewerUrl, 'Alice')
  const say = async (text: string) => {
    await alice.page.getByRole('textbox', { name: 'Message' }).fill(text)
    await alice.page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(alice.page.getByRole('textbox', { name: 'Message' })).toHaveValue('')
  }

  const stage = consolePage.getByRole('region', { name: 'Stage' })
  await stage.getByRole('button', { name: 'Go live' }).click()
  await expect(stage.getByText('Live', { exact: true })).toBeVisible({ timeout: 20_000 })
  await expect(item('Room state')).toContainText('Live', { timeout: 15_000 })
  await expect(item('Encoder')).toContainText(/\d+ kbps · \d+ dropped/, { timeout: 15_000 })
  await expect(item('Encoder')).toContainText(/Healthy|Dropping frames|Encoder too slow/)
  // Alice and the anchor; the business host pushes the count every 5 s when it moved.
  await expect(item('Viewers').locator('strong')).toHaveText('2', { timeout: 15_000 })
  await expect(item('Viewers')).toContainText('peak 2')

  // Two lines and a link, which waits for review: three sends, the most the room's flood limit
  // lets one viewer make in 2 s (a fourth would block Alice for 10 s). The strip's rate is lines
  // delivered over its last ten seconds (0.2 when both fall in one window, less on a machine slow
  // enough to spread them); the CSV below counts both.
  for (const text of ['hello', 'great show']) await say(text)
  await say('visit my.example.com')
  await expect(item('Held for review')).toContainText('1')
  await expect(item('Chat rate')).toContainText(/0\.[1-2] msg\/s/)

  // A large gift (Crown, 520 coins) waits to be thanked and marks the timeline.
  const gifts = alice.page.getByRole('region', { name: 'Gifts' })
  await gifts.getByRole('button', { name: 'Send Crown' }).click()
  await expect(alice.page.getByText('You sent Crown ×1').first()).toBeVisible()
  await expect(item('Gifts to thank')).toContainText('1', { timeout: 15_000 })

  const lottery = consolePage.getByRole('region', { name: 'Lottery' })
  await lottery.getByRole('textbox', { name: 'Keyword' }).fill('Lucky')
  await lottery.getByRole('spinbutton', { name: 'Duration (seconds)' }).fill('600')
  await lottery.getByRole('button', { name: 'Start lottery' }).click()
  await expect(item('Lottery')).toContainText(/closes in (10:00|9:\d\d)/)
  await lottery.getByRole('button', { name: 'Draw now' }).click()
  await expect(item('Lottery')).toContainText('none running')

  // The timeline: one chart of the show, with its markers in words.
  const timeline = consolePage.getByRole('region', { name: 'Timeline' })
  const chart = timeline.getByRole('img', { name: /^Timeline of .*viewers, chat messages/ })
  await expect(chart).toBeVisible()
  await expect(timeline.getByRole('combobox', { name: 'Show' })).toContainText('(now)')
  await expect(timeline).toContainText('room live')
  await expect(timeline).toContainText('Alice: Crown ×1 (520 coins)', { timeout: 15_000 })

  const rows = await exportTimelineCsv(consolePage)
  expect(rows[0]).toEqual([
    'time',
    'unixMs',
    'viewers',
    'chat',
    'gifts',
    'likes',
    'bitrateKbps',
    'dropped',
    'marker',
    'detail',
  ])
  const samples = rows.slice(1).filter((row) => row[8] === '')
  expect(samples.length).toBeGreaterThan(5)
  // Each second's lines and coins add up to what Alice sent (rates over ~1 s, rounded).
  expect(sum(column([rows[0]!, ...samples], 'chat'))).toBeCloseTo(2, 0)
  const coins = sum(column([rows[0]!, ...samples], 'gifts'))
  expect(coins).toBeGreaterThan(510)
  expect(coins).toBeLessThan(530)
  expect(column([rows[0]!, ...samples], 'viewers')).toContain('2')
  expect(column([rows[0]!, ...samples], 'bitrateKbps').some((cell) => Number(cell) > 0)).toBe(true)
  const markers = rows.slice(1).filter((row) => row[8] !== '')
  expect(markers.map((row) => row[8])).toEqual(expect.arrayContaining(['state', 'large-gift']))
  expect(markers.find((row) => row[8] === 'state')?.[9]).toBe('"live"')

  // The PNG is the chart's picture.
  const png = consolePage.waitForEvent('download')
  await timeline.getByRole('button', { name: 'Export PNG' }).click()
  const saved = await png
  expect(saved.suggestedFilename()).toMatch(/^timeline-.*\.png$/)
  const bytes = readFileSync(await saved.path())
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  expect(bytes.length).toBeGreaterThan(5000)

  // A reload finds the same series: main kept it.
  await consolePage.reload()
  // The page loads again with an encoder and a room running on two shared cores.
  await expect(chart).toBeVisible({ timeout: 15_000 })
  await expect(timeline).toContainText('Alice: Crown ×1 (520 coins)')
  const again = await exportTimelineCsv(consolePage)
  expect(again[1]).toEqual(rows[1])
  expect(again.length).toBeGreaterThanOrEqual(rows.length)

  // The push ends: the room pauses by itself (10 s on) and the strip counts down its end grace.
  await stage.getByRole('button', { name: 'End live' }).click()
  const confirm = consolePage.getByRole('alertdialog', { name: 'End the live stream?' })
  await confirm.getByRole('button', { name: 'End live' }).click()
  await expect(item('Room state')).toContainText(/Paused\s*ends in 4:\d\d/, { timeout: 30_000 })
  // The recording that came with going live ended with it: nothing is encoded now.
  await expect(stage.getByText('Offline')).toBeVisible()
  await expect(item('Encoder')).toContainText('Off air')
  await expect(timeline).toContainText('room paused')

  // After the show, its timeline is still there; so is the console's run before it went live.
  const roomState = consolePage.getByRole('region', { name: 'Room state' })
  await roomState.getByRole('button', { name: 'End show' }).click()
  await expect(item('Room state')).toContainText('Ended')
  await expect(timeline).toContainText('room ended')
  const show = timeline.getByRole('combobox', { name: 'Show' })
  await expect(show).not.toContainText('(now)')
  const ended = await exportTimelineCsv(consolePage)
  expect(ended[1]).toEqual(rows[1])
  const options = await show.locator('option').allTextContents()
  expect(options).toHaveLength(2)
  await show.selectOption({ index: 1 })
  await expect(chart).toBeVisible()
  const before = await exportTimelineCsv(consolePage)
  // The run before the show: its seconds come before the show's first.
  expect(Number(before.at(-1)![1])).toBeLessThanOrEqual(Number(rows[1]![1]))
  await expect(timeline).not.toContainText('room live')

  await Promise.all([alice.page.close(), consolePage.close()])
})
