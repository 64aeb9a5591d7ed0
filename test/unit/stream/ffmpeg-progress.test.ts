import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  classifyFailure,
  createProgressParser,
  parseProgress,
  redactText,
  redactUrl,
  urlSecrets,
  type FailureContext,
} from '../../../src-main/console/stream/ffmpeg-progress'

const fixtures = path.resolve(__dirname, '../../fixtures/ffmpeg')
const builds = ['ffmpeg5', 'ffmpeg4-static'] as const
const read = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8')

describe('progress parser (real -progress output)', () => {
  for (const build of builds) {
    it(`reads the encoder's blocks from ${build}`, () => {
      const blocks = parseProgress(read(`progress-encoder.${build}.txt`))
      expect(blocks.length).toBeGreaterThanOrEqual(4)
      const last = blocks.at(-1)
      expect(last?.end).toBe(true)
      expect(blocks.slice(0, -1).every((b) => !b.end)).toBe(true)
      // 3 s at 30 fps through tee: tee has no byte counter, so ffmpeg prints N/A.
      expect(last).toMatchObject({ frame: 90, bitrateKbps: null, totalSize: null, dropFrames: 0 })
      expect(last?.outTimeUs).toBeGreaterThanOrEqual(2_900_000)
      expect(last?.speed).toBeGreaterThan(0.9)
      expect(last?.fps).toBeGreaterThan(20)
    })

    it(`reads the relay's bitrate and bytes from ${build}`, () => {
      const blocks = parseProgress(read(`progress-relay.${build}.txt`))
      const last = blocks.at(-1)
      expect(last?.end).toBe(true)
      expect(last?.bitrateKbps).toBeGreaterThan(1000)
      expect(last?.totalSize).toBeGreaterThan(100_000)
    })
  }

  it('handles chunks split anywhere, like a pipe delivers them', () => {
    const text = read('progress-encoder.ffmpeg5.txt')
    const parser = createProgressParser()
    const got = []
    for (let i = 0; i < text.length; i += 7) got.push(...parser.push(text.slice(i, i + 7)))
    expect(got).toEqual(parseProgress(text))
  })
})

describe('stderr classifier (real failures of both builds)', () => {
  const ctx = (stderr: string, over: Partial<FailureContext> = {}): FailureContext => ({
    stderr,
    exitCode: 1,
    signal: null,
    role: 'push',
    everConnected: false,
    ...over,
  })

  for (const build of builds) {
    it(`${build}: connection refused`, () => {
      const r = classifyFailure(ctx(read(`stderr-connection-refused.${build}.txt`)))
      expect(r.key).toBe('STREAM_CONNECTION_REFUSED')
      expect(r.message).toMatch(/127\.0\.0\.1:1/)
      expect(r.params).toEqual({ host: '127.0.0.1:1' })
    })
    it(`${build}: server closes right after publish (node-media-server auth)`, () => {
      expect(classifyFailure(ctx(read(`stderr-auth-rejected.${build}.txt`))).key).toBe(
        'STREAM_AUTH_REJECTED',
      )
    })
    it(`${build}: ingest killed mid-push`, () => {
      const r = classifyFailure(
        ctx(read(`stderr-push-dropped.${build}.txt`), { everConnected: true }),
      )
      expect(r.key).toBe('STREAM_CONNECTION_LOST')
    })
    it(`${build}: unknown capture device`, () => {
      const r = classifyFailure(
        ctx(read(`stderr-device-unavailable.${build}.txt`), { role: 'encoder' }),
      )
      expect(r).toMatchObject({ key: 'STREAM_DEVICE_UNAVAILABLE' })
      expect(r.message).toMatch(/\/dev\/video99/)
      expect(r.params?.device).toMatch(/\/dev\/video99/)
    })
    it(`${build}: recording folder missing`, () => {
      const r = classifyFailure(
        ctx(read(`stderr-unwritable.${build}.txt`), {
          role: 'encoder',
          recordPath: '/tmp/capture/no-such-dir/x.mp4',
        }),
      )
      expect(r.key).toBe('STREAM_RECORD_UNWRITABLE')
      expect(r.params).toEqual({
        reason: 'write',
        path: '/tmp/capture/no-such-dir/x.mp4',
        detail: 'No such file or directory',
      })
    })
    it(`${build}: disk full`, () => {
      expect(
        classifyFailure(ctx(read(`stderr-disk-full.${build}.txt`), { role: 'encoder' })).key,
      ).toBe('STREAM_DISK_FULL')
    })
    it(`${build}: encoder refuses its settings`, () => {
      const r = classifyFailure(
        ctx(read(`stderr-encoder-failed.${build}.txt`), { role: 'encoder' }),
      )
      expect(r.key).toBe('STREAM_ENCODER_FAILED')
      expect(r.message).toMatch(/no-such-preset/)
      expect(r.params?.detail).toMatch(/no-such-preset/)
    })
  }

  it('ffmpeg5: unknown host', () => {
    const r = classifyFailure(ctx(read('stderr-host-not-found.ffmpeg5.txt')))
    expect(r.key).toBe('STREAM_HOST_NOT_FOUND')
    expect(r.message).toMatch(/no-such-host\.invalid/)
    expect(r.params).toEqual({ host: 'no-such-host.invalid' })
  })

  it('static build: a name lookup crashes it (exit 139, nothing on stderr)', () => {
    expect(read('exit-host-not-found.ffmpeg4-static.txt').trim()).toBe('exit=139')
    const r = classifyFailure(
      ctx(read('stderr-host-not-found.ffmpeg4-static.txt'), {
        exitCode: null,
        signal: 'SIGSEGV',
        target: 'rtmp://push.example.com/live/s',
      }),
    )
    expect(r.key).toBe('STREAM_HOST_NOT_FOUND')
    expect(r.params).toEqual({ reason: 'ffmpegCrashed', host: 'push.example.com' })
  })

  it('an RTMP error reply (rtmpproto.c\'s "Server error:") means the ingest refused us', () => {
    const r = classifyFailure(
      ctx('[rtmp @ 0x1] Server error: Authentication failed. (txSecret invalid)\n'),
    )
    expect(r.key).toBe('STREAM_AUTH_REJECTED')
    expect(r.message).toMatch(/Authentication failed/)
    // The ingest's own words travel as a detail the renderer marks as such.
    expect(r.params).toEqual({ detail: 'Authentication failed. (txSecret invalid)' })
  })

  it('falls back to the last meaningful line, never to silence', () => {
    const r = classifyFailure(
      ctx('Input #0, lavfi\nsomething odd happened\nConversion failed!\n', { role: 'encoder' }),
    )
    expect(r).toEqual({
      key: 'STREAM_FAILED',
      message: 'ffmpeg (encoder) exited with code 1: something odd happened',
      params: { exit: 1, detail: 'something odd happened' },
    })
  })

  it("never offers a component's chatter as the detail, and drops the memory address", () => {
    const r = classifyFailure(
      ctx(
        'Encoder did not produce proper pts, making some up.\n' +
          '[h264 @ 0x55d0c6a1e2c0] no frame!\n' +
          '[mp4 @ 0x55d0c6a1e2c0] Error opening output: Invalid argument\n' +
          '[h264 @ 0x55d0c6a1e2c0] no frame!\n',
        { role: 'encoder' },
      ),
    )
    expect(r.params).toMatchObject({ detail: 'mp4: Error opening output: Invalid argument' })
  })

  it('keeps secrets out of messages', () => {
    expect(redactUrl('rtmp://h/live/s?txSecret=abc&txTime=5C27')).toBe(
      'rtmp://h/live/…?txSecret=…&txTime=5C27',
    )
    const r = classifyFailure(
      ctx(read('stderr-connection-refused.ffmpeg5.txt'), {
        target: 'rtmp://127.0.0.1:1/live/x?txSecret=deadbeef&txTime=1',
      }),
    )
    expect(r.message).not.toMatch(/deadbeef/)
    expect(JSON.stringify(r.params)).not.toMatch(/deadbeef/)
  })
})

describe('redaction of push URLs', () => {
  it('hides a stream key in the path as it hides one in the query', () => {
    expect(redactUrl('rtmp://a.rtmp.youtube.com/live2/abcd-efgh-ijkl')).toBe(
      'rtmp://a.rtmp.youtube.com/live2/…',
    )
    expect(redactUrl('rtmps://live-api-s.facebook.com:443/rtmp/FB-123-0-Ab?s_bl=1&s_sc=2')).toBe(
      'rtmps://live-api-s.facebook.com:443/rtmp/…?s_bl=1&s_sc=2',
    )
    expect(redactUrl('rtmp://user:hunter22@h:1935/app/key')).toBe('rtmp://…@h:1935/app/…')
    // A server URL without a key has nothing to hide.
    expect(redactUrl('rtmp://live.twitch.tv/app')).toBe('rtmp://live.twitch.tv/app')
    expect(redactUrl('rtmp://127.0.0.1:1935/live/main?sign=123-abc')).toBe(
      'rtmp://127.0.0.1:1935/live/…?sign=…',
    )
  })

  it('redacts URLs inside ffmpeg lines and tee arguments, keeping the punctuation', () => {
    expect(redactText('rtmp://h/live2/sk-1234: Input/output error')).toBe(
      'rtmp://h/live2/…: Input/output error',
    )
    expect(redactText("[f=flv:onfail=ignore]rtmp://h/app/sk-1234 and 'rtmp://h/app/other'")).toBe(
      "[f=flv:onfail=ignore]rtmp://h/app/… and 'rtmp://h/app/…'",
    )
  })

  it('knows the secrets of a push URL and hides them wherever they appear', () => {
    const url = 'rtmp://u:pass-word@h/app/the-stream-key?txSecret=0123abcd&txTime=5C27'
    expect(urlSecrets(url).sort()).toEqual(['0123abcd', 'pass-word', 'the-stream-key'].sort())
    expect(redactText('Server error: bad key the-stream-key (0123abcd)', urlSecrets(url))).toBe(
      'Server error: bad key … (…)',
    )
    // A one-letter stream name is no secret, and hiding it would garble the text.
    expect(urlSecrets('rtmp://h/live/s')).toEqual([])
  })
})
