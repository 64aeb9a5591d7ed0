import { describe, expect, it } from 'vitest'
import { parseStreamCli } from '../../../src-main/console/stream/cli-args'

describe('parseStreamCli', () => {
  it('reads push-url and play-urls', () => {
    expect(
      parseStreamCli([
        'push-url',
        '--domain',
        'd.com',
        '--key=k',
        '--stream',
        's',
        '--expires',
        '2026-01-01T00:00:00Z',
      ]),
    ).toEqual({
      ok: true,
      command: {
        kind: 'push-url',
        domain: 'd.com',
        key: 'k',
        app: 'live',
        stream: 's',
        expires: new Date('2026-01-01T00:00:00Z'),
      },
    })
    expect(
      parseStreamCli(['play-urls', '--domain', 'd.com', '--stream', 's', '--app', 'a']),
    ).toEqual({
      ok: true,
      command: { kind: 'play-urls', domain: 'd.com', app: 'a', stream: 's' },
    })
  })

  it('reads push with its sources', () => {
    const parsed = parseStreamCli([
      'push',
      '--source',
      'file:/v/a:b.mp4',
      '--to',
      'rtmp://h/a/s',
      '--duration',
      '3',
    ])
    expect(parsed).toMatchObject({
      ok: true,
      command: {
        kind: 'push',
        source: { kind: 'file', path: '/v/a:b.mp4' },
        profile: '720p30',
        durationSec: 3,
      },
    })
    expect(parseStreamCli(['push', '--source', 'camera', '--record', 'x.mp4'])).toMatchObject({
      command: { source: { kind: 'camera', video: '/dev/video0' } },
    })
    expect(parseStreamCli(['push', '--record', 'x.mp4', '--split', '30min'])).toMatchObject({
      command: { record: 'x.mp4', split: { by: 'time', minutes: 30 } },
    })
    expect(parseStreamCli(['push', '--record', 'x.mp4', '--split=2GB'])).toMatchObject({
      command: { split: { by: 'size', mb: 2048 } },
    })
  })

  it.each([
    [['nope'], /unknown command/],
    [['push-url', '--domain', 'd'], /--key is required/],
    [['push-url', '--domain', 'd', '--key', 'k', '--stream', 's', '--expires', 'soon'], /ISO time/],
    [
      ['play-urls', '--domain', 'd', '--stream', 's', '--key', 'k'],
      /--expires is required \(with --key\)/,
    ],
    [['push', '--to', 'rtmp://h/a/s', '--profile', '4k'], /--profile "4k"/],
    [['push', '--source', 'test-pattern'], /--to <rtmp url> or --record/],
    [['push', '--record', 'a.mp4', '--split', '5mb'], /--split "5mb" is not a time/],
    [['push', '--record', 'a.mp4', '--split', '30'], /--split "30"/],
    [['push', '--to', 'rtmp://h/a/b', '--split', '30min'], /--split needs --record/],
    [['push', '--to', 'rtmp://h/a/s', '--duration', '-1'], /--duration/],
    [['push', '--to'], /--to needs a value/],
    [['push', '--colour', 'red'], /unknown option --colour/],
  ])('%j → one clear line', (argv, message) => {
    const parsed = parseStreamCli(argv)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toMatch(message)
  })
})
