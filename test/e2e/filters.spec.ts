import { expect, test } from '@playwright/test'
import { hostPerFile, openViewer } from './host'

const host = hostPerFile()

/**
 * The Filters panel (issue 13 §1): the anchor adds rules in the console; a viewer's message is
 * rejected, masked or let through by the business host's before-send check — in a real room.
 */
test('rules added in the Filters panel reject and mask what viewers send, however it is spelt', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)
  const filters = consolePage.getByRole('region', { name: 'Filters' })
  await expect(filters).toBeVisible()
  await expect(filters).toContainText('No rules yet')

  await filters.getByRole('textbox', { name: 'Blocked term' }).fill('spam')
  await filters.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Reject' })
  await filters.getByRole('button', { name: 'Add rule' }).click()
  await expect(filters.getByRole('listitem')).toHaveCount(1)
  await expect(filters.getByRole('textbox', { name: 'Blocked term' })).toHaveValue('')

  await filters.getByRole('textbox', { name: 'Blocked term' }).fill('시발')
  await filters.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Mask' })
  await filters.getByRole('button', { name: 'Add rule' }).click()
  await expect(filters.getByRole('listitem')).toHaveCount(2)
  await expect(filters.getByRole('combobox', { name: 'Action' })).toContainText('Hold for review')

  // A pattern that could run away is refused in words.
  await filters.getByRole('combobox', { name: 'Looks for' }).selectOption({ label: 'Pattern' })
  await filters.getByRole('textbox', { name: 'Regular expression' }).fill('(a+)+$')
  await filters.getByRole('button', { name: 'Add rule' }).click()
  await expect(filters.getByRole('alert')).toContainText('repeats a repeat')

  const { page: viewer } = await openViewer(browser, host().viewerUrl, 'Troll')
  const send = async (text: string) => {
    await viewer.getByRole('textbox', { name: 'Message' }).fill(text)
    await viewer.getByRole('button', { name: 'Send', exact: true }).click()
  }
  await send('ｓ p a m')
  await expect(viewer.getByRole('alert')).toBeVisible()
  await send('아 ㅅㅣㅂㅏㄹ 진짜')
  const chat = consolePage.getByRole('log', { name: 'Chat' })
  await expect(chat).toContainText('아 *** 진짜')
  await expect(chat).not.toContainText('spam')
  await expect(chat).not.toContainText('ㅅㅣㅂㅏㄹ')

  // The match count, and removing a rule.
  await consolePage.reload()
  await expect(filters.getByRole('listitem').filter({ hasText: 'spam' })).toContainText('1 matched')
  await filters.getByRole('button', { name: 'Remove rule spam' }).click()
  await expect(filters.getByRole('listitem')).toHaveCount(1)
})

test('"Delete message" in the Moderate menu takes the line off the console and every viewer', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)
  const chat = consolePage.getByRole('log', { name: 'Chat' })
  const { page: troll } = await openViewer(browser, host().viewerUrl, 'Rude')
  const { page: fan } = await openViewer(browser, host().viewerUrl, 'Fan')
  await troll.getByRole('textbox', { name: 'Message' }).fill('a line to delete')
  await troll.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(troll.getByRole('textbox', { name: 'Message' })).toHaveValue('')
  await troll.getByRole('textbox', { name: 'Message' }).fill('a line to keep')
  await troll.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(chat).toContainText('a line to keep')
  await expect(fan.getByRole('log', { name: 'Chat' })).toContainText('a line to delete')

  const line = chat.locator('.chat-line', { hasText: 'a line to delete' })
  await line.getByRole('button', { name: 'Moderate Rude' }).click()
  await consolePage.getByRole('menuitem', { name: 'Delete message' }).click()
  await expect(chat).not.toContainText('a line to delete')
  await expect(chat).toContainText('a line to keep')
  await expect(fan.getByRole('log', { name: 'Chat' })).not.toContainText('a line to delete')
  await expect(troll.getByRole('log', { name: 'Chat' })).not.toContainText('a line to delete')
  await expect(fan.getByRole('log', { name: 'Chat' })).toContainText('a line to keep')
})

test('held messages wait in a Review queue every console shares; Approve delivers, Deny drops', async ({
  browser,
}) => {
  const first = await (await browser.newContext()).newPage()
  const second = await (await browser.newContext()).newPage()
  await first.goto(host().consoleUrl)
  await second.goto(host().consoleUrl)
  const filters = first.getByRole('region', { name: 'Filters' })
  await filters.getByRole('combobox', { name: 'Looks for' }).selectOption({ label: 'Links' })
  await filters.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Hold for review' })
  await filters.getByRole('button', { name: 'Add rule' }).click()
  await expect(filters.getByRole('listitem').filter({ hasText: 'Links' })).toBeVisible()

  const { page: viewer } = await openViewer(browser, host().viewerUrl, 'Linker')
  const say = async (text: string) => {
    await viewer.getByRole('textbox', { name: 'Message' }).fill(text)
    await viewer.getByRole('button', { name: 'Send', exact: true }).click()
    // The composer clears itself once the room answered: the next line waits for that.
    await expect(viewer.getByRole('textbox', { name: 'Message' })).toHaveValue('')
  }
  await say('visit good.example.com')
  await say('visit bad.example.com')
  const queueOf = (page: typeof first) => page.getByRole('region', { name: 'Review queue' })
  // The other console sees the items too (main reads the shared queue).
  await expect(queueOf(second).getByRole('listitem')).toHaveCount(2)
  await expect(queueOf(first).getByRole('listitem')).toHaveCount(2)
  await expect(queueOf(first)).toContainText('Oldest waiting')

  const good = queueOf(first).getByRole('listitem').filter({ hasText: 'good.example.com' })
  await good.getByRole('button', { name: 'Claim' }).click()
  await expect(
    queueOf(second).getByRole('listitem').filter({ hasText: 'good.example.com' }),
  ).toContainText('Claimed by')
  const ownLine = (text: string) =>
    viewer.getByRole('log', { name: 'Chat' }).locator('.chat-line', { hasText: text })
  // The sender's own page showed both lines at once: it was told they went, as for a drop.
  await expect(ownLine('visit good.example.com')).toHaveCount(1)
  await good.getByRole('button', { name: 'Approve' }).click()
  await expect(first.getByRole('log', { name: 'Chat' })).toContainText('visit good.example.com')
  // Approved, it comes to its sender as a new message: it takes the shown line's place, once.
  await expect(ownLine('visit good.example.com')).toHaveCount(1)
  await expect(ownLine('visit good.example.com').locator('.badge-self')).toHaveCount(1)
  await expect(queueOf(second).getByRole('listitem')).toHaveCount(1)

  const bad = queueOf(second).getByRole('listitem').filter({ hasText: 'bad.example.com' })
  await bad.getByRole('button', { name: 'Deny' }).click()
  await expect(queueOf(second)).toContainText('Nothing held for review')
  await expect(queueOf(first)).toContainText('Nothing held for review')
  await expect(second.getByRole('log', { name: 'Chat' })).toContainText('visit good.example.com')
  await expect(second.getByRole('log', { name: 'Chat' })).not.toContainText('bad.example.com')
})

test('the Audit log lists each action with who took it, filters, exports, and unmutes', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)
  const { page: viewer } = await openViewer(browser, host().viewerUrl, 'Noisy')
  await viewer.getByRole('textbox', { name: 'Message' }).fill('so noisy')
  await viewer.getByRole('button', { name: 'Send', exact: true }).click()
  const chat = consolePage.getByRole('log', { name: 'Chat' })
  await chat
    .locator('.chat-line', { hasText: 'so noisy' })
    .getByRole('button', { name: 'Moderate Noisy' })
    .click()
  await consolePage.getByRole('menuitem', { name: 'Mute 10 minutes' }).click()
  await expect(viewer.getByRole('textbox', { name: 'Message' })).toBeDisabled()

  const audit = consolePage.getByRole('region', { name: 'Audit log' })
  const muteEntry = audit.getByRole('listitem').filter({ hasText: 'Mute' }).first()
  await expect(muteEntry).toContainText('anchor')
  await audit.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Mute' })
  await expect(audit.getByRole('listitem')).toHaveCount(1)

  const download = consolePage.waitForEvent('download')
  await audit.getByRole('button', { name: 'Export CSV' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^livedesk-audit-.*\.csv$/)

  await muteEntry.getByRole('button', { name: /^Unmute / }).click()
  await expect(viewer.getByRole('textbox', { name: 'Message' })).toBeEnabled()
  await audit.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Unmute' })
  await expect(audit.getByRole('listitem')).toHaveCount(1)
})

test('"Shield mode" applies its preset in one click and restores what was before; "Slow mode" slows viewers', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)
  const shield = consolePage.getByRole('switch', { name: 'Shield mode' })
  const slow = consolePage.getByRole('combobox', { name: 'Slow mode' })
  await slow.selectOption({ label: '5 s' })
  await expect(slow).toHaveValue('5')

  const { page: viewer } = await openViewer(browser, host().viewerUrl, 'Quick')
  const box = viewer.getByRole('textbox', { name: 'Message' })
  await box.fill('a first line')
  await viewer.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(box).toHaveValue('')
  await box.fill('too soon')
  await viewer.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(viewer.getByRole('alert')).toContainText('Slow mode')

  await shield.click()
  await expect(shield).toHaveAttribute('aria-checked', 'true')
  await expect(slow).toHaveValue('10')
  await shield.click()
  await expect(shield).toHaveAttribute('aria-checked', 'false')
  await expect(slow).toHaveValue('5')
  await slow.selectOption({ label: 'Off' })
  await expect(slow).toHaveValue('0')
})
