import { expect, test, type Locator, type Page } from '@playwright/test'
import { hostPerFile, openViewer } from './host'

/**
 * Issue 12 §3 as the anchor and viewers see it: the console's Audience region (concurrent, unique,
 * peak, heat) and the viewer's "Room heat" follow the room as people come, chat and leave; the
 * anchor's level rules are checked as typed and applied at once; the member list sorts by level.
 *
 * The business host tells the figures at most once per 5 s, so the waits below allow for a few
 * periods; nothing is asserted about how long anything took.
 */

const host = hostPerFile()
/** A few of the audience message's 5 s periods. */
const figureWait = { timeout: 20_000 }

const audience = (page: Page) => page.getByRole('region', { name: 'Audience' })
const figure = (page: Page, name: string): Locator =>
  audience(page)
    .locator('.audience-figure')
    .filter({ has: page.getByText(name, { exact: true }) })
const roomHeat = (page: Page) => page.getByRole('status', { name: 'Room heat' })
const heatIn = async (locator: Locator): Promise<number> =>
  Number(/(\d+)/.exec((await locator.textContent()) ?? '')?.[1] ?? Number.NaN)

async function say(viewer: Page, text: string): Promise<void> {
  await viewer.getByRole('textbox', { name: 'Message' }).fill(text)
  await viewer.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(viewer.getByRole('log', { name: 'Chat' })).toContainText(text)
}

test('the Audience region and the viewer’s Room heat follow the room; members sort by level', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const consolePage = await browser.newPage()
  await consolePage.setViewportSize({ width: 1440, height: 900 })
  await consolePage.goto(host().consoleUrl)
  await expect(consolePage.getByRole('log', { name: 'Chat' })).toBeVisible()
  await expect(audience(consolePage)).toBeVisible()

  // The console (the anchor) is in the room; each viewer page is one more person.
  const { page: ann } = await openViewer(browser, host().viewerUrl, 'Ann')
  await expect(figure(consolePage, 'Concurrent')).toContainText('2', figureWait)
  await expect(figure(consolePage, 'Unique viewers')).toContainText('2')
  await expect(roomHeat(ann)).toContainText(/Heat \d+/, figureWait)

  const { page: bob } = await openViewer(browser, host().viewerUrl, 'Bob')
  await expect(figure(consolePage, 'Concurrent')).toContainText('3', figureWait)
  await expect(figure(consolePage, 'Peak')).toContainText('3')
  await bob.close()
  // Bob left: fewer here now, the same people this show, the same peak.
  await expect(figure(consolePage, 'Concurrent')).toContainText('2', figureWait)
  await expect(figure(consolePage, 'Unique viewers')).toContainText('3')
  await expect(figure(consolePage, 'Peak')).toContainText('3')

  // The anchor makes levels cheap; a wrong threshold is named before anything is sent.
  const rules = consolePage.getByRole('region', { name: 'Level rules' })
  const thresholds = rules.getByRole('textbox', { name: 'Thresholds' })
  await expect(thresholds).not.toHaveValue('')
  await thresholds.fill('3, 2')
  await expect(rules.getByRole('alert')).toContainText(
    'The threshold for level 3 must be larger than the one before it',
  )
  await expect(thresholds).toHaveAttribute('aria-invalid', 'true')
  await expect(rules.getByRole('button', { name: 'Save rules' })).toBeDisabled()
  await thresholds.fill('1, 2, 3')
  await rules.getByRole('button', { name: 'Save rules' }).click()
  await expect(rules).toContainText('Saved. Levels follow the new rules now.')

  // Ann chats: the heat rises for the console and for her, and her level climbs.
  const quietHeat = await heatIn(figure(consolePage, 'Heat'))
  const { page: cat } = await openViewer(browser, host().viewerUrl, 'Cat')
  for (const line of ['hello', 'what a show', 'again!']) await say(ann, line)
  await expect
    .poll(() => heatIn(figure(consolePage, 'Heat')), figureWait)
    .toBeGreaterThan(quietHeat + 10)
  await expect.poll(() => heatIn(roomHeat(ann)), figureWait).toBeGreaterThan(quietHeat + 10)
  await expect.poll(() => heatIn(roomHeat(cat)), figureWait).toBeGreaterThan(quietHeat + 10)

  const members = consolePage.getByRole('region', { name: 'Members' })
  const rows = members.getByRole('listitem')
  const annRow = rows.filter({ hasText: 'Ann' }).first()
  await expect(annRow.locator('.badge-level')).toHaveText('Lv 3', figureWait)
  await expect(rows.filter({ hasText: 'Cat' }).first().locator('.badge-level')).toHaveText('Lv 1')
  const sortBy = members.getByRole('combobox', { name: 'Sort by' })
  await expect(sortBy.getByRole('option')).toHaveText(['Joined', 'Level', 'Name'])
  // Joined: the newest join first (Cat); Level: Ann, the only one who chatted; Name: by nick.
  await expect(rows.first()).toContainText('Cat')
  await sortBy.selectOption({ label: 'Level' })
  await expect(rows.first()).toContainText('Ann')
  await expect(rows.first().locator('.badge-level')).toHaveText('Lv 3')
  await sortBy.selectOption({ label: 'Name' })
  const nicks = await members.locator('.member-nick').allTextContents()
  expect(nicks).toEqual(
    [...nicks].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
  )
  expect(nicks.indexOf('Ann')).toBeLessThan(nicks.indexOf('Bob'))
  expect(nicks.indexOf('Bob')).toBeLessThan(nicks.indexOf('Cat'))

  await Promise.all([ann.close(), cat.close(), consolePage.close()])
})
