#!/usr/bin/env node
// Renders the PNGs the installers and the Stage use from their SVG sources in resources/
// (`npm run resources`). resvg is a complete SVG renderer with no browser or system library
// behind it, so the same source gives the same pixels on every machine.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Resvg } from '@resvg/resvg-js'

const root = new URL('..', import.meta.url).pathname
/** Sizes installers ask for: Windows ICO (16–256), macOS ICNS (16–1024), Linux hicolor. */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]

function render(source, width, out) {
  renderSvg(readFileSync(join(root, source)), width, out)
}

function renderSvg(svg, width, out) {
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng()
  mkdirSync(dirname(join(root, out)), { recursive: true })
  writeFileSync(join(root, out), png)
  console.log(`${out} (${width} px wide)`)
}

for (const size of ICON_SIZES) {
  render('resources/icon/livedesk.svg', size, `resources/icon/png/${size}x${size}.png`)
}
render(
  'resources/watermark/livedesk-watermark.svg',
  360,
  'resources/watermark/livedesk-watermark.png',
)

/**
 * The tray's status icons (src-main/desktop/tray-status.ts): the app's mark, with the status as a
 * dot in the corner (colour and a shape, so it reads without colour too). 16 px and @2x for HiDPI;
 * Electron picks the @2x file itself.
 */
export const TRAY_STATUSES = {
  live: '<circle cx="50" cy="50" r="13" fill="#E5243B" stroke="#FFFFFF" stroke-width="4"/>',
  recording:
    '<circle cx="50" cy="50" r="13" fill="#FFFFFF"/><circle cx="50" cy="50" r="8" fill="#E5243B"/>',
  paused:
    '<rect x="37" y="37" width="26" height="26" rx="5" fill="#F5B301"/><rect x="44" y="43" width="4" height="14" fill="#111418"/><rect x="52" y="43" width="4" height="14" fill="#111418"/>',
  offline: '<circle cx="50" cy="50" r="12" fill="#8A8F98" stroke="#FFFFFF" stroke-width="4"/>',
}
const mark = readFileSync(join(root, 'resources/icon/livedesk.svg'), 'utf8')
  .replace(/^<svg[^>]*>/, '')
  .replace(/<\/svg>\s*$/, '')
for (const [status, badge] of Object.entries(TRAY_STATUSES)) {
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">' +
      `<svg width="56" height="56" viewBox="0 0 1024 1024">${mark}</svg>${badge}</svg>`,
  )
  renderSvg(svg, 16, `resources/tray/tray-${status}.png`)
  renderSvg(svg, 32, `resources/tray/tray-${status}@2x.png`)
}
