import { describe, expect, it } from 'vitest'
import { asarUnpackedPath } from '../../../src-main/common/asar-path'

describe('files another process reads, in the packaged app (issue 16 §1)', () => {
  it('points into app.asar.unpacked, on every OS, and leaves other paths alone', () => {
    expect(
      asarUnpackedPath(
        '/opt/LiveDesk/resources/app.asar/node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
      ),
    ).toBe(
      '/opt/LiveDesk/resources/app.asar.unpacked/node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
    )
    expect(
      asarUnpackedPath(
        'C:\\Users\\a\\AppData\\Local\\Programs\\LiveDesk\\resources\\app.asar\\resources\\watermark\\livedesk-watermark.png',
      ),
    ).toBe(
      'C:\\Users\\a\\AppData\\Local\\Programs\\LiveDesk\\resources\\app.asar.unpacked\\resources\\watermark\\livedesk-watermark.png',
    )
    expect(asarUnpackedPath('/work/livedesk/node_modules/@ffmpeg-installer/linux-x64/ffmpeg')).toBe(
      '/work/livedesk/node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
    )
    expect(asarUnpackedPath('/home/a/app.asar.unpacked/x')).toBe('/home/a/app.asar.unpacked/x')
  })
})
