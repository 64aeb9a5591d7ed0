import { expect, test, type Page } from '@playwright/test'
import { hostPerFile } from './host'

const host = hostPerFile()

/** The Stage panel with its settings open. */
async function openSettings(page: Page) {
  await page.goto(host().consoleUrl)
  const stage = page.getByRole('region', { name: 'Stage' })
  await stage.getByText('Stream settings', { exact: true }).click()
  await expect(stage.getByRole('combobox', { name: 'Profile', exact: true })).toBeVisible()
  return stage
}

test('a custom profile, a split and a free-space floor are saved and come back after a reload', async ({
  page,
}) => {
  let stage = await openSettings(page)
  const profile = () => stage.getByRole('combobox', { name: 'Profile', exact: true })
  const field = (name: string) => stage.getByRole('textbox', { name, exact: true })

  await expect(profile()).toHaveValue('720p30')
  await profile().selectOption({ label: 'Custom' })
  // Custom starts from the preset that was chosen.
  await expect(field('Width (px)')).toHaveValue('1280')
  await expect(field('Height (px)')).toHaveValue('720')
  await expect(field('Frame rate (fps)')).toHaveValue('30')
  await expect(field('Video bitrate (kbps)')).toHaveValue('2500')

  await field('Width (px)').fill('640')
  await field('Height (px)').fill('360')
  await field('Frame rate (fps)').fill('15')
  await field('Video bitrate (kbps)').fill('800')
  await stage
    .getByRole('combobox', { name: 'Split recording', exact: true })
    .selectOption({ label: 'By time' })
  await field('Start a new file every (minutes)').fill('5')
  await field('Stop recording when free space is below (MB)').fill('1000')
  await stage.getByRole('button', { name: 'Save settings' }).click()
  await expect(stage.getByText('Settings saved')).toBeVisible()

  stage = await openSettings(page)
  await expect(profile()).toHaveValue('custom')
  await expect(field('Width (px)')).toHaveValue('640')
  await expect(field('Height (px)')).toHaveValue('360')
  await expect(field('Frame rate (fps)')).toHaveValue('15')
  await expect(field('Video bitrate (kbps)')).toHaveValue('800')
  await expect(stage.getByRole('combobox', { name: 'Split recording', exact: true })).toHaveValue(
    'time',
  )
  await expect(field('Start a new file every (minutes)')).toHaveValue('5')
  await expect(field('Stop recording when free space is below (MB)')).toHaveValue('1000')

  // An odd width is marked on the field, and nothing of this attempt reaches main.
  await field('Width (px)').fill('641')
  await field('Height (px)').fill('480')
  await stage.getByRole('button', { name: 'Save settings' }).click()
  const width = field('Width (px)')
  await expect(width).toHaveAttribute('aria-invalid', 'true')
  await expect(width).toHaveAccessibleDescription(/even/)
  await expect(width).toBeFocused()
  await expect(field('Height (px)')).toHaveAttribute('aria-invalid', 'false')
  await expect(stage.getByText('Nothing was saved. Correct the marked fields.')).toBeVisible()

  stage = await openSettings(page)
  await expect(field('Width (px)')).toHaveValue('640')
  await expect(field('Height (px)')).toHaveValue('360')
})

test('Tencent CSS push and play keys are saved write-only: never shown again, never in the page', async ({
  page,
}) => {
  let stage = await openSettings(page)
  await stage.getByRole('combobox', { name: 'Destination' }).selectOption({
    label: 'Tencent Cloud Streaming Services',
  })
  await stage.getByRole('textbox', { name: 'Push domain' }).fill('push.example.com')
  await stage.getByRole('textbox', { name: 'Stream name' }).fill('s1')
  await stage
    .getByRole('textbox', { name: 'Playback domain (for the monitor)' })
    .fill('play.example.com')
  await stage.getByLabel('Push key').fill('the-push-key')
  await stage.getByLabel('Play key (only if playback authentication is on)').fill('the-play-key')
  await stage.getByRole('button', { name: 'Save settings' }).click()
  await expect(stage.getByText('Settings saved')).toBeVisible()

  await page.reload()
  stage = await openSettings(page)
  for (const label of ['Push key', 'Play key (only if playback authentication is on)']) {
    await expect(stage.getByLabel(label)).toHaveValue('')
    await expect(stage.getByLabel(label)).toHaveAttribute('placeholder', 'Saved — type to replace')
  }
  const html = await page.content()
  expect(html).not.toContain('the-push-key')
  expect(html).not.toContain('the-play-key')
})

test('the danmaku and a free text are set in Overlays and come back after a reload', async ({
  page,
}) => {
  let stage = await openSettings(page)
  await stage.getByRole('textbox', { name: 'Text on the picture (empty for none)' }).fill('Q&A 9시')
  await stage.getByRole('checkbox', { name: 'Chat on the picture (danmaku)' }).check()
  await stage
    .getByRole('combobox', { name: 'Style' })
    .selectOption({ label: 'A box of the latest lines' })
  await stage
    .getByRole('combobox', { name: 'Chat box position' })
    .selectOption({ label: 'Top right' })
  await stage.getByRole('spinbutton', { name: 'Lines in the box' }).fill('4')
  await stage.getByRole('button', { name: 'Save settings' }).click()
  await expect(stage.getByText('Settings saved')).toBeVisible()

  stage = await openSettings(page)
  await expect(
    stage.getByRole('textbox', { name: 'Text on the picture (empty for none)' }),
  ).toHaveValue('Q&A 9시')
  await expect(stage.getByRole('checkbox', { name: 'Chat on the picture (danmaku)' })).toBeChecked()
  await expect(stage.getByRole('combobox', { name: 'Style' })).toHaveValue('box')
  await expect(stage.getByRole('combobox', { name: 'Chat box position' })).toHaveValue('top-right')
  await expect(stage.getByRole('spinbutton', { name: 'Lines in the box' })).toHaveValue('4')
})
