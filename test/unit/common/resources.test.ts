import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultWatermarkPath, findResourcesDir } from '../../../src-main/common/resources-dir'

const root = resolve(__dirname, '../../..')

/** A PNG's size from its IHDR chunk (bytes 16–23), and that it is a PNG at all. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file)
  expect(bytes.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  )
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

describe('resources/', () => {
  it('has the app icon in every size installers ask for, rendered from its SVG', () => {
    expect(readFileSync(join(root, 'resources/icon/livedesk.svg'), 'utf8')).toMatch(/^<svg /)
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(join(root, `resources/icon/png/${size}x${size}.png`))).toEqual({
        width: size,
        height: size,
      })
    }
  })

  it('has the default watermark, which the console finds from its code and from the build', () => {
    const fromSource = findResourcesDir(join(root, 'src-main/console'))
    const fromBuild = findResourcesDir(join(root, 'out/main'))
    expect(fromSource).toBe(join(root, 'resources'))
    expect(fromBuild).toBe(join(root, 'resources'))
    const watermark = defaultWatermarkPath(fromSource)
    expect(watermark).toBe(join(root, 'resources/watermark/livedesk-watermark.png'))
    expect(pngSize(watermark!)).toEqual({ width: 360, height: 96 })
    expect(defaultWatermarkPath(undefined)).toBeNull()
  })
})
