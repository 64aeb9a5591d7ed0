import { mkdirSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { hostPerFile } from './host'

const host = hostPerFile()

/**
 * The console's frame (issue 15 §1, §2) against the browser host: the preset and arrangement main
 * keeps for this user, and a panel popped out into its own tab on the same session, docked back
 * when that tab closes or its "Dock back" is pressed.
 */

const shots = `/tmp/shots-wt-layout`
mkdirSync(shots, { recursive: true })

/** The dashboard's panels in the order they are laid out, by their tools' names. */
async function order(page: Page): Promise<string[]> {
  const labels = await page
    .locator('main.dashboard > .layout-cell > [role="toolbar"]')
    .evaluateAll((bars) => bars.map((bar) => bar.getAttribute('aria-label') ?? ''))
  return labels.map((label) => label.replace(/ layout$/, ''))
}

test('a preset and a moved panel are kept by main across a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(host().consoleUrl)
  const picker = page.getByRole('combobox', { name: 'Layout' })
  await expect(picker).toHaveValue('anchor')
  await expect.poll(() => order(page)).toEqual(expect.arrayContaining(['Stage', 'Chat']))
  expect((await order(page)).slice(0, 2)).toEqual(['Stage', 'Chat'])
  await page.screenshot({ path: `${shots}/anchor-1440x900.png` })

  await picker.selectOption({ label: 'Producer' })
  await expect.poll(async () => (await order(page))[0]).toBe('Timeline')
  // Chat one place earlier than the producer preset has it.
  const before = await order(page)
  const chatAt = before.indexOf('Chat')
  await page
    .getByRole('toolbar', { name: 'Chat layout' })
    .getByRole('button', { name: 'Move earlier' })
    .click()
  await expect.poll(async () => (await order(page)).indexOf('Chat')).toBe(chatAt - 1)
  await page
    .getByRole('toolbar', { name: 'Chat layout' })
    .getByRole('button', { name: 'Wider' })
    .click()
  await expect(
    page.locator('.layout-cell[data-span="2"]', { has: page.getByRole('log', { name: 'Chat' }) }),
  ).toHaveCount(1)
  const arranged = await order(page)

  await page.reload()
  await expect(page.getByRole('combobox', { name: 'Layout' })).toHaveValue('producer')
  await expect.poll(() => order(page)).toEqual(arranged)
  await expect(
    page.locator('.layout-cell[data-span="2"]', { has: page.getByRole('log', { name: 'Chat' }) }),
  ).toHaveCount(1)
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.screenshot({ path: `${shots}/producer-1280x720.png` })

  // Back to the anchor's desk for the tests after this one.
  await page.getByRole('combobox', { name: 'Layout' }).selectOption({ label: 'Anchor' })
  await expect.poll(async () => (await order(page))[0]).toBe('Stage')
})

test('Chat pops out into its own tab and docks back when that tab closes', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(host().consoleUrl)
  await expect(page.getByRole('log', { name: 'Chat' })).toBeVisible()
  // The Stage's monitor stays in sight at 1280×720 with the frame's tools.
  await expect(page.locator('figure.monitor')).toBeInViewport()

  const opened = page.waitForEvent('popup')
  await page
    .getByRole('toolbar', { name: 'Chat layout' })
    .getByRole('button', { name: 'Pop out' })
    .click()
  const popup = await opened
  await popup.setViewportSize({ width: 440, height: 760 })
  // The pop-out is the same session (the host's cookie): it shows the chat, and only the chat.
  await expect(popup.getByRole('log', { name: 'Chat' })).toBeVisible()
  await expect(popup.getByRole('region', { name: 'Members' })).toHaveCount(0)
  await expect(page.getByText('Chat is open in its own window.')).toBeVisible()
  await expect(page.getByRole('log', { name: 'Chat' })).toHaveCount(0)
  await page.screenshot({ path: `${shots}/chat-popped-out-1280x720.png` })
  await popup.screenshot({ path: `${shots}/chat-popout-window.png` })

  await popup.close()
  await expect(page.getByRole('log', { name: 'Chat' })).toBeVisible()
  await expect(page.getByText('Chat is open in its own window.')).toHaveCount(0)
})

test('"Dock back" in the main window closes the pop-out; the pop-out’s own docks it too', async ({
  page,
}) => {
  await page.goto(host().consoleUrl)
  const toolbar = page.getByRole('toolbar', { name: 'Members layout' })
  let opened = page.waitForEvent('popup')
  await toolbar.getByRole('button', { name: 'Pop out' }).click()
  let popup = await opened
  await expect(popup.getByRole('region', { name: 'Members' })).toBeVisible()
  await page.getByRole('button', { name: 'Dock back' }).click()
  await popup.waitForEvent('close')
  await expect(page.getByRole('region', { name: 'Members' })).toBeVisible()

  opened = page.waitForEvent('popup')
  await toolbar.getByRole('button', { name: 'Pop out' }).click()
  popup = await opened
  await expect(page.getByRole('region', { name: 'Members' })).toHaveCount(0)
  await popup.getByRole('button', { name: 'Dock back' }).click()
  await expect(page.getByRole('region', { name: 'Members' })).toBeVisible()
})
