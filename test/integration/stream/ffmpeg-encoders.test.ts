import { describe, expect, it } from 'vitest'
import {
  encoderWorks,
  listEncoders,
  parseEncoders,
} from '../../../src-main/console/stream/ffmpeg-encoders'
import { locateFfmpeg } from '../../../src-main/console/stream/ffmpeg-locate'
import { run } from './helpers'

describe('encoders offered by the Stage (real ffmpeg)', () => {
  it('offers a hardware encoder only when a one-frame probe opens it on this machine', async () => {
    const ffmpeg = await locateFfmpeg({ env: { PATH: process.env.PATH } })
    const built = parseEncoders((await run(ffmpeg.path, ['-hide_banner', '-encoders'])).stdout)
    const { usable, unusable } = await listEncoders(ffmpeg.path)
    // Every built-in encoder lands on exactly one side, x264 always usable.
    expect([...usable, ...unusable].sort()).toEqual([...built].sort())
    expect(usable).toContain('libx264')
    // Each side is what the probe says on this machine (CI has no GPU: NVENC and Quick Sync,
    // which Debian's ffmpeg is built with, land on the unusable side there).
    for (const name of built) {
      expect(await encoderWorks(ffmpeg.path, name)).toBe(usable.includes(name))
    }
  }, 60_000)

  it('answers x264 alone when ffmpeg cannot list its encoders', async () => {
    expect(await listEncoders('/nonexistent/ffmpeg')).toEqual({ usable: ['libx264'], unusable: [] })
  })
})
