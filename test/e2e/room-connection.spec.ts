import { expect, test, type Page } from '@playwright/test'
import { hostPerFile } from './host'

const host = hostPerFile()

async function openSettings(page: Page) {
  await page.goto(host().consoleUrl)
  const section = page.getByRole('region', { name: 'Room connection settings' })
  await section.getByText('Room connection settings', { exact: true }).click()
  await expect(section.getByRole('combobox', { name: 'Room', exact: true })).toBeVisible()
  return section
}

test('Tencent settings are checked, saved, and come back after a reload with the key only as saved', async ({
  page,
}) => {
  let section = await openSettings(page)
  const field = (name: string) => section.getByRole('textbox', { name, exact: true })
  // The domain field offers Tencent's regional domains, so it is a combobox.
  const restDomain = () => section.getByRole('combobox', { name: 'REST API domain', exact: true })
  await expect(section.getByText('This run uses: Embedded room (this computer)')).toBeVisible()
  await section.getByRole('combobox', { name: 'Room', exact: true }).selectOption('tencent')
  await expect(section.getByText(/Development only/)).toBeVisible()

  await field('SDKAppID').fill('14000x')
  await field("Your user ID (the anchor's account)").fill('anchor 1')
  await section.getByRole('button', { name: 'Save room connection' }).click()
  await expect(section.getByRole('status')).toHaveText('Fix the marked fields; nothing was saved.')
  await expect(field('SDKAppID')).toHaveAttribute('aria-invalid', 'true')
  await expect(field('SDKAppID')).toHaveAccessibleDescription(/SDKAppID, a number/)
  await expect(field('Group ID (AVChatRoom)')).toHaveAttribute('aria-invalid', 'true')

  await field('SDKAppID').fill('1400000001')
  await field('Group ID (AVChatRoom)').fill('@TGS#aLIVE01')
  await field("Your user ID (the anchor's account)").fill('anchor_1')
  await restDomain().fill('https://adminapikr.im.qcloud.com')
  await section.getByLabel('IM secret key').fill('my-secret-key-value')
  await section.getByRole('button', { name: 'Save room connection' }).click()
  await expect(section.getByRole('status')).toHaveText('Saved. Restart LiveDesk to connect.')
  await expect(section.getByText(/Restart LiveDesk to connect\./).first()).toBeVisible()

  await page.reload()
  section = await openSettings(page)
  await expect(section.getByRole('combobox', { name: 'Room', exact: true })).toHaveValue('tencent')
  await expect(field('SDKAppID')).toHaveValue('1400000001')
  await expect(field('Group ID (AVChatRoom)')).toHaveValue('@TGS#aLIVE01')
  await expect(field("Your user ID (the anchor's account)")).toHaveValue('anchor_1')
  await expect(restDomain()).toHaveValue('https://adminapikr.im.qcloud.com')
  const key = section.getByLabel('IM secret key')
  await expect(key).toHaveValue('')
  await expect(key).toHaveAttribute('placeholder', 'Saved — type to replace')
  await expect(page.locator('body')).not.toContainText('my-secret-key-value')
  // This run still uses the embedded room.
  await expect(section.getByText('This run uses: Embedded room (this computer)')).toBeVisible()
})
