import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { callbackSign } from '../../../src-main/common/im-callbacks'

const repoRoot = path.resolve(__dirname, '../../..')
const cliFile = path.join(repoRoot, 'src-main/liveroom/cli.ts')
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx')

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(tsx, [cliFile, ...args], {
    cwd: repoRoot,
    env: {
      ...process.env,
      LIVEDESK_SDKAPPID: '',
      LIVEDESK_SECRET_KEY: '',
      LIVEDESK_CALLBACK_TOKEN: '',
      ...env,
    },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, out: () => stdout, err: () => stderr }
}

describe('npm run server', () => {
  it('prints its addresses, serves, and exits cleanly on SIGTERM', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-cli-'))
    const dataDir = path.join(root, 'data')
    try {
      fs.writeFileSync(path.join(root, 'key'), 'k\n', { mode: 0o600 })
      const proc = run([
        '--port',
        '0',
        '--rtmp-port',
        '0',
        '--data',
        dataDir,
        '--sdkappid',
        '1400123456',
        '--secret-key-file',
        path.join(root, 'key'),
      ])
      const deadline = Date.now() + 20_000
      while (!/SDKAppID: \d+/.test(proc.out()) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100))
      }
      expect(proc.out()).toMatch(/^Room server: http:\/\/127\.0\.0\.1:\d+$/m)
      expect(proc.out()).toMatch(/^Viewer: http:\/\/127\.0\.0\.1:\d+\/room\/main$/m)
      expect(proc.out()).toMatch(/^SDKAppID: 1400123456$/m)
      expect(proc.out()).toMatch(
        /^Ingest: rtmp:\/\/127\.0\.0\.1:\d+\/live\/main\?sign=\d+-[0-9a-f]{32}$/m,
      )
      expect(proc.out()).toMatch(/^Play: http:\/\/127\.0\.0\.1:\d+\/live\/main\.flv$/m)
      const base = /Room server: (\S+)/.exec(proc.out())?.[1] ?? ''
      expect((await fetch(`${base}/healthz`)).status).toBe(200)
      // The room's data is the user's alone (issue 9 §4): the folder 0700, its files 0600.
      const mode = (file: string) => fs.statSync(path.join(dataDir, file)).mode & 0o777
      expect(mode('.')).toBe(0o700)
      for (const file of fs.readdirSync(dataDir)) expect([file, mode(file)]).toEqual([file, 0o600])
      expect(fs.readdirSync(dataDir)).toEqual(expect.arrayContaining(['liveroom.db']))
      proc.child.kill('SIGTERM')
      expect(await proc.exited).toBe(0)
    } finally {
      fs.rmSync(root, { recursive: true, force: true })
    }
  }, 30_000)

  it('exits with 2 and one line on stderr for bad arguments', async () => {
    const proc = run(['--port', 'seventy'])
    expect(await proc.exited).toBe(2)
    expect(proc.err().trim().split('\n')).toHaveLength(1)
    expect(proc.err()).toMatch(/--port/)
  }, 30_000)

  it('runs only the business host with --business-only, secrets from files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-cli-business-'))
    let proc: ReturnType<typeof run> | undefined
    try {
      fs.writeFileSync(path.join(dir, 'key'), 'the-secret-key\n', { mode: 0o600 })
      fs.writeFileSync(path.join(dir, 'token'), 'the-token\n', { mode: 0o600 })
      proc = run([
        '--business-only',
        // Nothing listens there: a State.StateChange callback makes no REST call.
        '--im-rest',
        'http://127.0.0.1:9',
        '--sdkappid',
        '1400123457',
        '--secret-key-file',
        path.join(dir, 'key'),
        '--callback-token-file',
        path.join(dir, 'token'),
        '--port',
        '0',
        // Its database goes in the test's folder, not ./.livedesk-business in the checkout.
        '--data',
        path.join(dir, 'data'),
      ])
      const deadline = Date.now() + 20_000
      while (!/SDKAppID: \d+/.test(proc.out()) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100))
      }
      expect(proc.out()).toMatch(/^Business host: http:\/\/127\.0\.0\.1:\d+$/m)
      expect(proc.out()).toMatch(/^IM REST: http:\/\/127\.0\.0\.1:9 as administrator$/m)
      expect(proc.out()).not.toMatch(/Room server|Ingest/)
      const callbacks = /^Callbacks: (http:\/\/127\.0\.0\.1:\d+\/callbacks\/im)$/m.exec(
        proc.out(),
      )?.[1]
      expect(callbacks).toBeDefined()

      const post = (sign: string, time: number) =>
        fetch(
          `${callbacks}?SdkAppid=1400123457&CallbackCommand=State.StateChange&contenttype=json` +
            `&ClientIP=127.0.0.1&OptPlatform=Web&RequestTime=${time}&Sign=${sign}`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              CallbackCommand: 'State.StateChange',
              Info: { Action: 'Login', To_Account: 'alice', Reason: 'Register' },
            }),
          },
        )
      const now = Math.floor(Date.now() / 1000)
      const signed = await post(callbackSign('the-token', now), now)
      expect(signed.status).toBe(200)
      expect(await signed.json()).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 })
      expect((await post(callbackSign('the-token\n', now), now)).status).toBe(401)

      proc.child.kill('SIGTERM')
      expect(await proc.exited).toBe(0)
    } finally {
      // A failed assertion must not leave the server running.
      if (proc && proc.child.exitCode === null) proc.child.kill('SIGTERM')
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)

  it('refuses a secret on the command line with --business-only', async () => {
    const proc = run([
      '--business-only',
      '--im-rest',
      'http://127.0.0.1:9',
      '--sdkappid',
      '1400123457',
      '--secret-key',
      'visible-to-ps',
    ])
    expect(await proc.exited).toBe(2)
    expect(proc.err().trim().split('\n')).toHaveLength(1)
    expect(proc.err()).toMatch(/--secret-key is not accepted: .*--secret-key-file/)
  }, 30_000)
})
