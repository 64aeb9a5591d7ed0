import { expect, test, type Locator, type Page } from '@playwright/test'
import { hostPerFile } from './host'

const host = hostPerFile()

async function openStage(page: Page, width: number, height: number): Promise<Locator> {
  await page.setViewportSize({ width, height })
  await page.goto(host().consoleUrl)
  const stage = page.getByRole('region', { name: 'Stage' })
  await expect(stage.getByText('Offline')).toBeVisible()
  return stage
}

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test(`at ${width}×${height} the whole Stage is in sight without scrolling it`, async ({
    page,
  }) => {
    const stage = await openStage(page, width, height)
    const summary = stage.getByText('Stream settings', { exact: true })
    await expect(summary).toBeInViewport({ ratio: 1 })
    await expect(stage.getByRole('button', { name: 'Go live', exact: true })).toBeInViewport()
    await expect(stage.getByRole('img', { name: /^Frames per second/ })).toBeInViewport({
      ratio: 1,
    })
    // Nothing inside it is below its own fold either: the monitor gave way, the body did not scroll.
    const body = stage.locator('.stage-body')
    expect(await body.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1)
    expect(
      (await stage.locator('figure.monitor').boundingBox())?.height ?? 0,
    ).toBeGreaterThanOrEqual(160)
  })

  test(`at ${width}×${height} the monitor keeps its height with the settings open`, async ({
    page,
  }) => {
    const stage = await openStage(page, width, height)
    await stage.getByText('Stream settings', { exact: true }).click()
    await expect(stage.getByRole('combobox', { name: 'Profile', exact: true })).toBeVisible()
    const monitor = stage.locator('figure.monitor')
    const box = await monitor.boundingBox()
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(160)
    // The settings are reached by scrolling the Stage, not by squeezing what is above them.
    await stage.getByRole('combobox', { name: 'Profile', exact: true }).scrollIntoViewIfNeeded()
    await expect(stage.getByRole('combobox', { name: 'Profile', exact: true })).toBeInViewport()
  })
}

/** Where the health numbers sit against the monitor: beside it (to its right) or under it. */
async function healthPlace(stage: Locator): Promise<'side' | 'stacked'> {
  const monitor = (await stage.locator('figure.monitor').boundingBox())!
  const health = (await stage.getByLabel('Stream health').boundingBox())!
  if (health.x >= monitor.x + monitor.width) return 'side'
  expect(health.y).toBeGreaterThanOrEqual(monitor.y + monitor.height)
  return 'stacked'
}

test('in a wide, short Stage the health goes beside the monitor, and under it again when narrowed', async ({
  page,
}) => {
  const stage = await openStage(page, 1280, 720)
  const monitor = stage.locator('figure.monitor')
  // Under the monitor the picture was 160 px high; beside it, the panel's whole height.
  await expect.poll(() => healthPlace(stage)).toBe('side')
  expect((await monitor.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(240)
  const body = stage.locator('.stage-body')
  expect(await body.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1)

  // One column wide, there is no room beside it: the numbers go back under the picture.
  const edge = page.getByRole('separator', { name: 'Resize Stage', exact: true })
  await edge.focus()
  await page.keyboard.press('ArrowLeft')
  await expect(edge).toHaveAttribute('aria-valuenow', '1')
  await expect.poll(() => healthPlace(stage)).toBe('stacked')
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => healthPlace(stage)).toBe('side')

  // A tall panel keeps them under it, where the picture is largest.
  await page.setViewportSize({ width: 1440, height: 900 })
  await expect.poll(() => healthPlace(stage)).toBe('stacked')
})

test('an error has its own line and never covers the health labels', async ({ page }) => {
  const stage = await openStage(page, 1280, 720)
  const alert = stage.locator('p.stage-error')
  const health = stage.getByLabel('Stream health')
  const before = await health.boundingBox()
  // An error line is always laid out (empty when there is none), so one appearing moves nothing.
  await alert.evaluate((line) => {
    line.textContent = 'A long error that wraps over two lines at this width, a long one'
  })
  const errorBox = await alert.boundingBox()
  const after = await health.boundingBox()
  expect(errorBox && after && errorBox.y + errorBox.height <= after.y).toBe(true)
  // The health moved down to make room; it was not drawn over.
  expect(after?.y).toBeGreaterThanOrEqual(before?.y ?? Infinity)
})

test('Record and Go live start and stop in either order, each while the other runs', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const stage = await openStage(page, 1440, 900)
  const button = (name: string) => stage.getByRole('button', { name, exact: true })

  await button('Record').click()
  await expect(button('Stop recording')).toBeVisible({ timeout: 20_000 })
  await expect(button('Go live')).toBeEnabled()
  await button('Go live').click()
  await expect(button('End live')).toBeVisible({ timeout: 20_000 })
  await expect(stage.getByText('Live', { exact: true })).toBeVisible({ timeout: 20_000 })
  await expect(button('Stop recording')).toBeEnabled()

  // End live keeps the recording Record started.
  await button('End live').click()
  await page
    .getByRole('alertdialog', { name: 'End the live stream?' })
    .getByRole('button', { name: 'End live' })
    .click()
  await expect(button('Go live')).toBeVisible({ timeout: 20_000 })
  await expect(button('Stop recording')).toBeVisible()
  await expect(stage.getByText('Recording', { exact: true })).toBeVisible()

  // Go live again, then stop the recording: the push goes on.
  await button('Go live').click()
  await expect(button('End live')).toBeVisible({ timeout: 20_000 })
  await button('Stop recording').click()
  await expect(button('Record')).toBeVisible({ timeout: 20_000 })
  await expect(button('End live')).toBeVisible()
  await expect(stage.getByText('Live', { exact: true })).toBeVisible({ timeout: 20_000 })

  await button('End live').click()
  await page
    .getByRole('alertdialog', { name: 'End the live stream?' })
    .getByRole('button', { name: 'End live' })
    .click()
  await expect(stage.getByText('Offline')).toBeVisible({ timeout: 20_000 })
})

test('scenes saved in Stream settings switch the program while live, the push staying up', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const stage = await openStage(page, 1440, 900)
  await stage.getByText('Stream settings', { exact: true }).click()
  const name = stage.getByRole('textbox', { name: 'Scene name' })
  for (const scene of ['Opening', 'Main show']) {
    await name.fill(scene)
    await stage.getByRole('button', { name: 'Save the source as a scene' }).click()
  }
  await stage.getByRole('button', { name: 'Save settings' }).click()
  await expect(stage.getByText('Settings saved')).toBeVisible()

  const scenes = stage.getByRole('group', { name: 'Scenes' })
  await expect(scenes.getByRole('button', { name: 'Main show', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await stage.getByRole('button', { name: 'Go live', exact: true }).click()
  await expect(stage.getByText('Live', { exact: true })).toBeVisible({ timeout: 20_000 })
  await scenes.getByRole('button', { name: 'Opening', exact: true }).click()
  await expect(scenes.getByRole('button', { name: 'Opening', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await expect(scenes.getByRole('button', { name: 'Main show', exact: true })).toHaveAttribute(
    'aria-pressed',
    'false',
  )
  // Still live, never reconnecting.
  await expect(stage.getByText('Live', { exact: true })).toBeVisible()
  await expect(stage.getByText(/Reconnecting/)).toHaveCount(0)

  await stage.getByRole('button', { name: 'End live', exact: true }).click()
  await page
    .getByRole('alertdialog', { name: 'End the live stream?' })
    .getByRole('button', { name: 'End live' })
    .click()
  await expect(stage.getByText('Offline')).toBeVisible({ timeout: 20_000 })
})
