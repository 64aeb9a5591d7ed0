import { expect, test } from '@playwright/test'
import { hostPerFile, openViewer } from './host'

const host = hostPerFile()

/**
 * Issue 9, §2: a viewer is one identity across reloads (the room's credential, in a cookie the
 * page cannot read), so a ban holds when the banned viewer reloads and types the same nickname —
 * and the console tells namesakes apart.
 */
test('a banned viewer who reloads and joins under the same nickname is still banned', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)
  const members = consolePage.getByRole('region', { name: 'Members' })

  const troll = await openViewer(browser, host().viewerUrl, 'Troll')
  await expect(members.getByRole('listitem').filter({ hasText: 'Troll' })).toContainText(
    troll.session.userId,
  )
  await members.getByRole('button', { name: 'Moderate Troll' }).click()
  await consolePage.getByRole('menuitem', { name: 'Ban 1 hour' }).click()
  await consolePage
    .getByRole('alertdialog', { name: 'Ban Troll for 1 hour?' })
    .getByRole('button', { name: 'Ban' })
    .click()
  await expect(troll.page.getByRole('alert')).toContainText('banned you from this room')

  // Reload: the form remembers the nickname; the room remembers the person.
  await troll.page.reload()
  await expect(troll.page.getByRole('textbox', { name: 'Nickname' })).toHaveValue('Troll')
  const again = troll.page.waitForResponse('**/api/viewer-session')
  await troll.page.getByRole('button', { name: 'Join' }).click()
  expect(((await (await again).json()) as { userId: string }).userId).toBe(troll.session.userId)
  await expect(troll.page.getByRole('alert')).toContainText('banned you from this room')
  await expect(troll.page.getByRole('textbox', { name: 'Message' })).toHaveCount(0)
  // A fresh identity from the same address (cookies cleared) is kept out as long.
  const context = await browser.newContext()
  const newcomer = await context.newPage()
  await newcomer.goto(host().viewerUrl)
  await newcomer.getByRole('textbox', { name: 'Nickname' }).fill('Totally new')
  await newcomer.getByRole('button', { name: 'Join' }).click()
  await expect(newcomer.getByRole('alert')).toContainText('banned you from this room')

  // Lifting the ban lifts it for the address too (every viewer of these tests is on 127.0.0.1).
  await members.getByRole('button', { name: 'Moderate Troll' }).click()
  await consolePage.getByRole('menuitem', { name: 'Unban' }).click()
  await expect(consolePage.getByText('Troll may join again')).toBeVisible()
  await newcomer.getByRole('button', { name: 'Rejoin' }).click()
  await expect(newcomer.getByRole('textbox', { name: 'Message' })).toBeEnabled()

  await Promise.all([troll.page.close(), context.close(), consolePage.close()])
})

test('two viewers with the same nickname are told apart in the Members panel', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)
  const members = consolePage.getByRole('region', { name: 'Members' })
  // Two browsers, two people: each its own identity.
  const contexts = await Promise.all([browser.newContext(), browser.newContext()])
  const [first, second] = await Promise.all(
    contexts.map((context) => openViewer(context, host().viewerUrl, 'Sam')),
  )
  expect(first!.session.userId).not.toBe(second!.session.userId)
  const rows = members.getByRole('listitem').filter({ hasText: 'Sam' })
  await expect(rows).toHaveCount(2)
  const row = (userId: string) =>
    rows.filter({ has: consolePage.locator('.member-id', { hasText: userId }) })
  await expect(row(first!.session.userId)).toContainText(
    `Same nickname as ${second!.session.userId}`,
  )
  await expect(row(second!.session.userId)).toContainText(
    `Same nickname as ${first!.session.userId}`,
  )
  await Promise.all([...contexts.map((c) => c.close()), consolePage.close()])
})
