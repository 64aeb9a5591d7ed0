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
    await viewer.getByRole('button', { name: 'Send' }).click()
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
  await troll.getByRole('button', { name: 'Send' }).click()
  await troll.getByRole('textbox', { name: 'Message' }).fill('a line to keep')
  await troll.getByRole('button', { name: 'Send' }).click()
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
