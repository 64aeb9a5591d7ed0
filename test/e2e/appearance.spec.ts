import { expect, test, type Page } from '@playwright/test'
import { hostPerFile, openViewer } from './host'

const host = hostPerFile()

// Page scripts as strings: the e2e tests are type-checked without the DOM's types.
const background = (page: Page) =>
  page.evaluate<string>('getComputedStyle(document.body).backgroundColor')
const fontSize = (page: Page) => page.evaluate<string>('getComputedStyle(document.body).fontSize')
const dark = 'rgb(14, 16, 20)'
const light = 'rgb(245, 246, 250)'

/** Issue 15 §1: dark, light and the system's theme, and a compact density, on both pages. */
test.describe('appearance', () => {
  test('the console is dark until told otherwise; Light and Compact stay over a reload', async ({
    page,
  }) => {
    await page.goto(host().consoleUrl)
    await page.getByText('Display', { exact: true }).click()
    const theme = page.getByRole('combobox', { name: 'Theme' })
    await expect(theme).toHaveValue('dark')
    expect(await background(page)).toBe(dark)
    await expect(theme.getByRole('option')).toHaveText(['System', 'Dark', 'Light'])

    await theme.selectOption({ label: 'Light' })
    expect(await background(page)).toBe(light)
    const compact = page.getByRole('switch', { name: 'Compact' })
    await expect(compact).toHaveAttribute('aria-checked', 'false')
    const before = await fontSize(page)
    await compact.click()
    await expect(compact).toHaveAttribute('aria-checked', 'true')
    expect(await fontSize(page)).not.toBe(before)

    await page.reload()
    await page.getByText('Display', { exact: true }).click()
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('light')
    await expect(page.getByRole('switch', { name: 'Compact' })).toHaveAttribute(
      'aria-checked',
      'true',
    )
    expect(await background(page)).toBe(light)
  })

  test("the viewer page follows the system's scheme, and a choice overrides it", async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' })
    await page.goto(host().viewerUrl)
    const theme = page.getByRole('combobox', { name: 'Theme' })
    await expect(theme).toHaveValue('system')
    expect(await background(page)).toBe(light)
    // The system turns dark while the page is open: System follows it at once.
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => background(page)).toBe(dark)
    await theme.selectOption({ label: 'Light' })
    expect(await background(page)).toBe(light)
    await page.reload()
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('light')
    expect(await background(page)).toBe(light)
  })
  test('on a desktop window the chat runs beside the stream, the window high; on a phone, under it', async ({
    browser,
  }) => {
    const { page } = await openViewer(browser, host().viewerUrl, 'Wide')
    const stream = page.getByRole('region', { name: 'Live stream' })
    const chat = page.getByRole('region', { name: 'Live chat' })
    const gifts = page.getByRole('region', { name: 'Gifts' })
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width, height })
      const streamBox = (await stream.boundingBox())!
      const chatBox = (await chat.boundingBox())!
      expect(chatBox.x).toBeGreaterThanOrEqual(streamBox.x + streamBox.width)
      expect(chatBox.y).toBeLessThanOrEqual(streamBox.y)
      // The chat ends where the window does, and the gift panel under the stream is in sight.
      expect(chatBox.y + chatBox.height).toBeGreaterThan(height - 40)
      expect(chatBox.y + chatBox.height).toBeLessThanOrEqual(height)
      await expect(gifts).toBeInViewport({ ratio: 1 })
    }
    await page.setViewportSize({ width: 390, height: 844 })
    const streamBox = (await stream.boundingBox())!
    const chatBox = (await chat.boundingBox())!
    expect(chatBox.y).toBeGreaterThanOrEqual(streamBox.y + streamBox.height)
    await page.close()
  })
})
