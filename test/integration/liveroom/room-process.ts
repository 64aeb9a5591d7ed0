import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { PROTOCOL_PATH } from '../../../src-shared/protocol/frames'
import { signUserSig } from '../../../src-main/common/usersig'

/** The standalone room server as its own process, for the kill -9 tests. */

const repoRoot = path.resolve(__dirname, '../../..')
const cliFile = path.join(repoRoot, 'src-main/liveroom/cli.ts')

export interface RoomProcess {
  child: ChildProcess
  httpUrl: string
  wsUrl: string
  exited: Promise<NodeJS.Signals | null>
}

/**
 * Starts the room server on `dataDir` and adds it to `children` (stopRoomProcesses stops them).
 * Node runs cli.ts itself (`--import tsx`) rather than through `npx tsx`, whose CLI keeps the
 * server in a child process: a SIGKILL to the pid we hold must reach the process that has the
 * database open.
 */
export async function startRoomProcess(
  dataDir: string,
  children: ChildProcess[],
  /** More flags, and variables for its environment (secrets). */
  extra: { args?: readonly string[]; env?: Record<string, string> } = {},
): Promise<RoomProcess> {
  const child = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', cliFile, '--port', '0', '--rtmp-port', 'off', '--data', dataDir],
      ...(extra.args ?? []),
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, LIVEDESK_SDKAPPID: '', LIVEDESK_SECRET_KEY: '', ...extra.env },
    },
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
  return { child, httpUrl, wsUrl: `${httpUrl.replace(/^http/, 'ws')}${PROTOCOL_PATH}`, exited }
}

/** Kills, by pid, every room process still running. */
export function stopRoomProcesses(children: readonly ChildProcess[]): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(child.pid, 'SIGKILL')
    }
  }
}

/** A UserSig for `userId` from the identity the server generated in `dataDir` on first run. */
export function processUserSig(
  dataDir: string,
  userId: string,
): { sdkAppId: number; userSig: string } {
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
