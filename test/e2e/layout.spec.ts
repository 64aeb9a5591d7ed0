import { mkdirSync } from 'node:fs'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { hostPerFile } from './host'

const host = hostPerFile()

/**
 * The console's frame (issue 15 §1, §2) against the browser host: the preset and arrangement main
 * keeps for this user, and a panel popped out into its own tab on the same session, docked back
 * when that tab closes or its "Dock back" is pressed.
 */

const shots = `/tmp/shots-wt-dock`
mkdirSync(shots, { recursive: true })

/**
 * Drags with the pointer as a person does: press on `from`, a first small move (the handle starts
 * a drag only past a few pixels), then to `to` in steps, and release.
 */
async function drag(page: Page, from: Locator, to: { x: number; y: number }): Promise<void> {
  const box = await from.boundingBox()
  if (!box) throw new Error('nothing to drag')
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
  await page.mouse.move(start.x, start.y)
  await page.mouse.down()
  await page.mouse.move(start.x + 8, start.y + 8, { steps: 2 })
  await page.mouse.move(to.x, to.y, { steps: 12 })
  await page.mouse.up()
}

/** The middle of what `locator` shows. */
async function middle(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox()
  if (!box) throw new Error('not shown')
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

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
  // The delivery meter first, a slim bar across the top; then the Stage and chat.
  expect((await order(page)).slice(0, 3)).toEqual(['Delivery budget', 'Stage', 'Chat'])
  await page.screenshot({ path: `${shots}/anchor-1440x900.png` })

  await picker.selectOption({ label: 'Producer' })
  await expect.poll(async () => (await order(page))[1]).toBe('Timeline')
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
  await expect.poll(async () => (await order(page))[1]).toBe('Stage')
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
  // Listening before the click: a pop-out closed before the wait began would never say so again.
  const closed = popup.waitForEvent('close')
  await page.getByRole('button', { name: 'Dock back' }).click()
  await closed
  await expect(page.getByRole('region', { name: 'Members' })).toBeVisible()

  opened = page.waitForEvent('popup')
  await toolbar.getByRole('button', { name: 'Pop out' }).click()
  popup = await opened
  await expect(page.getByRole('region', { name: 'Members' })).toHaveCount(0)
  await popup.getByRole('button', { name: 'Dock back' }).click()
  await expect(page.getByRole('region', { name: 'Members' })).toBeVisible()
})

test('a panel dragged by its handle lands where it was dropped; its edge drags it wider', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(host().consoleUrl)
  await expect.poll(async () => (await order(page))[1]).toBe('Stage')
  // The show's panels stand alone now, each with its own tools (issue 15 §1).
  const before = await order(page)
  expect(before).toEqual(expect.arrayContaining(['Room state', 'Notice', 'Lottery', 'Audience']))

  // Chat dropped on the Stage: it takes the Stage's place, the Stage shifts one later.
  const stageCell = page.locator('.layout-cell', {
    has: page.getByRole('region', { name: 'Stage' }),
  })
  await drag(page, page.getByRole('button', { name: 'Drag Chat' }), await middle(stageCell))
  const expected = ['Delivery budget', 'Chat', 'Stage', ...before.slice(3)]
  expect(before.slice(0, 3)).toEqual(['Delivery budget', 'Stage', 'Chat'])
  await expect.poll(() => order(page)).toEqual(expected)

  // Chat's right edge dragged one column to the right: two columns wide.
  const chatCell = page.locator('.layout-cell', { has: page.getByRole('log', { name: 'Chat' }) })
  await expect(chatCell).toHaveAttribute('data-span', '1')
  const edge = page.getByRole('separator', { name: 'Resize Chat', exact: true })
  await chatCell.hover()
  await expect(edge).toHaveAttribute('aria-valuenow', '1')
  const column = (await chatCell.boundingBox())!.width
  const from = await middle(edge)
  await drag(page, edge, { x: from.x + column * 0.8, y: from.y })
  await expect(chatCell).toHaveAttribute('data-span', '2')
  await expect(edge).toHaveAttribute('aria-valuenow', '2')
  // From the keyboard too: the arrow keys, a column at a time.
  await edge.focus()
  await page.keyboard.press('ArrowRight')
  await expect(chatCell).toHaveAttribute('data-span', '3')
  await page.keyboard.press('ArrowLeft')
  await expect(chatCell).toHaveAttribute('data-span', '2')
  await chatCell.hover()
  await page.screenshot({ path: `${shots}/dragged-and-resized-1440x900.png` })

  // Main kept both: a reload draws the same arrangement.
  await page.reload()
  await expect.poll(() => order(page)).toEqual(expected)
  await expect(
    page.locator('.layout-cell', { has: page.getByRole('log', { name: 'Chat' }) }),
  ).toHaveAttribute('data-span', '2')

  // The keyboard's way to drag: Space on the handle, an arrow, Space to drop — each step once
  // the one before it took (picked up; over another panel).
  const handle = page.getByRole('button', { name: 'Drag Chat' })
  await handle.focus()
  await page.keyboard.press('Space')
  await expect(handle).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('.layout-cell-target')).toHaveCount(1)
  await page.keyboard.press('Space')
  await expect(handle).not.toHaveAttribute('aria-pressed', 'true')
  await expect.poll(async () => (await order(page)).indexOf('Chat')).toBeGreaterThan(0)

  // Back to the anchor's desk for the tests after this one.
  const picker = page.getByRole('combobox', { name: 'Layout' })
  await picker.selectOption({ label: 'Producer' })
  await expect.poll(async () => (await order(page))[1]).toBe('Timeline')
  await picker.selectOption({ label: 'Anchor' })
  await expect.poll(async () => (await order(page))[1]).toBe('Stage')
})

test('a panel’s bottom edge makes it taller or shorter; the Stage and chat fill the screen', async ({
  page,
}) => {
  for (const [width, height] of [
    [1280, 720],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height })
    await page.goto(host().consoleUrl)
    // While the room has room the delivery meter is one slim track, its tools beside it.
    const delivery = page.locator('.layout-cell', {
      has: page.getByRole('region', { name: 'Delivery budget' }),
    })
    await expect(delivery).toHaveClass(/layout-cell-slim/)
    expect((await delivery.boundingBox())!.height).toBeLessThan(40)
    await expect(
      page.getByRole('separator', { name: 'Resize Delivery budget height' }),
    ).toHaveCount(0)
    // The Stage and chat end at the bottom of the window, less than a track above it.
    for (const region of [
      page.getByRole('region', { name: 'Stage' }),
      page.getByRole('log', { name: 'Chat' }),
    ]) {
      const cell = page.locator('.layout-cell', { has: region })
      await expect
        .poll(async () => (await cell.boundingBox())!.y + (await cell.boundingBox())!.height)
        .toBeLessThanOrEqual(height - 10)
      const bottom = (await cell.boundingBox())!
      expect(bottom.y + bottom.height).toBeGreaterThan(height - 10 - 46)
    }
    // The Stage's monitor gives up width so its health figures stay in sight.
    await expect(page.getByRole('region', { name: 'Stage' }).getByText('Duration')).toBeInViewport()
  }

  const chatCell = page.locator('.layout-cell', { has: page.getByRole('log', { name: 'Chat' }) })
  const edge = page.getByRole('separator', { name: 'Resize Chat height' })
  await chatCell.hover()
  await expect(edge).toHaveAttribute('aria-orientation', 'horizontal')
  await expect(edge).toHaveAttribute('aria-valuetext', /^Fills the screen: \d+ rows tall$/)
  const filled = Number(await edge.getAttribute('aria-valuenow'))
  const tall = (await chatCell.boundingBox())!.height
  // Dragged up three tracks (a track and its gap are 46 px): three rows shorter.
  const from = await middle(edge)
  await drag(page, edge, { x: from.x, y: from.y - 3 * 46 })
  await expect(edge).toHaveAttribute('aria-valuenow', String(filled - 3))
  await expect(edge).toHaveAttribute('aria-valuetext', `${filled - 3} rows tall`)
  expect((await chatCell.boundingBox())!.height).toBeCloseTo(tall - 3 * 46, 0)
  // From the keyboard: a track at a time.
  await edge.focus()
  await page.keyboard.press('ArrowDown')
  await expect(edge).toHaveAttribute('aria-valuenow', String(filled - 2))
  // Main kept it: a reload draws the same height; the preset brings back the fill.
  await page.reload()
  await expect(page.getByRole('separator', { name: 'Resize Chat height' })).toHaveAttribute(
    'aria-valuenow',
    String(filled - 2),
  )
  const picker = page.getByRole('combobox', { name: 'Layout' })
  await picker.selectOption({ label: 'Producer' })
  await expect.poll(async () => (await order(page))[1]).toBe('Timeline')
  await picker.selectOption({ label: 'Anchor' })
  await expect(page.getByRole('separator', { name: 'Resize Chat height' })).toHaveAttribute(
    'aria-valuetext',
    /^Fills the screen/,
  )
})

test('Room state, Notice and Lottery each pop out alone, in the console’s language', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(`${host().consoleUrl}&lang=en`)
  for (const name of ['Room state', 'Notice', 'Lottery']) {
    const opened = page.waitForEvent('popup')
    await page
      .getByRole('toolbar', { name: `${name} layout` })
      .getByRole('button', { name: 'Pop out' })
      .click()
    const popup = await opened
    expect(new URL(popup.url()).searchParams.get('lang')).toBe('en')
    await expect(popup.getByRole('region', { name })).toBeVisible()
    for (const other of ['Room state', 'Notice', 'Lottery'].filter((n) => n !== name)) {
      await expect(popup.getByRole('region', { name: other })).toHaveCount(0)
      // …and the others stay in the main window.
      await expect(page.getByRole('region', { name: other })).toBeVisible()
    }
    await expect(page.getByText(`${name} is open in its own window.`)).toBeVisible()
    // A tab cannot stay on top of other windows: no toggle, and its tools say why.
    const tools = popup.getByRole('toolbar', { name: `${name} layout` })
    await expect(tools).toHaveAttribute('title', /A browser tab cannot stay on top/)
    await expect(popup.getByRole('button', { name: 'Stay on top' })).toHaveCount(0)
    await popup.close()
    await expect(page.getByRole('region', { name })).toBeVisible()
  }
})

test('an older page’s `show` pop-out shows the panels that column became', async ({ page }) => {
  await page.goto(host().consoleUrl)
  await expect(page.getByRole('region', { name: 'Room state' })).toBeVisible()
  const popup = await page.context().newPage()
  await popup.goto(`${new URL(host().consoleUrl).origin}/?panel=show`)
  for (const name of ['Audience', 'Room state', 'Notice', 'Lottery', 'Level rules']) {
    await expect(popup.getByRole('region', { name })).toBeVisible()
    await expect(page.getByText(`${name} is open in its own window.`)).toBeVisible()
  }
  await expect(popup.getByRole('log', { name: 'Chat' })).toHaveCount(0)
  await popup.getByRole('button', { name: 'Dock back' }).click()
  await expect(page.getByRole('region', { name: 'Notice' })).toBeVisible()
})

for (const lang of ['en', 'ko', 'zh-CN']) {
  test(`at 1280×720 (${lang}) the anchor sees the Stage’s health without scrolling`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.goto(`${host().consoleUrl}&lang=${lang}`)
    const stage = page.locator('section.stage')
    // The health figures (FPS, bitrate, dropped frames, …), by their list in any language.
    const health = stage.locator('.health dl')
    await expect(health).toBeVisible()
    await expect(stage.locator('figure.monitor')).toBeInViewport()
    const box = (await health.boundingBox())!
    const panel = (await stage.boundingBox())!
    // Whole inside the window and inside the Stage (not cut off by its scrolling body).
    expect(box.y + box.height).toBeLessThanOrEqual(720)
    expect(box.y + box.height).toBeLessThanOrEqual(panel.y + panel.height)
    expect(await stage.locator('.stage-body').evaluate((body) => body.scrollTop)).toBe(0)
    await page.screenshot({ path: `${shots}/anchor-${lang}-1280x720.png` })
  })
}
