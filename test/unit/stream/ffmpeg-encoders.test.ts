import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildStreamArgs } from '../../../src-main/console/stream/ffmpeg-args'
import { parseEncoders } from '../../../src-main/console/stream/ffmpeg-encoders'

const fixture = (name: string) =>
  readFileSync(join(__dirname, '../../fixtures/ffmpeg', name), 'utf8')

describe('hardware encoders', () => {
  it('reads which H.264 encoders each ffmpeg build offers (captured `ffmpeg -encoders`)', () => {
    // Debian's 5.1 is built with NVENC and Quick Sync; the 2018 static build with neither.
    expect(parseEncoders(fixture('encoders.ffmpeg5.txt'))).toEqual([
      'libx264',
      'h264_nvenc',
      'h264_qsv',
    ])
    expect(parseEncoders(fixture('encoders.ffmpeg4-static.txt'))).toEqual(['libx264'])
  })

  const args = (
    encoder: 'libx264' | 'h264_nvenc' | 'h264_qsv' | 'h264_amf' | 'h264_videotoolbox',
  ) =>
    buildStreamArgs({
      source: { kind: 'test-pattern', clock: false },
      profile: { preset: '720p30', encoder },
      record: { path: '/tmp/x.mp4', format: 'fmp4' },
      platform: 'linux',
      fontFile: null,
    }).join(' ')

  it('drives each encoder in its low-latency CBR mode with the same rate control and GOP', () => {
    expect(args('libx264')).toContain('-c:v libx264 -preset veryfast -tune zerolatency')
    expect(args('h264_nvenc')).toContain('-c:v h264_nvenc -preset p4 -tune ll -rc cbr -bf 0')
    expect(args('h264_amf')).toContain('-c:v h264_amf -usage lowlatency -rc cbr')
    expect(args('h264_videotoolbox')).toContain('-c:v h264_videotoolbox -realtime 1')
    for (const encoder of ['libx264', 'h264_nvenc', 'h264_amf', 'h264_videotoolbox'] as const) {
      expect(args(encoder)).toContain('-b:v 2500k -maxrate 2500k -bufsize 5000k -g 60')
      expect(args(encoder)).toContain('-pix_fmt yuv420p')
    }
    // Quick Sync takes NV12; ffmpeg converts the filter graph's yuv420p for it.
    expect(args('h264_qsv')).toContain('-c:v h264_qsv -preset veryfast -look_ahead 0 -bf 0')
    expect(args('h264_qsv')).toContain('-pix_fmt nv12')
  })
})
