import { describe, expect, it } from 'vitest'
import { parseCliArgs } from '../../../src-main/liveroom/cli-args'

describe('parseCliArgs', () => {
  it('has defaults for everything', () => {
    expect(parseCliArgs([], {})).toEqual({
      ok: true,
      options: {
        port: 0,
        rtmpPort: 1935,
        host: '127.0.0.1',
        dataDir: './.livedesk-data',
        help: false,
      },
    })
    expect(parseCliArgs([], { LIVEDESK_DATA_DIR: '/d' })).toMatchObject({
      options: { dataDir: '/d' },
    })
  })

  it('reads flags in both spellings and the environment', () => {
    expect(
      parseCliArgs(
        [
          '--port',
          '8080',
          '--rtmp-port=0',
          '--host=0.0.0.0',
          '--data',
          'x',
          '--sdkappid=1400000001',
          '--secret-key',
          'k',
        ],
        {},
      ),
    ).toEqual({
      ok: true,
      options: {
        port: 8080,
        rtmpPort: 0,
        host: '0.0.0.0',
        dataDir: 'x',
        sdkAppId: 1400000001,
        secretKey: 'k',
        help: false,
      },
    })
    expect(
      parseCliArgs([], { LIVEDESK_SDKAPPID: '1400000002', LIVEDESK_SECRET_KEY: 's' }),
    ).toMatchObject({
      options: { sdkAppId: 1400000002, secretKey: 's' },
    })
  })

  it('explains bad arguments', () => {
    expect(parseCliArgs(['--port', '70000'], {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('--port'),
    })
    expect(parseCliArgs(['--port'], {})).toMatchObject({ ok: false, error: '--port needs a value' })
    expect(parseCliArgs(['--rtmp-port', 'off'], {})).toMatchObject({ options: { rtmpPort: null } })
    expect(parseCliArgs(['--rtmp-port', 'x'], {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('--rtmp-port'),
    })
    expect(parseCliArgs(['--data', '--port', '1'], {})).toMatchObject({
      ok: false,
      error: '--data needs a value',
    })
    expect(parseCliArgs(['--frobnicate'], {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('--frobnicate'),
    })
    expect(parseCliArgs(['--sdkappid', 'abc'], {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('--sdkappid'),
    })
  })

  it('takes a callback URL and token, and refuses a token without a URL', () => {
    expect(
      parseCliArgs(['--callback-url', 'http://127.0.0.1:9000/im', '--callback-token', 'tok'], {}),
    ).toMatchObject({
      ok: true,
      options: { callbackUrl: 'http://127.0.0.1:9000/im', callbackToken: 'tok' },
    })
    expect(parseCliArgs(['--callback-url', 'ftp://x'], {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('--callback-url'),
    })
    expect(parseCliArgs(['--callback-token', 'tok'], {})).toMatchObject({
      ok: false,
      error: '--callback-token needs --callback-url',
    })
  })
})
