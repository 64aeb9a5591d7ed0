import { describe, expect, it } from 'vitest'
import {
  findFontFile,
  findOnPath,
  locateFfmpeg,
  parseFfmpegVersion,
} from '../../../src-main/console/stream/ffmpeg-locate'

const version = (v: string) =>
  `ffmpeg version ${v} Copyright (c) 2000-2022 the FFmpeg developers\nbuilt with gcc 12\n`

describe('locateFfmpeg', () => {
  it("parses both builds' version lines", () => {
    expect(parseFfmpegVersion(version('5.1.9-0+deb12u1'))).toBe('5.1.9-0+deb12u1')
    expect(parseFfmpegVersion(version('N-47683-g0e8eb07980-static'))).toBe(
      'N-47683-g0e8eb07980-static',
    )
    expect(parseFfmpegVersion('ffprobe version 5.1')).toBeNull()
  })

  it('tries settings, FFMPEG_PATH, PATH, then the installer, and takes the first that runs', async () => {
    const tried: string[] = []
    const works = new Set(['/usr/bin/ffmpeg', '/inst/ffmpeg'])
    const options = {
      env: { FFMPEG_PATH: '/env/ffmpeg', PATH: '/opt/bin:/usr/bin' },
      platform: 'linux' as const,
      isExecutable: (file: string) => file === '/usr/bin/ffmpeg',
      installerPath: () => '/inst/ffmpeg',
      runVersion: async (file: string) => {
        tried.push(file)
        if (!works.has(file)) throw Object.assign(new Error('nope'), { code: 'ENOENT' })
        return version('5.1')
      },
    }
    expect(await locateFfmpeg({ ...options, settingsPath: '/settings/ffmpeg' })).toEqual({
      path: '/usr/bin/ffmpeg',
      source: 'path',
      version: '5.1',
    })
    expect(tried).toEqual(['/settings/ffmpeg', '/env/ffmpeg', '/usr/bin/ffmpeg'])
    expect(await locateFfmpeg({ ...options, env: {}, isExecutable: () => false })).toMatchObject({
      source: 'installer',
    })
  })

  it('says what it tried when nothing works', async () => {
    await expect(
      locateFfmpeg({
        settingsPath: '/bad/ffmpeg',
        env: {},
        installerPath: () => null,
        runVersion: async () => {
          throw Object.assign(new Error('x'), { code: 'EACCES' })
        },
      }),
    ).rejects.toMatchObject({
      key: 'FFMPEG_NOT_FOUND',
      message: expect.stringContaining('/bad/ffmpeg (EACCES)'),
    })
    await expect(
      locateFfmpeg({ env: {}, installerPath: () => null, isExecutable: () => false }),
    ).rejects.toMatchObject({
      key: 'FFMPEG_NOT_FOUND',
      message: expect.stringMatching(/not installed/),
    })
  })

  it('finds ffmpeg.exe on a Windows PATH', () => {
    expect(
      findOnPath({ Path: 'C:\\ff\\bin;C:\\x' }, 'win32', (f) => f === 'C:\\ff\\bin\\ffmpeg.exe'),
    ).toEqual(['C:\\ff\\bin\\ffmpeg.exe'])
  })

  it('picks a font for the clock, or none', () => {
    // A font with Hangul and Han first: room titles and danmaku are often Korean or Chinese.
    expect(findFontFile('linux', () => true)).toMatch(/NotoSansCJK/)
    expect(findFontFile('win32', () => true)).toBe('C:/Windows/Fonts/malgun.ttf')
    expect(findFontFile('darwin', () => true)).toMatch(/AppleSDGothicNeo/)
    expect(findFontFile('linux', (f) => f.includes('Liberation'))).toMatch(/LiberationSans/)
    expect(findFontFile('win32', (f) => f.endsWith('arial.ttf'))).toBe('C:/Windows/Fonts/arial.ttf')
    expect(findFontFile('linux', () => false)).toBeNull()
  })
})
