import { _electron as electron, expect, test } from '@playwright/test'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(__dirname, '../..')
const electronDir = join(root, 'node_modules/electron')

/** Why the desktop shell cannot be driven on this machine, or null when it can. */
function unavailable(): string | null {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) {
    return 'the Electron runtime is not installed (its download from GitHub is not reachable here)'
  }
  if (!existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')))) {
    return 'the Electron runtime is missing from node_modules/electron/dist'
  }
  if (process.platform === 'linux' && !process.env.DISPLAY)
    return 'no display (set DISPLAY or use xvfb-run)'
  return null
}

const reason = unavailable()

test('the desktop window is hardened and runs the console', async () => {
  test.skip(reason !== null, reason ?? '')
  const dataDir = mkdtempSync(join(tmpdir(), 'livedesk-electron-'))
  const app = await electron.launch({
    args: [join(root, 'out/main/index.js')],
    env: { ...process.env, LIVEDESK_DATA_DIR: dataDir },
  })
  try {
    const window = await app.firstWindow()
    await expect(window.getByRole('log', { name: 'Chat' })).toBeVisible()
    // No Node in the page, and only the contract's bridge crosses the isolated world.
    const exposed = await window.evaluate(() => {
      const g = globalThis as { require?: unknown; process?: unknown; livedesk?: object }
      return {
        require: typeof g.require,
        process: typeof g.process,
        bridge: Object.keys(g.livedesk ?? {}),
      }
    })
    expect(exposed).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: ['invoke', 'onEvents'],
    })
    const appUrl = window.url()
    await window.evaluate(() => {
      ;(globalThis as unknown as { location: { href: string } }).location.href =
        'https://example.com/'
    })
    await window.waitForTimeout(500)
    expect(window.url()).toBe(appUrl)
    await window.getByRole('textbox', { name: 'Message' }).fill('hello from the desktop')
    await window.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(window.getByRole('log', { name: 'Chat' })).toContainText('hello from the desktop')
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
