import { existsSync, statSync } from 'node:fs'
import net from 'node:net'
import { dirname, join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { lanAddresses, withHost } from '../../src-main/common/lan'
import { contractCall, startHost, type RunningHost } from './host'

/** Issue 9 §5 and §6 as a person at the console sees them. */

const hosts: RunningHost[] = []
test.afterEach(async () => {
  for (const host of hosts.splice(0).reverse()) await host.stop()
})
const start = async (options: Parameters<typeof startHost>[0] = {}) => {
  const host = await startHost(options)
  hosts.push(host)
  return host
}
/** Stops a host and starts it again on the same data folder, with the ports it kept. */
const restart = async (host: RunningHost, args: string[] = []) => {
  hosts.splice(hosts.indexOf(host), 1)
  await host.stop({ keepData: true })
  return start({ dataDir: host.dataDir, args })
}
const chat = (page: Page) => page.getByRole('log', { name: 'Chat' })

/** Contract calls over the host's WebSocket, as a tool with the token would make them. */
const call = contractCall

test('the console link keeps working across a restart, leaves the address bar, and "Reset access link" replaces it', async ({
  browser,
}) => {
  let host = await start()
  const anchor = await browser.newPage()
  await anchor.goto(host.consoleUrl)
  await expect(chat(anchor)).toBeVisible()
  // The token did its work: it is not left in the address bar (nor in a screenshot of it).
  expect(anchor.url()).not.toContain('token=')
  await anchor.reload()
  await expect(chat(anchor)).toBeVisible()

  const first = { console: host.consoleUrl, viewer: host.viewerUrl }
  host = await restart(host)
  expect(host.consoleUrl).toBe(first.console)
  expect(host.viewerUrl).toBe(first.viewer)
  const moderator = await browser.newPage()
  await moderator.goto(first.console)
  await expect(chat(moderator)).toBeVisible()

  await anchor.reload()
  const access = anchor.getByRole('region', { name: 'Console access' })
  await access.getByText('Console access', { exact: true }).click()
  await expect(access.getByRole('textbox', { name: 'Console link for moderators' })).toHaveValue(
    first.console,
  )
  await access.getByRole('button', { name: 'Reset access link' }).click()
  const dialog = anchor.getByRole('alertdialog', { name: 'Reset access link' })
  await expect(dialog).toContainText('Everyone who opened the current link is disconnected')
  await dialog.getByRole('button', { name: 'Reset access link' }).click()
  // The anchor's own page moves on to the new link; the moderator's old one is told it is gone.
  await expect(chat(anchor)).toBeVisible()
  await expect(moderator.locator('body')).toContainText(
    'This console link is not valid (it may have been reset).',
  )
  const stale = await browser.newPage()
  await stale.goto(first.console)
  await expect(stale.locator('body')).toContainText('This console link is not valid')
  await anchor
    .getByRole('region', { name: 'Console access' })
    .getByText('Console access', { exact: true })
    .click()
  const next = await anchor
    .getByRole('textbox', { name: 'Console link for moderators' })
    .inputValue()
  expect(next).not.toBe(first.console)
  // And the new link is the one kept: it is printed again at the next start.
  host = await restart(host)
  expect(host.consoleUrl).toBe(next)
  await Promise.all([anchor.close(), moderator.close(), stale.close()])
})

test('a recording is readable by its owner only, in a folder only they can open', async () => {
  const host = await start()
  const started = (await call(host, 'stream:record', {})) as {
    ok: boolean
    value?: { recording: { path: string } | null }
  }
  expect(started).toMatchObject({ ok: true })
  const file = started.value!.recording!.path
  await expect.poll(() => existsSync(file) && statSync(file).size > 0).toBe(true)
  expect(await call(host, 'stream:stop', {})).toMatchObject({ ok: true })
  // ffmpeg wrote it under the host's umask: 0600, in the data folder's 0700 recordings folder.
  expect(statSync(file).mode & 0o777).toBe(0o600)
  expect(statSync(dirname(file)).mode & 0o777).toBe(0o700)
  expect(dirname(file)).toBe(join(host.dataDir, 'recordings'))
})

test('a saved port that is taken is replaced, and the console says which and what changed', async ({
  page,
}) => {
  let host = await start()
  const roomPort = Number(new URL(host.viewerUrl).port)
  hosts.splice(hosts.indexOf(host), 1)
  await host.stop({ keepData: true })
  const squatter = net.createServer()
  await new Promise<void>((resolve) => squatter.listen(roomPort, '127.0.0.1', resolve))
  try {
    host = await start({ dataDir: host.dataDir, args: [] })
    const chosen = Number(new URL(host.viewerUrl).port)
    expect(chosen).not.toBe(roomPort)
    expect(host.output()).toContain(`Port ${roomPort}: the room server's port`)
    await page.goto(host.consoleUrl)
    await expect(
      page.getByRole('alert').filter({ hasText: `Port ${roomPort} was taken` }),
    ).toHaveText(
      `Port ${roomPort} was taken: the room server listens on ${chosen} this time, so the viewer link changed. Send the new one to your audience.`,
    )
  } finally {
    await new Promise((resolve) => squatter.close(resolve))
  }
})

test('a moderator on the LAN is told the traffic is unencrypted and finds the local-only settings locked', async ({
  page,
}) => {
  const address = lanAddresses()[0]
  test.skip(!address, 'this machine has no LAN address to open the console at')
  const host = await start({ args: ['--port', '0', '--host', '0.0.0.0'] })
  expect(host.output()).toContain('Warning: on the LAN nothing is encrypted')
  await page.goto(withHost(host.consoleUrl, address!))
  await expect(
    page.getByRole('note').filter({ hasText: 'LAN access is not encrypted' }),
  ).toBeVisible()
  // The link is a key: a moderator is not shown it, nor can reset it.
  await expect(page.getByRole('region', { name: 'Console access' })).toHaveCount(0)
  const stage = page.getByRole('region', { name: 'Stage' })
  await stage.getByText('Stream settings', { exact: true }).click()
  await expect(stage.getByRole('textbox', { name: /ffmpeg/ })).toBeDisabled()
  await expect(stage.getByRole('textbox', { name: /Recordings folder/i })).toBeDisabled()
  await expect(
    stage.getByText(/can be changed only on the computer running LiveDesk/),
  ).toBeVisible()
  // What a moderator may change, they still can.
  await expect(stage.getByRole('combobox', { name: 'Profile', exact: true })).toBeEnabled()
})

test('with Tencent unreachable the console opens at once, says in words what failed, and offers Retry', async ({
  page,
}) => {
  test.setTimeout(90_000)
  let host = await start()
  expect(
    await call(host, 'room:save-connection', {
      backend: 'tencent',
      tencent: { sdkAppId: 1400000001, groupId: '@TGS#aLIVE01', userId: 'anchor_01' },
    }),
  ).toMatchObject({ ok: true })
  expect(
    await call(host, 'room:set-secret-key', { value: 'not-a-real-key-0123456789' }),
  ).toMatchObject({ ok: true })
  // Tencent Cloud is not reachable from here: the SDK's sign-in never answers.
  host = await restart(host)
  expect(host.output()).toMatch(/^Console: http/m)
  await page.goto(host.consoleUrl)
  const section = page.getByRole('region', { name: 'Room connection settings' })
  await expect(
    section.getByRole('status').filter({ hasText: 'Joining the Tencent room' }),
  ).toBeVisible()
  const failure = section.getByRole('alert')
  await expect(failure).toContainText(
    'Could not join the Tencent room: Tencent IM did not answer the sign-in within 15 s.',
    { timeout: 30_000 },
  )
  await failure.getByRole('button', { name: 'Retry' }).click()
  await expect(
    section.getByRole('status').filter({ hasText: 'Joining the Tencent room' }),
  ).toBeVisible()
})
