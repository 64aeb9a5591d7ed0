import { test } from '@playwright/test'
import { hostPerFile, openViewer } from './host'
const host = hostPerFile()
for (const lang of ['en', 'ko', 'zh-CN']) {
  for (const [w, h] of [[1440, 900], [1280, 720]] as const) {
    test(`shots ${lang} ${w}`, async ({ browser }) => {
      const page = await browser.newPage({ viewport: { width: w, height: h } })
      const sep = host().consoleUrl.includes('?') ? '&' : '?'
      await page.goto(`${host().consoleUrl}${sep}lang=${lang}`)
      await page.waitForTimeout(2500)
      await page.screenshot({ path: `/tmp/shots/console-${lang}-${w}.png` })
      await page.locator('details.console-display summary').click()
      await page.locator('details.console-display').screenshot({ path: `/tmp/shots/appearance-${lang}-${w}.png` })
      const v = await openViewer(browser, host().viewerUrl, 'Alice')
      await v.page.setViewportSize({ width: w, height: h })
      await v.page.screenshot({ path: `/tmp/shots/viewer-${lang}-${w}.png` })
      await page.close()
    })
  }
}
