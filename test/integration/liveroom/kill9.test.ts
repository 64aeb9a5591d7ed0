import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PROTOCOL_PATH, messageText, type WireMessage } from '../../../src-shared/protocol/frames'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { signUserSig } from '../../../src-main/common/usersig'
import { connect, text, type TestClient } from './helpers'

const repoRoot = path.resolve(__dirname, '../../..')
const cliFile = path.join(repoRoot, 'src-main/liveroom/cli.ts')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-kill9-'))
const children: ChildProcess[] = []
const clients: TestClient[] = []

afterAll(async () => {
  for (const client of clients) await client.close()
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(child.pid, 'SIGKILL')
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
})

interface Server {
  child: ChildProcess
  wsUrl: string
  exited: Promise<NodeJS.Signals | null>
}

/**
 * Starts the standalone room server on `dataDir`. Node runs cli.ts itself (`--import tsx`) rather
 * than through `npx tsx`, whose CLI keeps the server in a child process: a SIGKILL to the pid we
 * hold must reach the process that has the database open.
 */
async function startServer(): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', cliFile, '--port', '0', '--rtmp-port', 'off', '--data', dataDir],
    { cwd: repoRoot, env: { ...process.env, LIVEDESK_SDKAPPID: '', LIVEDESK_SECRET_KEY: '' } },
  )
  children.push(child)
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  )
  let stdout = ''
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const httpUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "Room server:" line; ${stderr}`)), 20_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /^Room server: (\S+)$/m.exec(stdout)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.on('exit', () => reject(new Error(`the room server exited early: ${stderr}`)))
  })
  return { child, wsUrl: `${httpUrl.replace(/^http/, 'ws')}${PROTOCOL_PATH}`, exited }
}

/** A UserSig from the identity the server generated in its data directory on first run. */
function userSig(userId: string): { sdkAppId: number; userSig: string } {
  const { sdkAppId, secretKey } = JSON.parse(
    fs.readFileSync(path.join(dataDir, 'identity.json'), 'utf8'),
  ) as { sdkAppId: number; secretKey: string }
  return {
    sdkAppId,
    userSig: signUserSig({
      sdkAppId,
      secretKey,
      userId,
      expireSeconds: 3600,
      nowSeconds: Date.now() / 1000,
    }),
  }
}

async function joinMain(server: Server, userId: string) {
  const client = await connect(server.wsUrl)
  clients.push(client)
  const login = await client.request({ type: 'login', version: 1, userId, ...userSig(userId) })
  expect(login.code).toBe(0)
  const join = await client.request({ type: 'join', groupId: 'main' })
  expect(join.code).toBe(0)
  return { client, history: (join.data as { history: WireMessage[] }).history }
}

describe('the standalone room server killed with SIGKILL', () => {
  it('keeps every acknowledged message and a mute set before the kill', async () => {
    const first = await startServer()
    // The owner is exempt from the flood limit, so 30 quick sends are all stored.
    const { client: anchor } = await joinMain(first, 'anchor')
    const { client: troll } = await joinMain(first, 'troll')
    const sent: string[] = []
    for (let i = 1; i <= 30; i++) {
      const body = `committed ${i}`
      const ack = await anchor.request({ type: 'send', groupId: 'main', msgBody: text(body) })
      expect(ack.code).toBe(0)
      sent.push(body)
    }
    const mute = await anchor.request({
      type: 'mute',
      groupId: 'main',
      userId: 'troll',
      seconds: 600,
    })
    expect(mute.code).toBe(0)

    process.kill(first.child.pid!, 'SIGKILL')
    expect(await first.exited).toBe('SIGKILL')
    await Promise.all([anchor.closed, troll.closed])

    const second = await startServer()
    const { history } = await joinMain(second, 'anchor')
    // historyCount's default is 20: the newest 20 acknowledged messages, oldest first.
    expect(history.map(messageText)).toEqual(sent.slice(-20))
    expect(history.map((m) => m.sequence)).toEqual(Array.from({ length: 20 }, (_, i) => 11 + i))

    const { client: trollAgain } = await joinMain(second, 'troll')
    const refused = await trollAgain.request({
      type: 'send',
      groupId: 'main',
      msgBody: text('still here?'),
    })
    expect(refused.code).toBe(ErrorCode.muted)
  }, 60_000)
})
