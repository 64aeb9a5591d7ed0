import { describe, expect, it } from 'vitest'
import {
  buildRelayArgs,
  buildStreamArgs,
  escapeFilterValue,
  escapeTeeTarget,
  relayUrls,
  resolveProfile,
  splitSeconds,
  toOverlays,
  type StreamArgsInput,
} from '../../../src-main/console/stream/ffmpeg-args'
import { StreamEngineError } from '../../../src-main/console/stream/stream-error'

const font = '/fonts/DejaVuSans.ttf'
const base: StreamArgsInput = {
  source: { kind: 'test-pattern', clock: true },
  profile: { preset: '720p30' },
  record: { path: '/rec/a.mp4', format: 'fmp4' },
  relay: { url: 'udp://127.0.0.1:5000?pkt_size=65424' },
  platform: 'linux',
  fontFile: font,
}

/** The value after a flag (first occurrence). */
function after(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag)
  return i < 0 ? undefined : args[i + 1]
}

function errorOf(fn: () => unknown): StreamEngineError {
  try {
    fn()
  } catch (error) {
    if (error instanceof StreamEngineError) return error
    throw error
  }
  throw new Error('expected a StreamEngineError')
}

describe('resolveProfile', () => {
  it('fills presets and keeps CBR with a 2 s buffer', () => {
    expect(resolveProfile({ preset: '1080p60' })).toMatchObject({
      width: 1920,
      height: 1080,
      fps: 60,
      videoBitrateKbps: 6000,
      maxrateKbps: 6000,
      bufsizeKbps: 12000,
      keyframeIntervalSec: 2,
      audioSampleRate: 48000,
    })
  })

  it.each([
    [{ preset: 'custom', width: 1280, height: 720, fps: 30, videoBitrateKbps: 0 }, /bitrate 0/],
    [{ preset: 'custom', width: 1280, height: 720, fps: 120, videoBitrateKbps: 2500 }, /1–60 fps/],
    [{ preset: 'custom', width: 1281, height: 720, fps: 30, videoBitrateKbps: 2500 }, /even/],
    [{ preset: 'custom', height: 720, fps: 30, videoBitrateKbps: 2500 }, /width/],
    [{ preset: '720p30', maxrateKbps: 1000 }, /Max rate/],
    [{ preset: '720p30', keyframeIntervalSec: 30 }, /Keyframe interval/],
    [{ preset: '720p30', audioBitrateKbps: 100 }, /Audio bitrate/],
  ] as const)('refuses %j with a message a person can act on', (profile, message) => {
    const error = errorOf(() => resolveProfile(profile))
    expect(error.key).toBe('STREAM_INVALID_SETTINGS')
    expect(error.message).toMatch(message)
  })

  it.each([
    [
      { preset: 'custom', width: 1280, height: 720, fps: 120, videoBitrateKbps: 2500 },
      { reason: 'fpsRange', fps: 120, min: 1, max: 60 },
    ],
    [
      { preset: 'custom', width: 1281, height: 720, fps: 30, videoBitrateKbps: 2500 },
      { reason: 'resolutionOdd', width: 1281, height: 720 },
    ],
    [
      { preset: 'custom', height: 720, fps: 30, videoBitrateKbps: 2500 },
      { reason: 'customRequired', field: 'width' },
    ],
    [
      { preset: '720p30', maxrateKbps: 1000 },
      { reason: 'maxrateBelowBitrate', maxrateKbps: 1000, kbps: 2500 },
    ],
  ] as const)('names the problem of %j in params the renderer words', (profile, params) => {
    expect(errorOf(() => resolveProfile(profile)).params).toEqual(params)
  })
})

describe('buildStreamArgs', () => {
  it('records without the stream-only layers as a second encode of the picture before them', () => {
    const chat = {
      kind: 'textfile' as const,
      file: '/live/box.txt',
      x: 20,
      y: 20,
      size: 24,
      opacity: 1,
      box: true,
      inRecording: false,
    }
    const args = buildStreamArgs({ ...base, overlays: [chat] })
    const graph = after(args, '-filter_complex')!
    expect(graph).toMatch(
      /split\[program\]\[clean\];\[clean\]format=yuv420p\[vrec\];\[program\]drawtext=/,
    )
    expect(graph).toMatch(/textfile=\/live\/box\.txt.*\[vout\]$/)
    // Two outputs: the stream's tee (relay) and the recording's own tee of one slave.
    const tees = args.flatMap((a, i) => (a === 'tee' ? [args[i + 1]] : []))
    expect(tees).toEqual([
      '[f=mpegts:onfail=ignore:bsfs/v=dump_extra]udp://127.0.0.1:5000?pkt_size=65424',
      '[f=mp4:movflags=+frag_keyframe+empty_moov+default_base_moof:flush_packets=1]/rec/a.mp4',
    ])
    expect(args.filter((a) => a === '-map').length).toBe(4)
    expect(args.filter((a, i) => a === '-map' && args[i + 1] === '[vrec]')).toHaveLength(1)
    // Drawn on the recording too, it is one encode as before.
    const once = buildStreamArgs({ ...base, overlays: [{ ...chat, inRecording: true }] })
    expect(once.filter((a) => a === 'tee')).toHaveLength(1)
    expect(after(once, '-filter_complex')).not.toContain('split')
    // With nothing to write but the recording, stream-only layers are not drawn at all.
    const alone = buildStreamArgs({ ...base, relay: undefined, overlays: [chat] })
    expect(after(alone, '-filter_complex')).not.toContain('box.txt')
    expect(alone.filter((a) => a === 'tee')).toHaveLength(1)
  })

  it("adds the monitor's loopback copy as one more UDP slave, never as an output on its own", () => {
    const monitor = { url: 'udp://127.0.0.1:6000?pkt_size=65424' }
    expect(buildStreamArgs({ ...base, monitor }).at(-1)).toBe(
      '[f=mp4:movflags=+frag_keyframe+empty_moov+default_base_moof:flush_packets=1]/rec/a.mp4|' +
        '[f=mpegts:onfail=ignore:bsfs/v=dump_extra]udp://127.0.0.1:5000?pkt_size=65424|' +
        '[f=mpegts:onfail=ignore:bsfs/v=dump_extra]udp://127.0.0.1:6000?pkt_size=65424',
    )
    expect(() =>
      buildStreamArgs({ ...base, record: undefined, relay: undefined, monitor }),
    ).toThrow(/Nothing to do/)
  })

  it('encodes once and tees the fragmented MP4 recording and the relay', () => {
    const args = buildStreamArgs(base)
    expect(args.slice(-3)).toEqual([
      '-f',
      'tee',
      '[f=mp4:movflags=+frag_keyframe+empty_moov+default_base_moof:flush_packets=1]/rec/a.mp4|' +
        '[f=mpegts:onfail=ignore:bsfs/v=dump_extra]udp://127.0.0.1:5000?pkt_size=65424',
    ])
    expect(after(args, '-pix_fmt')).toBe('yuv420p')
    expect(after(args, '-c:v')).toBe('libx264')
    expect(after(args, '-c:a')).toBe('aac')
    expect(after(args, '-b:v')).toBe('2500k')
    expect(after(args, '-maxrate')).toBe('2500k')
    expect(after(args, '-bufsize')).toBe('5000k')
    expect(after(args, '-g')).toBe('60')
    expect(after(args, '-keyint_min')).toBe('60')
    expect(after(args, '-sc_threshold')).toBe('0')
    expect(after(args, '-force_key_frames')).toBe('expr:gte(t,n_forced*2)')
    expect(after(args, '-progress')).toBe('pipe:1')
    expect(args).toContain('-nostats')
    expect(after(args, '-flags')).toBe('+global_header')
  })

  it('pushes straight through tee with onfail=ignore when asked to', () => {
    const args = buildStreamArgs({
      ...base,
      relay: undefined,
      push: { url: 'rtmp://h/live/s?a=1' },
    })
    expect(args.at(-1)).toBe(
      '[f=mp4:movflags=+frag_keyframe+empty_moov+default_base_moof:flush_packets=1]/rec/a.mp4|[f=flv:onfail=ignore]rtmp://h/live/s?a=1',
    )
  })

  it('records MKV and FLV too', () => {
    expect(buildStreamArgs({ ...base, record: { path: '/r.mkv', format: 'mkv' } }).at(-1)).toMatch(
      /^\[f=matroska:flush_packets=1\]\/r\.mkv\|/,
    )
    expect(buildStreamArgs({ ...base, record: { path: '/r.flv', format: 'flv' } }).at(-1)).toMatch(
      /^\[f=flv:flush_packets=1\]\/r\.flv\|/,
    )
  })

  it('splits the recording with the segment muxer, each part in the recording format', () => {
    const slave = (format: 'fmp4' | 'mkv' | 'flv', path = '/rec/show.mp4') =>
      buildStreamArgs({
        ...base,
        relay: undefined,
        record: { path, format, split: { seconds: 600, startNumber: 3 } },
      }).at(-1)
    // Two backslashes before the inner `:`: the tee's slave split and the slave's option parser
    // each take one level (av_get_token), leaving "movflags=…:flush_packets=1" for the parts.
    expect(slave('fmp4')).toBe(
      '[f=segment:segment_time=600:segment_start_number=3:reset_timestamps=1:segment_format=mp4:' +
        'segment_format_options=movflags=+frag_keyframe+empty_moov+default_base_moof\\\\:flush_packets=1]' +
        '/rec/show-%03d.mp4',
    )
    expect(slave('mkv', '/rec/show.mkv')).toMatch(
      /segment_format=matroska:segment_format_options=flush_packets=1\]\/rec\/show-%03d\.mkv$/,
    )
    // A % in the name is the segment muxer's escape; a | is the tee's.
    expect(slave('flv', '/rec/100%|live.flv')).toMatch(/\]\/rec\/100%%\\\|live-%03d\.flv$/)
  })

  it('turns a split setting into seconds per part', () => {
    const p = resolveProfile({ preset: '720p30' })
    expect(splitSeconds({ by: 'none' }, p)).toBeNull()
    expect(splitSeconds({ by: 'time', minutes: 30 }, p)).toBe(1800)
    // 2500 kbps video + 128 kbps audio: 1 GiB lasts ~3268 s; 3% container, one 2 s GOP held back.
    const oneGiB = splitSeconds({ by: 'size', mb: 1024 }, p) ?? 0
    expect(oneGiB).toBe(Math.floor(((1024 * 1024 * 1024 * 8) / 2_628_000) * 0.97 - 2))
    expect(((oneGiB + 2) * 2_628_000) / 8).toBeLessThan(1024 * 1024 * 1024)
    // A tiny size at a high bitrate still gets at least one keyframe interval per part.
    expect(
      splitSeconds(
        { by: 'size', mb: 10 },
        resolveProfile({ preset: '1080p60', videoBitrateKbps: 50_000 }),
      ),
    ).toBe(2)
  })

  it('gives the test pattern real-time lavfi video, a tone and a burned-in clock', () => {
    const args = buildStreamArgs(base)
    expect(args).toContain('testsrc2=size=1280x720:rate=30')
    expect(args).toContain('sine=frequency=440:sample_rate=48000')
    expect(args.filter((a) => a === '-re')).toHaveLength(2)
    const graph = after(args, '-filter_complex') ?? ''
    expect(graph).toContain(`drawtext=fontfile=${font}`)
    expect(graph).toContain('text=%{localtime\\\\:%T}')
    expect(graph.endsWith('format=yuv420p[vout]')).toBe(true)
  })

  it('skips the clock when no font was found', () => {
    const graph = after(buildStreamArgs({ ...base, fontFile: null }), '-filter_complex') ?? ''
    expect(graph).not.toContain('drawtext')
  })

  it.each([
    ['linux', ['-f', 'x11grab'], ':0.0'],
    ['win32', ['-f', 'gdigrab'], 'desktop'],
    ['darwin', ['-f', 'avfoundation'], '1:none'],
  ] as const)('captures the screen on %s', (platform, format, input) => {
    const args = buildStreamArgs({
      ...base,
      platform,
      source: { kind: 'screen', withAudio: false },
    })
    expect(args.join(' ')).toContain(format.join(' '))
    expect(after(args, '-i')).toBe(input)
    expect(args).toContain('anullsrc=channel_layout=stereo:sample_rate=48000')
  })

  it('opens camera and microphone per OS', () => {
    const cam = (platform: 'linux' | 'win32' | 'darwin', audio?: string) =>
      buildStreamArgs({ ...base, platform, source: { kind: 'camera', video: 'Cam', audio } })
    expect(cam('linux', 'alsa:hw:1').join(' ')).toContain(
      '-f v4l2 -framerate 30 -i Cam -f alsa -i hw:1',
    )
    expect(cam('linux', 'mic').join(' ')).toContain('-f pulse -i mic')
    const dshow = cam('win32', 'Mic')
    expect(after(dshow, '-i')).toBe('video=Cam:audio=Mic')
    expect(dshow.slice(dshow.indexOf('-map'))).toEqual(expect.arrayContaining(['0:a']))
    expect(after(cam('darwin', '0'), '-i')).toBe('Cam:0')
  })

  it('loops a video file in real time, and an image', () => {
    const file = buildStreamArgs({ ...base, source: { kind: 'file', path: '/v.mp4' } })
    expect(file.join(' ')).toContain('-stream_loop -1 -re -i /v.mp4')
    expect(file[file.lastIndexOf('-map') + 1]).toBe('0:a:0')
    const silent = buildStreamArgs({
      ...base,
      source: { kind: 'file', path: '/v.mp4' },
      fileHasAudio: false,
    })
    expect(silent[silent.lastIndexOf('-map') + 1]).toBe('1:a')
    const image = buildStreamArgs({ ...base, source: { kind: 'image', path: '/i.png' } })
    expect(image.join(' ')).toContain('-re -loop 1 -framerate 30 -i /i.png')
  })

  it('chains image and text overlays before the clock', () => {
    const args = buildStreamArgs({
      ...base,
      overlays: [
        { kind: 'image', path: '/logo.png', x: 10, y: 20 },
        { kind: 'text', text: 'Live: 10:30', x: 5, y: 6 },
      ],
    })
    const graph = after(args, '-filter_complex') ?? ''
    expect(args.join(' ')).toContain('-i /logo.png')
    expect(graph).toContain('[base][2:v]overlay=10:20[ov0]')
    expect(graph).toContain('[ov0]drawtext=')
    expect(graph).toContain('text=Live\\\\: 10\\\\:30')
  })

  it('places overlays in corners, fades a watermark, and expands only the clock', () => {
    const args = buildStreamArgs({
      ...base,
      overlays: toOverlays([
        { kind: 'image', path: '/logo.png', position: 'bottom-right', opacity: 0.5 },
        { kind: 'clock', position: 'top-left', size: 24 },
        { kind: 'text', text: '%{not a clock}', position: 'bottom-left', size: 30 },
      ]),
    })
    const graph = after(args, '-filter_complex') ?? ''
    expect(graph).toContain('[2:v]format=rgba,colorchannelmixer=aa=0.5[ov0a]')
    expect(graph).toContain('[base][ov0a]overlay=W-w-20:H-h-20[ov0]')
    expect(graph).toMatch(/\[ov0\]drawtext=[^;]*expansion=normal:fontsize=24[^;]*:x=20:y=20\[ov1\]/)
    expect(graph).toMatch(
      /\[ov1\]drawtext=[^;]*expansion=none:fontsize=30[^;]*:x=20:y=h-th-20\[ov2\]/,
    )
  })

  it('draws a clock overlay once: the test pattern then has no clock of its own', () => {
    const graph = (overlays: StreamArgsInput['overlays']) =>
      after(buildStreamArgs({ ...base, overlays }), '-filter_complex') ?? ''
    const clocks = (text: string) => text.split('localtime').length - 1
    expect(clocks(graph([]))).toBe(1)
    expect(clocks(graph(toOverlays([{ kind: 'clock', position: 'top-left', size: 24 }])))).toBe(1)
  })

  it('draws text a running stream may change from a file drawtext re-reads every frame', () => {
    const graph =
      after(
        buildStreamArgs({
          ...base,
          source: { kind: 'test-pattern', clock: false },
          overlays: [
            {
              kind: 'textfile',
              file: "/tmp/live: it's/lane-0-0.txt",
              x: 'w-mod(n+12,384)*5.333',
              y: 72,
              size: 32,
              opacity: 0.8,
              box: false,
            },
          ],
        }),
        '-filter_complex',
      ) ?? ''
    expect(graph).toContain(':reload=1:expansion=none:fontsize=32:fontcolor=white@0.8')
    // The path and the expression's comma are escaped for both parsing levels.
    expect(graph).toContain(`textfile=${escapeFilterValue("/tmp/live: it's/lane-0-0.txt")}`)
    expect(graph).toContain(`:x=${escapeFilterValue('w-mod(n+12,384)*5.333')}:y=72[ov0]`)
    expect(graph).not.toContain('box=1')
  })

  it('draws picture in picture: the inset scaled to its share of the width, in its corner', () => {
    const args = buildStreamArgs({
      ...base,
      source: {
        kind: 'pip',
        main: { kind: 'test-pattern', clock: false },
        inset: { kind: 'image', path: '/cam.png' },
        corner: 'top-left',
        size: 0.25,
      },
    })
    // The main source's two inputs (picture, tone), then the inset's (picture, silence).
    expect(args.filter((a) => a === '-i')).toHaveLength(4)
    expect(args).toContain('/cam.png')
    const graph = after(args, '-filter_complex') ?? ''
    expect(graph).toContain('[2:v]scale=320:-2,setsar=1[inset]')
    expect(graph).toContain('[base][inset]overlay=20:20:eof_action=repeat[pip]')
    // The sound is the main source's.
    expect(args.join(' ')).toContain('-map 1:a')
  })

  it('refuses to build nothing', () => {
    expect(
      errorOf(() => buildStreamArgs({ ...base, record: undefined, relay: undefined })).key,
    ).toBe('STREAM_INVALID_SETTINGS')
  })
})

describe('escaping', () => {
  it("escapes tee targets so paths with | [ ] \\ ' stay one slave", () => {
    expect(escapeTeeTarget("C:\\Users\\O'Neil\\a|b[1].mp4")).toBe(
      "C:\\\\Users\\\\O\\'Neil\\\\a\\|b\\[1\\].mp4",
    )
    const args = buildStreamArgs({
      ...base,
      relay: undefined,
      record: { path: '/a|b.mp4', format: 'fmp4' },
    })
    expect(args.at(-1)).toMatch(/\]\/a\\\|b\.mp4$/)
  })

  it('escapes filter values for both parsing levels', () => {
    expect(escapeFilterValue('a:b')).toBe('a\\\\:b')
    expect(escapeFilterValue("it's")).toBe("it\\\\\\'s")
    expect(escapeFilterValue('x,y;[z]')).toBe('x\\,y\\;\\[z\\]')
  })
})

describe('relay', () => {
  it('copies the loopback to FLV and probes one GOP + 1 s', () => {
    const urls = relayUrls(5000)
    expect(urls.send).toBe('udp://127.0.0.1:5000?pkt_size=65424')
    const args = buildRelayArgs({
      from: urls.receive,
      to: 'rtmp://1.2.3.4/live/s',
      tcUrl: 'rtmp://h/live',
    })
    expect(after(args, '-i')).toBe(urls.receive)
    expect(urls.receive).toContain('overrun_nonfatal=1')
    expect(after(args, '-c')).toBe('copy')
    expect(after(args, '-bsf:a')).toBe('aac_adtstoasc')
    expect(after(args, '-analyzeduration')).toBe('3000000')
    expect(after(args, '-rtmp_tcurl')).toBe('rtmp://h/live')
    expect(args.slice(-3)).toEqual(['-f', 'flv', 'rtmp://1.2.3.4/live/s'])
  })
})
