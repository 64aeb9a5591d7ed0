import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  maxSecretFileBytes,
  parseCliArgs,
  readSecretFileSync,
  usage,
} from '../../../src-main/liveroom/cli-args'

/** Secret files as a map; a missing one fails as the file system would. */
function files(contents: Record<string, string>) {
  return (file: string): string => {
    const text = contents[file]
    if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${file}'`)
    return text
  }
}

describe('parseCliArgs: the room', () => {
  it('has defaults for everything', () => {
    expect(parseCliArgs([], {})).toEqual({
      ok: true,
      command: 'room',
      options: {
        port: 0,
        rtmpPort: 1935,
        allowedHosts: [],
        host: '127.0.0.1',
        dataDir: './.livedesk-data',
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
          '--secret-key-file',
          '/run/key',
          '--allowed-host',
          'room.example.com',
          '--allowed-host=live.example.com,studio.local',
        ],
        {},
        files({ '/run/key': 'k\n' }),
      ),
    ).toEqual({
      ok: true,
      command: 'room',
      options: {
        port: 8080,
        rtmpPort: 0,
        host: '0.0.0.0',
        dataDir: 'x',
        sdkAppId: 1400000001,
        secretKey: 'k',
        allowedHosts: ['room.example.com', 'live.example.com', 'studio.local'],
      },
    })
    expect(
      parseCliArgs([], { LIVEDESK_SDKAPPID: '1400000002', LIVEDESK_SECRET_KEY: 's' }),
    ).toMatchObject({
      options: { sdkAppId: 1400000002, secretKey: 's' },
    })
  })

  it('reads the per-address connection cap (0 turns it off) and refuses anything else', () => {
    expect(parseCliArgs(['--max-connections-per-address', '200'], {})).toMatchObject({
      options: { maxConnectionsPerAddress: 200 },
    })
    expect(parseCliArgs(['--max-connections-per-address=0'], {})).toMatchObject({
      options: { maxConnectionsPerAddress: 0 },
    })
    expect(parseCliArgs(['--max-connections-per-address', '-1'], {})).toEqual({
      ok: false,
      error: '--max-connections-per-address must be a whole number, 0 or more (got "-1")',
    })
    expect(parseCliArgs(['--max-connections-per-address=lots'], {})).toEqual({
      ok: false,
      error: '--max-connections-per-address must be a whole number, 0 or more (got "lots")',
    })
    expect(usage).toContain('--max-connections-per-address N')
  })

  it('reads the message cap (1 to 10,000; Tencent lets an app raise it) and refuses anything else', () => {
    expect(parseCliArgs([], {})).toMatchObject({ ok: true, options: { port: 0 } })
    expect(parseCliArgs([], {})).not.toMatchObject({ options: { msgCap: expect.anything() } })
    expect(parseCliArgs(['--msg-cap', '1000'], {})).toMatchObject({ options: { msgCap: 1000 } })
    expect(parseCliArgs(['--msg-cap=1'], {})).toMatchObject({ options: { msgCap: 1 } })
    for (const bad of ['0', '10001', '-5', '40.5', 'lots']) {
      expect(parseCliArgs(['--msg-cap', bad], {})).toEqual({
        ok: false,
        error: `--msg-cap must be a whole number from 1 to 10000 (got "${bad}")`,
      })
    }
    expect(usage).toContain('--msg-cap N')
  })

  it('reads the secret key and the callback token from files, trimmed', () => {
    const read = files({ '/run/key': 'the-key\n', '/run/token': '  tok\n' })
    expect(
      parseCliArgs(
        [
          '--secret-key-file',
          '/run/key',
          '--callback-url',
          'http://127.0.0.1:9000/callbacks/im',
          '--callback-token-file=/run/token',
        ],
        { LIVEDESK_SECRET_KEY: 'from-env' },
        read,
      ),
    ).toMatchObject({ ok: true, options: { secretKey: 'the-key', callbackToken: 'tok' } })
    expect(
      parseCliArgs(['--callback-url', 'http://x/im'], { LIVEDESK_CALLBACK_TOKEN: 'env-tok' }),
    ).toMatchObject({ options: { callbackToken: 'env-tok' } })
    // Without a URL the token has nowhere to go; from the environment it is simply unused.
    expect(parseCliArgs([], { LIVEDESK_CALLBACK_TOKEN: 'env-tok' })).toEqual(parseCliArgs([], {}))
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
    expect(parseCliArgs(['--secret-key-file', '/nope'], {}, files({}))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Cannot read --secret-key-file "\/nope": ENOENT/),
    })
    expect(parseCliArgs(['--secret-key-file', '/e'], {}, files({ '/e': '\n' }))).toMatchObject({
      ok: false,
      error: '--secret-key-file "/e" is empty',
    })
    expect(parseCliArgs(['--im-rest', 'http://x'], {})).toMatchObject({
      ok: false,
      error: '--im-rest goes with --business-only',
    })
  })

  it('takes a callback URL and token, and refuses a token without a URL', () => {
    expect(
      parseCliArgs(
        ['--callback-url', 'http://127.0.0.1:9000/im', '--callback-token-file', '/run/token'],
        {},
        files({ '/run/token': 'tok' }),
      ),
    ).toMatchObject({
      ok: true,
      options: { callbackUrl: 'http://127.0.0.1:9000/im', callbackToken: 'tok' },
    })
    expect(parseCliArgs(['--callback-url', 'ftp://x'], {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('--callback-url'),
    })
    expect(parseCliArgs(['--callback-token-file', 'f'], {})).toMatchObject({
      ok: false,
      error: '--callback-token-file needs --callback-url',
    })
  })

  it('configures the built-in online count, but not when a URL names another business host', () => {
    expect(
      parseCliArgs(['--online-count-period-ms', '2000', '--online-count-threshold=5'], {}),
    ).toMatchObject({ options: { onlineCount: { periodMs: 2000, threshold: 5 } } })
    expect(parseCliArgs(['--online-count-threshold', '0'], {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('--online-count-threshold must be a positive whole number'),
    })
    expect(
      parseCliArgs(['--callback-url', 'http://x/im', '--online-count-period-ms', '1000'], {}),
    ).toMatchObject({ ok: false, error: expect.stringContaining('no effect with --callback-url') })
  })

  it('sets the starting balance of new wallets, in both modes, as a whole number', () => {
    expect(parseCliArgs(['--starting-balance', '500'], {})).toMatchObject({
      options: { startingBalance: 500 },
    })
    expect(parseCliArgs(['--starting-balance', '0'], {})).toMatchObject({
      options: { startingBalance: 0 },
    })
    expect(parseCliArgs(['--starting-balance', '-5'], {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('--starting-balance must be a whole number of coins'),
    })
    expect(
      parseCliArgs(['--callback-url', 'http://x/im', '--starting-balance', '10'], {}),
    ).toMatchObject({ ok: false, error: expect.stringContaining('no effect with --callback-url') })
  })

  it("sets the room state grace periods in seconds and CSS's callback key from the environment", () => {
    expect(
      parseCliArgs(['--pause-after', '5', '--end-after=60'], { LIVEDESK_CSS_CALLBACK_KEY: 'k' }),
    ).toMatchObject({
      options: { roomState: { pauseAfterMs: 5000, endAfterMs: 60_000, cssCallbackKey: 'k' } },
    })
    expect(parseCliArgs(['--pause-after', '30', '--end-after', '20'], {})).toMatchObject({
      ok: false,
      error: '--end-after must not be shorter than --pause-after',
    })
    expect(parseCliArgs(['--css-callback-key', 'k'], {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('LIVEDESK_CSS_CALLBACK_KEY'),
    })
    expect(parseCliArgs(['--callback-url', 'http://x/im', '--pause-after', '5'], {})).toMatchObject(
      { ok: false, error: expect.stringContaining('no effect with --callback-url') },
    )
  })
})

describe('parseCliArgs: --business-only', () => {
  const read = files({ '/s/key': 'k3y\n', '/s/token': 'tok3n\n' })
  const minimal = [
    '--business-only',
    '--im-rest',
    'https://adminapisgp.im.qcloud.com',
    '--sdkappid',
    '1400000009',
    '--secret-key-file',
    '/s/key',
    '--callback-token-file',
    '/s/token',
  ]

  it('reads the REST URL, the app, the secrets from files, and defaults the rest', () => {
    expect(parseCliArgs(minimal, {}, read)).toEqual({
      ok: true,
      command: 'business',
      options: {
        port: 0,
        host: '127.0.0.1',
        imRestUrl: 'https://adminapisgp.im.qcloud.com',
        sdkAppId: 1400000009,
        secretKey: 'k3y',
        callbackToken: 'tok3n',
        admin: 'administrator',
        dataDir: './.livedesk-business',
      },
    })
    // Its own database: --data (or LIVEDESK_DATA_DIR) says where.
    expect(parseCliArgs([...minimal, '--data', 'biz'], {}, read)).toMatchObject({
      options: { dataDir: 'biz' },
    })
    expect(
      parseCliArgs(
        [...minimal, '--port', '8800', '--host', '0.0.0.0', '--admin', 'ops_admin'],
        {},
        read,
      ),
    ).toMatchObject({ options: { port: 8800, host: '0.0.0.0', admin: 'ops_admin' } })
    expect(parseCliArgs([...minimal, '--online-count-period-ms', '10000'], {}, read)).toMatchObject(
      { options: { onlineCount: { periodMs: 10000 } } },
    )
  })

  it('takes the app and the secrets from the environment', () => {
    expect(
      parseCliArgs(['--business-only', '--im-rest', 'http://127.0.0.1:8080'], {
        LIVEDESK_SDKAPPID: '1400000010',
        LIVEDESK_SECRET_KEY: 'env-key',
        LIVEDESK_CALLBACK_TOKEN: 'env-token',
      }),
    ).toMatchObject({
      ok: true,
      options: { sdkAppId: 1400000010, secretKey: 'env-key', callbackToken: 'env-token' },
    })
  })

  it('never takes a secret from argv', () => {
    expect(parseCliArgs([...minimal.slice(0, 5), '--secret-key', 'k'], {}, read)).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^--secret-key is not accepted: .*\(ps\); use --secret-key-file FILE or LIVEDESK_SECRET_KEY$/,
      ),
    })
    expect(parseCliArgs([...minimal.slice(0, 7), '--callback-token', 't'], {}, read)).toMatchObject(
      {
        ok: false,
        error: expect.stringContaining('--callback-token is not accepted'),
      },
    )
  })

  it('says what is missing', () => {
    const without = (flag: string) => {
      const args = [...minimal]
      args.splice(args.indexOf(flag), 2)
      return parseCliArgs(args, {}, read)
    }
    expect(without('--im-rest')).toMatchObject({
      ok: false,
      error: expect.stringContaining('--business-only needs --im-rest URL'),
    })
    expect(without('--sdkappid')).toMatchObject({
      ok: false,
      error: '--business-only needs --sdkappid ID (or LIVEDESK_SDKAPPID)',
    })
    expect(without('--secret-key-file')).toMatchObject({
      ok: false,
      error: expect.stringContaining('needs the secret key'),
    })
    expect(without('--callback-token-file')).toMatchObject({
      ok: false,
      error: expect.stringContaining('needs the callback token'),
    })
  })

  it('refuses what has no meaning there, and bad values', () => {
    expect(parseCliArgs([...minimal, '--rtmp-port', '1935'], {}, read)).toMatchObject({
      ok: false,
      error: '--rtmp-port is not accepted with --business-only: no ingest runs there',
    })
    expect(parseCliArgs([...minimal, '--callback-url', 'http://x'], {}, read)).toMatchObject({
      ok: false,
      error: expect.stringContaining('--callback-url is not accepted with --business-only'),
    })
    expect(parseCliArgs([...minimal, '--admin', 'a b'], {}, read)).toMatchObject({
      ok: false,
      error: expect.stringContaining('--admin'),
    })
    expect(
      parseCliArgs(['--business-only', '--im-rest', 'adminapisgp.im.qcloud.com'], {}, read),
    ).toMatchObject({ ok: false, error: expect.stringContaining('--im-rest must be an http') })
  })

  it('answers --help whatever else is there', () => {
    expect(parseCliArgs(['--business-only', '--help'], {})).toEqual({ ok: true, command: 'help' })
    expect(parseCliArgs(['-h'], {})).toEqual({ ok: true, command: 'help' })
    expect(usage).toContain('--business-only')
    expect(usage).toContain('--callback-token-file')
  })
})

describe('readSecretFileSync', () => {
  it('reads a small file and refuses a large one without reading it all', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-secret-'))
    try {
      fs.writeFileSync(path.join(dir, 'key'), 'abc\n')
      expect(readSecretFileSync(path.join(dir, 'key'))).toBe('abc\n')
      fs.writeFileSync(path.join(dir, 'big'), 'x'.repeat(maxSecretFileBytes + 1))
      expect(() => readSecretFileSync(path.join(dir, 'big'))).toThrow(/over 4096 bytes/)
      expect(() => readSecretFileSync(path.join(dir, 'missing'))).toThrow(/ENOENT/)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('parseCliArgs: secrets on the command line (issue 9 §4)', () => {
  it('refuses --secret-key and --callback-token in the room mode too, saying what to use', () => {
    expect(parseCliArgs(['--secret-key', 'k'], {})).toEqual({
      ok: false,
      error:
        '--secret-key is not accepted: a secret on the command line is visible to every user of the machine (ps); use --secret-key-file FILE or LIVEDESK_SECRET_KEY',
    })
    expect(
      parseCliArgs(['--callback-url', 'http://127.0.0.1:9/im', '--callback-token=t'], {}),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^--callback-token is not accepted: .*--callback-token-file FILE or LIVEDESK_CALLBACK_TOKEN$/,
      ),
    })
    // The files and the environment still work.
    expect(parseCliArgs([], { LIVEDESK_SECRET_KEY: 'from-env' })).toMatchObject({
      ok: true,
      options: { secretKey: 'from-env' },
    })
    expect(usage).not.toMatch(/--secret-key KEY|--callback-token T/)
  })
})

describe('parseCliArgs: the media reviewer', () => {
  it('takes the allow-list and the webhook, its secret only from a file or the environment', () => {
    expect(parseCliArgs([], {})).not.toMatchObject({ options: { media: expect.anything() } })
    expect(parseCliArgs(['--media-allow', 'CDN.example.com, 127.0.0.1'], {})).toMatchObject({
      ok: true,
      options: { media: { allowHosts: ['cdn.example.com', '127.0.0.1'] } },
    })
    expect(
      parseCliArgs(
        ['--media-webhook', 'https://review.example/hook', '--media-webhook-secret-file', 's'],
        {},
        files({ s: 'shh\n' }),
      ),
    ).toMatchObject({
      ok: true,
      options: { media: { webhook: { url: 'https://review.example/hook', secret: 'shh' } } },
    })
    expect(
      parseCliArgs(['--media-webhook', 'http://r.example/'], {
        LIVEDESK_MEDIA_WEBHOOK_SECRET: 'env-secret',
      }),
    ).toMatchObject({ ok: true, options: { media: { webhook: { secret: 'env-secret' } } } })
  })

  it('refuses a secret in argv, a webhook without one, and a host list it cannot read', () => {
    expect(parseCliArgs(['--media-webhook-secret', 'shh'], {})).toMatchObject({
      ok: false,
      error: expect.stringContaining(
        '--media-webhook-secret-file FILE or LIVEDESK_MEDIA_WEBHOOK_SECRET',
      ),
    })
    expect(parseCliArgs(['--media-webhook', 'https://r.example/'], {})).toEqual({
      ok: false,
      error:
        '--media-webhook needs a secret to sign with: --media-webhook-secret-file FILE or LIVEDESK_MEDIA_WEBHOOK_SECRET',
    })
    expect(parseCliArgs(['--media-webhook', 'ftp://r.example/'], {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('--media-webhook must be an http:// or https:// URL'),
    })
    expect(parseCliArgs(['--media-allow', 'cdn.example.com,a b'], {})).toEqual({
      ok: false,
      error: '--media-allow takes host names or IP addresses separated by commas (got "a b")',
    })
    expect(
      parseCliArgs(['--callback-url', 'http://b.example/', '--media-allow', 'x.example'], {}),
    ).toMatchObject({ ok: false, error: expect.stringContaining('--media-* flags have no effect') })
  })
})

describe('parseCliArgs: an external billing system', () => {
  const business = [
    '--business-only',
    '--im-rest',
    'https://adminapisgp.im.qcloud.com',
    '--sdkappid',
    '1400000001',
  ]
  const businessEnv = { LIVEDESK_SECRET_KEY: 'k', LIVEDESK_CALLBACK_TOKEN: 't' }

  it('takes --billing-url in both modes, its secret from a file or the environment', () => {
    expect(parseCliArgs([], {})).not.toMatchObject({ options: { billing: expect.anything() } })
    expect(
      parseCliArgs(
        ['--billing-url', 'https://pay.example/livedesk', '--billing-secret-file', 's'],
        {},
        files({ s: 'pay-secret\n' }),
      ),
    ).toEqual({
      ok: true,
      command: 'room',
      options: expect.objectContaining({
        billing: { url: 'https://pay.example/livedesk', secret: 'pay-secret' },
      }),
    })
    expect(
      parseCliArgs([...business, '--billing-url', 'http://10.0.0.5:8080/charge'], {
        ...businessEnv,
        LIVEDESK_BILLING_SECRET: 'env-secret',
      }),
    ).toMatchObject({
      ok: true,
      command: 'business',
      options: { billing: { url: 'http://10.0.0.5:8080/charge', secret: 'env-secret' } },
    })
    expect(
      parseCliArgs(['--billing-url', 'https://pay.example/', '--billing-timeout-ms', '800'], {
        LIVEDESK_BILLING_SECRET: 'x',
      }),
    ).toMatchObject({ ok: true, options: { billing: { timeoutMs: 800 } } })
  })

  it('refuses the secret on argv, a URL without a secret, and flags that would do nothing', () => {
    expect(
      parseCliArgs(['--billing-url', 'https://p.example/', '--billing-secret', 'shh'], {}),
    ).toEqual({
      ok: false,
      error:
        '--billing-secret is not accepted: a secret on the command line is visible to every user of the machine (ps); use --billing-secret-file FILE or LIVEDESK_BILLING_SECRET',
    })
    expect(parseCliArgs(['--billing-url', 'https://p.example/'], {})).toEqual({
      ok: false,
      error:
        '--billing-url needs a secret to sign with: --billing-secret-file FILE or LIVEDESK_BILLING_SECRET',
    })
    expect(
      parseCliArgs(
        ['--billing-url', 'https://p.example/', '--billing-secret-file', 'gone'],
        {},
        files({}),
      ),
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('Cannot read --billing-secret-file "gone"'),
    })
    expect(
      parseCliArgs(['--billing-url', 'file:///etc/passwd'], { LIVEDESK_BILLING_SECRET: 'x' }),
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('--billing-url must be an http://'),
    })
    expect(parseCliArgs(['--billing-secret-file', 's'], {})).toEqual({
      ok: false,
      error: '--billing-secret-file needs --billing-url',
    })
    expect(parseCliArgs(['--billing-timeout-ms', '500'], {})).toEqual({
      ok: false,
      error: '--billing-timeout-ms needs --billing-url',
    })
    expect(
      parseCliArgs(['--billing-url', 'https://p.example/', '--billing-timeout-ms', '0'], {
        LIVEDESK_BILLING_SECRET: 'x',
      }),
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('--billing-timeout-ms must be a positive'),
    })
    // The billing system keeps the wallets: a starting balance here would do nothing.
    for (const argv of [[], business]) {
      expect(
        parseCliArgs(
          [...argv, '--billing-url', 'https://p.example/', '--starting-balance', '500'],
          { ...businessEnv, LIVEDESK_BILLING_SECRET: 'x' },
        ),
      ).toEqual({
        ok: false,
        error:
          '--starting-balance has no effect with --billing-url: the billing system at that URL keeps the wallets and their balances',
      })
    }
    expect(
      parseCliArgs(['--callback-url', 'http://b.example/', '--billing-url', 'https://p.example/'], {
        LIVEDESK_BILLING_SECRET: 'x',
      }),
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('--billing-url has no effect with --callback-url'),
    })
    expect(usage).toContain('--billing-url URL')
  })
})
