import { expect, test } from '@playwright/test'
import { hostPerFile, openViewer } from './host'

/**
 * Issue 12 §3's membership flag as the anchor sets it: "Make member" in a member's Moderate menu
 * goes through main to the business host, and the member's level badge follows the rules'
 * member bonus (the defaults: 100 points, past thresholds 10, 30, 60 and 100 — level 5).
 */

const host = hostPerFile()
const shots = '/tmp/shots-membership'

test('the anchor makes a viewer a member and back; the level badge follows', async ({
  browser,
}) => {
  test.setTimeout(90_000)
  const consolePage = await browser.newPage()
  await consolePage.setViewportSize({ width: 1440, height: 900 })
  await consolePage.goto(host().consoleUrl)
  const { page: dee } = await openViewer(browser, host().viewerUrl, 'Dee')

  const members = consolePage.getByRole('region', { name: 'Members' })
  const deeRow = members.getByRole('listitem').filter({ hasText: 'Dee' }).first()
  await expect(deeRow.locator('.badge-level')).toHaveText('Lv 1', { timeout: 20_000 })

  await members.getByRole('button', { name: 'Moderate Dee' }).click()
  const menu = consolePage.getByRole('menu', { name: /Dee/ })
  await expect(menu.getByRole('menuitem', { name: 'Make member' })).toBeVisible()
  // Main knows Dee is no member: the menu offers only the change it can make.
  await expect(menu.getByRole('menuitem', { name: 'Remove membership' })).toHaveCount(0)
  await consolePage.screenshot({ path: `${shots}/member-menu-1440.png` })
  await consolePage.setViewportSize({ width: 1280, height: 720 })
  await consolePage.screenshot({ path: `${shots}/member-menu-1280.png` })
  await menu.getByRole('menuitem', { name: 'Make member' }).click()
  await expect(consolePage.getByText('Dee is a member now (level 5)')).toBeAttached()
  await expect(deeRow.locator('.badge-level')).toHaveText('Lv 5', { timeout: 20_000 })

  await members.getByRole('button', { name: 'Moderate Dee' }).click()
  await expect(menu.getByRole('menuitem', { name: 'Make member' })).toHaveCount(0)
  await menu.getByRole('menuitem', { name: 'Remove membership' }).click()
  await expect(consolePage.getByText('Dee is no longer a member (level 1)')).toBeAttached()
  await expect(deeRow.locator('.badge-level')).toHaveText('Lv 1', { timeout: 20_000 })

  await Promise.all([dee.close(), consolePage.close()])
})
