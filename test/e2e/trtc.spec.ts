import { expect, test } from '@playwright/test'
import { hostPerFile } from './host'

const host = hostPerFile()

/**
 * The Stage's push-method choice in the browser host (issue 17). The TRTC SDK cannot load here
 * (no Electron, Linux, no native module), so "Tencent TRTC" is not offered and the Stage says
 * why; nothing pretends to push through TRTC.
 */
test('the Stage keeps its push methods and says why Tencent TRTC is not offered here', async ({
  page,
}) => {
  await page.goto(host().consoleUrl)
  const stage = page.getByRole('region', { name: 'Stage' })
  await stage.getByText('Stream settings', { exact: true }).click()
  const destination = stage.getByRole('combobox', { name: 'Destination', exact: true })
  await expect(destination).toBeVisible()

  const options = await destination.getByRole('option').allTextContents()
  expect(options).toEqual([
    'This room (embedded ingest)',
    'Tencent Cloud Streaming Services',
    'Custom RTMP server',
  ])
  await expect(destination.getByRole('option', { name: 'Tencent TRTC' })).toHaveCount(0)
  await expect(
    stage.getByText(
      'Tencent TRTC is not offered here: Tencent TRTC needs the LiveDesk desktop app; this console runs in a browser.',
      { exact: true },
    ),
  ).toBeVisible()

  // The existing methods still work as before: CSS shows its fields.
  await destination.selectOption({ label: 'Tencent Cloud Streaming Services' })
  await expect(stage.getByRole('textbox', { name: 'Push domain', exact: true })).toBeVisible()
})
