import Database from 'better-sqlite3'
import { strFromU8, unzipSync } from 'fflate'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  readConsoleSettings,
  redact,
  REMOVED,
  writeDiagnostics,
} from '../../../src-main/desktop/diagnostics'
import { RotatingLog } from '../../../src-main/desktop/rotating-log'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'livedesk-diag-'))
  dirs.push(dir)
  return dir
}

// Secrets as they occur in a real run: the IM secret key, a CSS push key, an RTMP stream key,
// a UserSig in a REST URL and in an Authorization header, the console link's token.
const imSecretKey = 'f3b9c2d14e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c'
const cssPushKey = 'c0ffee00c0ffee00c0ffee00c0ffee00'
const streamKey = 'live_12345_abcdefSECRETSTREAMKEY'
const userSig = 'eJwtzM0KgkAUhmHv5Rxb4o6fRxGbMCqiEMVq2bD7ehj1o20'
const consoleToken = 'tok_9f8e7d6c5b4a39281706'

describe('Collect diagnostics (issue 16 §4)', () => {
  it('writes one zip with logs, versions, ffmpeg, OS and settings — and no key, token or UserSig', () => {
    const dir = tempDir()
    const log = new RotatingLog({ dir: join(dir, 'logs'), maxBytes: 400, keep: 2 })
    log.write(
      `rest: POST http://127.0.0.1:5000/v4/group_open_http_svc/get_group_info?sdkappid=1400000000&identifier=administrator&usersig=${userSig}&random=42`,
    )
    log.write(`business: Authorization: UserSig anchor ${userSig}`)
    log.write(`stream: pushing to rtmp://live.example.com/live/${streamKey}`)
    log.write(
      `stream: CSS push rtmp://push.example.com/live/room1?txSecret=${cssPushKey}&txTime=6650A1B2`,
    )
    log.write(`console: link http://192.168.1.5:8400/#token=${consoleToken}`)
    log.write(`room: loaded key ${imSecretKey} (should never be logged, but is scrubbed by value)`)
    expect(log.files().length).toBeGreaterThan(1)

    const db = new Database(join(dir, 'console.db'))
    db.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT, updated_at INTEGER)')
    db.prepare('INSERT INTO settings VALUES (?, ?, 0)').run(
      'stage',
      JSON.stringify({
        target: { kind: 'rtmp', url: `rtmp://live.example.com/live/${streamKey}`, streamKey },
        video: { keyframeSeconds: 2, width: 1280 },
      }),
    )
    db.prepare('INSERT INTO settings VALUES (?, ?, 0)').run(
      'connection',
      JSON.stringify({
        backend: 'tencent',
        tencent: { sdkAppId: 1400000000, secretKey: imSecretKey },
      }),
    )
    db.close()

    const target = join(dir, 'out.zip')
    writeDiagnostics(target, {
      logFiles: log.files(),
      versions: { livedesk: '0.1.0', electron: '45.5.0', node: process.versions.node },
      ffmpeg: 'ffmpeg version 6.1.1-3ubuntu5 Copyright (c) 2000-2023',
      os: { platform: 'linux', release: '6.8.0', arch: 'x64', memoryMb: 16000 },
      settings: {
        console: readConsoleSettings(join(dir, 'console.db')),
        desktop: { updates: { feedUrl: 'https://dl.example.com/?token=abc123xyz' } },
      },
      secretValues: [imSecretKey, cssPushKey, streamKey],
      now: Date.UTC(2026, 11, 2, 6, 0, 0),
    })
    expect(statSync(target).mode & 0o777).toBe(0o600)

    const files = unzipSync(new Uint8Array(readFileSync(target)))
    const names = Object.keys(files).sort()
    expect(names).toEqual(
      expect.arrayContaining([
        'ffmpeg.txt',
        'logs/main.log',
        'os.json',
        'settings.json',
        'versions.json',
      ]),
    )
    const all = names.map((n) => strFromU8(files[n]!)).join('\n')
    for (const secret of [imSecretKey, cssPushKey, streamKey, userSig, consoleToken, 'abc123xyz'])
      expect(all).not.toContain(secret)
    // What helps a diagnosis stays.
    expect(all).toContain('ffmpeg version 6.1.1')
    expect(all).toContain('"keyframeSeconds": 2')
    expect(all).toContain('"sdkAppId": 1400000000')
    expect(all).toContain('identifier=administrator')
    expect(all).toContain('rtmp://push.example.com/live/')
    expect(strFromU8(files['versions.json']!)).toContain('"electron": "45.5.0"')
  })

  it('removes UserSigs, tokens and stream keys it was not told about, by where they stand', () => {
    expect(redact('GET /v4/x?usersig=abc.def-ghi&random=1', [])).toBe(
      `GET /v4/x?usersig=${REMOVED}&random=1`,
    )
    expect(redact('Authorization: UserSig mod1 eJw.sig', [])).toBe(
      `Authorization: UserSig mod1 ${REMOVED}`,
    )
    expect(redact('rtmps://a.example.com:443/app/key-123?x=1', [])).toBe(
      `rtmps://a.example.com:443/app/${REMOVED}?x=1`,
    )
    expect(redact('plain text with no secrets', [])).toBe('plain text with no secrets')
  })

  it('rotates the log at its size limit and keeps only the newest files', () => {
    const dir = tempDir()
    let now = 0
    const log = new RotatingLog({ dir, maxBytes: 100, keep: 2, now: () => (now += 1000) })
    for (let i = 0; i < 10; i++) log.write(`line ${i} ${'x'.repeat(40)}`)
    const files = log.files()
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      'main.log',
      'main.1.log',
      'main.2.log',
    ])
    expect(readFileSync(files[0]!, 'utf8')).toContain('line 9')
    expect(readFileSync(files[2]!, 'utf8')).not.toContain('line 0 ')
    // Lines carry their time; a multi-line message stays one entry.
    log.write('first\nsecond')
    expect(readFileSync(files[0]!, 'utf8')).toMatch(
      /1970-01-01T00:00:11\.000Z first\n {2}second\n$/,
    )
    writeFileSync(join(dir, 'unrelated.txt'), 'x')
    expect(log.files()).toHaveLength(3)
  })
})
