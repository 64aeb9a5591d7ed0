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
  const svg = readFileSync(join(root, source))
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
