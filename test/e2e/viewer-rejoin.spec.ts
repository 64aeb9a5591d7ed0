import { expect, test, type WebSocketRoute } from '@playwright/test'
import { hostPerFile } from './host'

const host = hostPerFile()

/**
 * Issue 10: a viewer the room drops for falling behind (4007) joins again by itself and catches up
 * from the join's history. Playwright sits between the page and the real room server, so the test
 * can cut this one viewer's socket the way the server does, with the server's own close code.
 */
test('a viewer dropped for falling behind rejoins by itself and catches up', async ({
  browser,
}) => {
  const consolePage = await browser.newPage()
  await consolePage.goto(host().consoleUrl)

  const page = await browser.newPage()
  const sockets: WebSocketRoute[] = []
  await page.routeWebSocket(/\/im\/v1$/, (socket) => {
    sockets.push(socket)
    socket.connectToServer()
  })
  await page.goto(host().viewerUrl)
  await page.getByRole('textbox', { name: 'Nickname' }).fill('Slow Sam')
  await page.getByRole('button', { name: 'Join' }).click()
  const message = page.getByRole('textbox', { name: 'Message' })
  await expect(message).toBeEnabled()
  expect(sockets).toHaveLength(1)

  await sockets[0]!.close({ code: 4007, reason: 'Fell over 1 MiB behind; rejoin to catch up' })
  const ended = page.getByRole('alert').filter({ hasText: 'fell too far behind' })
  await expect(ended).toBeVisible()
  await expect(ended.getByRole('button', { name: 'Rejoin now' })).toBeVisible()
  // Said in the console while Sam is out: the join's history brings it back.
  await consolePage.getByRole('textbox', { name: 'Message' }).fill('you missed this one')
  await consolePage.getByRole('button', { name: 'Send', exact: true }).click()

  await expect(message).toBeEnabled()
  expect(sockets).toHaveLength(2)
  await expect(page.getByRole('log', { name: 'Chat' })).toContainText('you missed this one')
  await Promise.all([page.close(), consolePage.close()])
})

test('a viewer removed by the host is not rejoined by the page', async ({ browser }) => {
  const page = await browser.newPage()
  const sockets: WebSocketRoute[] = []
  await page.routeWebSocket(/\/im\/v1$/, (socket) => {
    sockets.push(socket)
    socket.connectToServer()
  })
  await page.goto(host().viewerUrl)
  await page.getByRole('textbox', { name: 'Nickname' }).fill('Kicked Kim')
  await page.getByRole('button', { name: 'Join' }).click()
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeEnabled()

  await sockets[0]!.close({ code: 4006, reason: 'REST_API_Kick' })
  const ended = page.getByRole('alert')
  await expect(ended.getByRole('button', { name: 'Rejoin', exact: true })).toBeVisible()
  // The page schedules a rejoin in the same step as it shows why (the button turns "Rejoin now").
  await expect(ended.getByRole('button', { name: 'Rejoin now' })).toHaveCount(0)
  await page.close()
})
