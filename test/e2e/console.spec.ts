import { expect, test, type Browser, type Page } from '@playwright/test'
import WebSocket from 'ws'
import { adminRest, hostPerFile, openViewer, stripViewers, type ViewerSession } from './host'

const host = hostPerFile()

const sessions = new WeakMap<Page, ViewerSession>()

async function joinAsViewer(browser: Browser, nickname: string): Promise<Page> {
  const { page, session } = await openViewer(browser, host().viewerUrl, nickname)
  sessions.set(page, session)
  return page
}

/** Sends as the page's viewer over a socket of our own, bypassing the page's controls. */
async function rawSend(page: Page, text: string): Promise<{ code: number; message?: string }> {
  const session = sessions.get(page)!
  const roomId = new URL(host().viewerUrl).pathname.split('/').pop()!
  const ws = new WebSocket(`${new URL(host().viewerUrl).origin.replace('http', 'ws')}/im/v1`)
  const acks = new Map<number, (frame: { code: number; message?: string }) => void>()
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { type: string; seq: number; code: number }
    if (frame.type === 'ack') acks.get(frame.seq)?.(frame)
  })
  await new Promise((resolve) => ws.once('open', resolve))
  const request = (frame: Record<string, unknown>) =>
    new Promise<{ code: number; message?: string }>((resolve) => {
      const seq = acks.size + 1
      acks.set(seq, resolve)
      ws.send(JSON.stringify({ ...frame, seq }))
    })
  try {
    const login = await request({ type: 'login', version: 1, ...session })
    expect(login.code).toBe(0)
    expect((await request({ type: 'join', groupId: roomId })).code).toBe(0)
    return await request({
      type: 'send',
      groupId: roomId,
      msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
    })
  } finally {
    ws.close()
  }
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
}

const chat = (page: Page) => page.getByRole('log', { name: 'Chat' })
/** A viewer page's online count. */
const online = (page: Page) => page.getByLabel('Online', { exact: true })
/** The console's, in the director strip. */
const consoleOnline = (page: Page) => stripViewers(page).count

test('the console and its contract refuse a missing or wrong token', async ({ request }) => {
  const base = new URL(host().consoleUrl)
  const bare = `${base.origin}/`
  expect((await request.get(bare)).status()).toBe(401)
  expect((await request.get(`${bare}?token=wrong`)).status()).toBe(401)
  expect((await request.get(`${base.origin}/assets/x.js`)).status()).toBe(401)
  expect((await request.get(host().consoleUrl)).status()).toBe(200)
  const status = await new Promise<number>((resolve) => {
    const ws = new WebSocket(`${base.origin.replace('http', 'ws')}/contract?token=wrong`)
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.on('open', () => resolve(101))
  })
  expect(status).toBe(401)
})

test('viewers and the anchor chat both ways; the online count follows joins and leaves', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)
  await expect(chat(consolePage)).toBeVisible()
  // The anchor's console is itself a member of the room.
  await expect(consoleOnline(consolePage)).toHaveText('1')

  const alice = await joinAsViewer(browser, 'Alice')
  await expect(consoleOnline(consolePage)).toHaveText('2')
  const bob = await joinAsViewer(browser, 'Bob')
  await expect(consoleOnline(consolePage)).toHaveText('3')
  // Viewers get the business host's count, pushed every 5 s when it moved (docs/business.md).
  await expect(online(alice)).toContainText('3', { timeout: 12_000 })

  await send(alice, 'hello from Alice')
  await expect(chat(consolePage).getByText('hello from Alice')).toBeVisible({ timeout: 2_000 })
  await expect(chat(bob).getByText('hello from Alice')).toBeVisible({ timeout: 2_000 })
  await expect(chat(consolePage)).toContainText('Alice')

  await send(consolePage, 'welcome, everyone')
  await expect(chat(alice).getByText('welcome, everyone')).toBeVisible({ timeout: 2_000 })
  await expect(chat(bob).getByText('welcome, everyone')).toBeVisible({ timeout: 2_000 })
  await expect(consolePage.getByRole('textbox', { name: 'Message' })).toHaveValue('')

  await bob.close()
  await expect(consoleOnline(consolePage)).toHaveText('2')
  await expect(online(alice)).toContainText('2', { timeout: 12_000 })
  await alice.close()
  await expect(consoleOnline(consolePage)).toHaveText('1')
  await consolePage.close()
})

test('muting one viewer disables only that viewer, and the room rejects its forced send', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)
  const carol = await joinAsViewer(browser, 'Carol')
  const dave = await joinAsViewer(browser, 'Dave')
  await send(carol, 'carol was here')
  await expect(chat(consolePage).getByText('carol was here')).toBeVisible()

  await consolePage.getByRole('button', { name: 'Moderate Carol' }).first().click()
  await consolePage.getByRole('menuitem', { name: 'Mute 1 minute' }).click()
  // The pointer leaves the chat it was over, which paused it (pause-on-hover): the lines below
  // would otherwise wait under "Paused · N new".
  await consolePage.mouse.move(0, 0)

  await expect(carol.getByRole('textbox', { name: 'Message' })).toBeDisabled()
  await expect(carol.getByRole('button', { name: 'Send', exact: true })).toBeDisabled()
  await expect(carol.getByText(/Muted until/)).toBeVisible()
  await expect(dave.getByRole('textbox', { name: 'Message' })).toBeEnabled()

  // Force a send past the disabled controls, with Carol's own credentials: the room itself
  // must refuse it with 10017.
  const forced = await rawSend(carol, 'forced while muted')
  expect(forced.code).toBe(10017)

  await send(dave, 'dave still talks')
  await expect(chat(consolePage).getByText('dave still talks')).toBeVisible()
  await expect(chat(consolePage).getByText('forced while muted')).toHaveCount(0)
  await expect(chat(dave).getByText('forced while muted')).toHaveCount(0)

  await Promise.all([carol.close(), dave.close(), consolePage.close()])
})

test('chat markup shows as text and never runs', async ({ browser }) => {
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)
  const mallory = await joinAsViewer(browser, '<b>Mallory</b>')
  const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
  await send(mallory, payload)
  await expect(chat(consolePage).getByText(payload, { exact: true })).toBeVisible()
  await expect(chat(mallory).getByText(payload, { exact: true })).toBeVisible()
  await expect(chat(consolePage).getByText('<b>Mallory</b>')).toBeVisible()
  expect(
    await consolePage.evaluate(() => (globalThis as { __pwned?: number }).__pwned),
  ).toBeUndefined()
  expect(await mallory.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined()
  expect(await consolePage.locator('img[src="x"]').count()).toBe(0)

  // A right-to-left override in a line turns only that line's own text, never the time and name
  // before it: each piece of a stranger's text is isolated.
  await send(mallory, '\u202eevil reversed')
  const line = chat(consolePage).locator('.chat-line', { hasText: 'reversed' })
  await expect(line).toBeVisible()
  expect(
    await line.evaluate((el) => {
      const nick = el.querySelector('.chat-nick')!.getBoundingClientRect()
      const text = el.querySelector('.chat-text')!
      return {
        isolated: el.querySelector('.chat-nick')!.tagName + text.tagName,
        nickBeforeText: nick.right <= text.getBoundingClientRect().left,
      }
    }),
  ).toEqual({ isolated: 'BDIBDI', nickBeforeText: true })
  await Promise.all([mallory.close(), consolePage.close()])
})

test('the anchor kicks a viewer from the Members panel, and mute all silences viewers', async ({
  browser,
}) => {
  const consolePage = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await consolePage.goto(host().consoleUrl)
  const chatPanel = consolePage.getByRole('region', { name: 'Chat moderation' })
  const members = consolePage.getByRole('region', { name: 'Members' })
  await expect(members).toBeVisible()
  // At 1280 px the Anchor layout (issue 15 §1) puts the chat beside the Stage's wide monitor and
  // the members in the row below, in a column of the grid, not stacked under everything. The page
  // lays itself out again as the room's snapshot arrives (the header gains the room's name, chart
  // and viewer link), so the boxes are read in one go, in the same layout, once it has: two reads
  // apart could straddle a re-layout.
  await expect(consolePage.getByRole('heading', { level: 1 })).not.toHaveText('Loading…')
  await expect(consolePage.getByRole('button', { name: 'Copy viewer link' })).toBeVisible()
  await expect
    .poll(() =>
      consolePage
        .locator('section.stage, section.panel-chat, section.panel-members')
        .evaluateAll((sections) => {
          const [stage, chat, people] = sections.map((section) => section.getBoundingClientRect())
          if (!stage || !chat || !people) return 'missing'
          const beside = chat.x >= stage.x + stage.width && Math.abs(chat.y - stage.y) < 2
          const below = people.y >= chat.y + chat.height && people.width < chat.width * 1.5
          return beside && below
            ? 'chat beside the stage, members below'
            : `stage ${JSON.stringify(stage)}, chat ${JSON.stringify(chat)}, members ${JSON.stringify(people)}`
        }),
    )
    .toBe('chat beside the stage, members below')

  const grace = await joinAsViewer(browser, 'Grace')
  const heidi = await joinAsViewer(browser, 'Heidi')
  const graceRow = members.getByRole('listitem').filter({ hasText: 'Grace' })
  await expect(graceRow).toContainText('In the room')

  // Escape cancels the confirmation: Grace stays.
  await members.getByRole('button', { name: 'Moderate Grace' }).click()
  await consolePage.getByRole('menuitem', { name: 'Kick' }).click()
  const confirm = consolePage.getByRole('alertdialog', { name: 'Kick Grace?' })
  await expect(confirm).toBeVisible()
  await consolePage.keyboard.press('Escape')
  await expect(confirm).toHaveCount(0)
  await expect(members.getByRole('button', { name: 'Moderate Grace' })).toBeFocused()
  await expect(grace.getByRole('textbox', { name: 'Message' })).toBeEnabled()

  await members.getByRole('button', { name: 'Moderate Grace' }).click()
  await consolePage.getByRole('menuitem', { name: 'Kick' }).click()
  await confirm.getByRole('button', { name: 'Kick' }).click()
  await expect(grace.getByRole('alert')).toContainText('The host removed you from the room')
  await expect(chatPanel.getByRole('status')).toHaveText('Grace was removed from the room')
  await expect(graceRow).toContainText('Left')
  // A kick is not a ban: Grace can come back.
  await grace.getByRole('button', { name: 'Rejoin' }).click()
  await expect(grace.getByRole('textbox', { name: 'Message' })).toBeEnabled()
  await expect(graceRow).toContainText('In the room')

  const muteAll = consolePage.getByRole('switch', { name: 'Mute all' })
  await expect(muteAll).toHaveAttribute('aria-checked', 'false')
  await muteAll.click()
  await expect(muteAll).toHaveAttribute('aria-checked', 'true')
  await expect(heidi.getByRole('textbox', { name: 'Message' })).toBeDisabled()
  await expect(grace.getByRole('textbox', { name: 'Message' })).toBeDisabled()
  await send(consolePage, 'only the host talks now')
  await expect(chat(heidi).getByText('only the host talks now')).toBeVisible()
  // Past the disabled controls, the room itself refuses the viewer with 10017.
  expect((await rawSend(heidi, 'sneaking one in')).code).toBe(10017)

  await muteAll.click()
  await expect(muteAll).toHaveAttribute('aria-checked', 'false')
  await expect(grace.getByRole('textbox', { name: 'Message' })).toBeEnabled()
  await send(grace, 'back to normal')
  await expect(chat(consolePage).getByText('back to normal')).toBeVisible()
  await expect(chat(consolePage).getByText('sneaking one in')).toHaveCount(0)

  await Promise.all([grace.close(), heidi.close(), consolePage.close()])
})

test('the anchor goes live to the room, viewers watch it, and the anchor ends it', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)
  const stage = consolePage.getByRole('region', { name: 'Stage' })
  await expect(stage.getByText('Offline')).toBeVisible()
  const viewer = await joinAsViewer(browser, 'Watcher')

  await stage.getByRole('button', { name: 'Go live' }).click()
  await expect(stage.getByText('Live', { exact: true })).toBeVisible({ timeout: 20_000 })
  await expect(stage.getByLabel('Recording file')).toContainText('.mp4')

  // The viewer's player gets the stream over HTTP-FLV and plays it.
  const player = viewer.getByRole('region', { name: 'Live stream' }).locator('video')
  await expect(player).toBeVisible()
  await expect
    .poll(() => player.evaluate((v) => (v as unknown as { currentTime: number }).currentTime), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0.5)
  // So does the console's monitor.
  const monitor = stage.locator('video[aria-label="Monitor"]')
  await expect
    .poll(() => monitor.evaluate((v) => (v as unknown as { currentTime: number }).currentTime), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0.5)
  await expect(stage.getByRole('img', { name: /Bitrate, last 5 minutes/ })).toBeVisible()
  // The recording line says how much disk is left, and (once it has seen the file grow) for how
  // long at this rate.
  await expect(stage.getByLabel('Recording file')).toContainText(/free on the disk/)
  await expect(stage.getByLabel('Recording file')).toContainText(/room for about \d+ h \d+ min/, {
    timeout: 20_000,
  })

  await stage.getByRole('button', { name: 'End live' }).click()
  const confirm = consolePage.getByRole('alertdialog', { name: 'End the live stream?' })
  await confirm.getByRole('button', { name: 'End live' }).click()
  await expect(stage.getByText('Offline')).toBeVisible({ timeout: 20_000 })
  await Promise.all([viewer.close(), consolePage.close()])
})

test('the monitor shows the program while only recording, when no stream goes out', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)
  const stage = consolePage.getByRole('region', { name: 'Stage' })
  await expect(stage.getByText('Offline')).toBeVisible()
  await stage.getByRole('button', { name: 'Record', exact: true }).click()
  await expect(stage.getByLabel('Recording file')).toContainText('.mp4', { timeout: 20_000 })
  const monitor = stage.locator('video[aria-label="Monitor"]')
  await expect
    .poll(() => monitor.evaluate((v) => (v as unknown as { currentTime: number }).currentTime), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0.5)
  await expect(stage.getByText('The monitor cannot play this stream')).toHaveCount(0)
  await stage.getByRole('button', { name: 'Stop recording' }).click()
  await expect(stage.getByText('Offline')).toBeVisible({ timeout: 20_000 })
  await consolePage.close()
})

test("the chat shows a message's priority and type when they are not the usual", async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)
  const rest = adminRest(host())
  const send = (body: object) =>
    rest('group_open_http_svc', 'send_group_msg', {
      GroupId: 'main',
      Random: Math.floor(Math.random() * 2 ** 31),
      ...body,
    })
  expect(
    await send({
      MsgPriority: 'High',
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Red packet for everyone!' } }],
    }),
  ).toMatchObject({ ErrorCode: 0 })
  expect(
    await send({
      MsgPriority: 'Low',
      MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: '{"like":1}', Desc: 'like' } }],
    }),
  ).toMatchObject({ ErrorCode: 0 })
  const chat = consolePage.getByRole('log', { name: 'Chat' })
  const high = chat.locator('.chat-line', { hasText: 'Red packet for everyone!' })
  await expect(high.getByText('High priority')).toBeVisible()
  await expect(chat.getByText('Low priority')).toBeVisible()
  await expect(chat.getByText('Custom', { exact: true })).toBeVisible()
  await consolePage.close()
})

test('the delivery budget is one line while there is room, and shows each priority, with what 5 minutes shed, over the panels once it is tight', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)
  const meter = consolePage.getByRole('region', { name: 'Delivery budget' })
  await expect(meter).toBeVisible()
  const viewer = await joinAsViewer(browser, 'Meter')
  await send(viewer, 'counted once')
  await expect(chat(consolePage).getByText('counted once')).toBeVisible()
  // One line offered, far under the cap: the meter says so in its one line (issue 15 §1), and
  // the panels under it stay where they are.
  await expect(meter).toContainText(/Offered [1-9] of 40 per second · \d+ to spare/)
  await expect(meter.getByRole('table')).toHaveCount(0)
  // The next quiet second brings it back to zero.
  await expect(meter).toContainText('Quiet: no messages offered in the last second.')

  const stage = consolePage.locator('.layout-cell', {
    has: consolePage.getByRole('region', { name: 'Stage' }),
  })
  const stageTop = (await stage.boundingBox())!.y

  // A burst over the cap: the room sheds Low lines, and the meter shows each priority, with what
  // was shed, for as long as the last 5 minutes have shed anything.
  const rest = adminRest(host())
  await Promise.all(
    Array.from({ length: 120 }, (_, i) =>
      rest('group_open_http_svc', 'send_group_msg', {
        GroupId: 'main',
        Random: 70_000 + i,
        MsgPriority: 'Low',
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `budget ${i}` } }],
      }),
    ),
  )
  await expect(meter).toContainText(/Shed in the last 5 minutes: [1-9]\d*/)
  // Still one slim line, the Stage where it was: the table opens over the panels below.
  const cell = consolePage.locator('.layout-cell', { has: meter })
  expect((await cell.boundingBox())!.height).toBeLessThan(40)
  await expect(meter.getByRole('table')).toHaveCount(0)
  await meter.getByRole('button', { name: 'By priority' }).click()
  await expect(meter.getByRole('table', { name: 'By priority' })).toBeVisible()
  expect((await stage.boundingBox())!.y).toBe(stageTop)
  // The burst is over in a second or two; what it shed stays in the 5-minute column: Low lost
  // lines, the other priorities nothing.
  await expect(meter.getByRole('row', { name: /^Low \d+ \d+ \d+ [1-9]\d*$/ })).toBeVisible()
  for (const priority of ['High', 'Normal', 'Lowest']) {
    await expect(
      meter.getByRole('row', { name: new RegExp(`^${priority} \\d+ \\d+ \\d+ 0$`) }),
    ).toBeVisible()
  }
  // Escape closes it, as any popover.
  await consolePage.keyboard.press('Escape')
  await expect(meter.getByRole('table')).toHaveCount(0)
  await Promise.all([viewer.close(), consolePage.close()])
})
