import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { signUserSig } from '../../../src-main/common/usersig'

/**
 * The standalone room server killed with SIGKILL in the middle of a gift storm: every order it
 * answered is on disk, none is charged twice when its client retries after the restart, and the
 * wallets add up with the ledger.
 */

const repoRoot = path.resolve(__dirname, '../../..')
const cliFile = path.join(repoRoot, 'src-main/liveroom/cli.ts')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-gifts-kill9-'))
const children: ChildProcess[] = []

afterAll(() => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(child.pid, 'SIGKILL')
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
})

interface Server {
  child: ChildProcess
  httpUrl: string
  exited: Promise<NodeJS.Signals | null>
}

/** Node runs cli.ts itself (`--import tsx`), so the pid we kill is the one holding the database. */
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
  return { child, httpUrl, exited }
}

function authorization(userId: string): string {
  const { sdkAppId, secretKey } = JSON.parse(
    fs.readFileSync(path.join(dataDir, 'identity.json'), 'utf8'),
  ) as { sdkAppId: number; secretKey: string }
  const sig = signUserSig({
    sdkAppId,
    secretKey,
    userId,
    expireSeconds: 3600,
    nowSeconds: Date.now() / 1000,
  })
  return `UserSig ${userId} ${sig}`
}

interface Order {
  userId: string
  orderId: string
}

async function place(server: Server, order: Order): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.httpUrl}/business/gifts/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: authorization(order.userId) },
    body: JSON.stringify({ orderId: order.orderId, groupId: 'main', giftId: 'heart', count: 1 }),
  })
  const body = (await response.json()) as Record<string, unknown>
  if (response.status !== 200) throw new Error(`order refused: ${JSON.stringify(body)}`)
  return body
}

async function balance(server: Server, userId: string): Promise<number> {
  const response = await fetch(`${server.httpUrl}/business/wallet`, {
    headers: { Authorization: authorization(userId) },
  })
  return ((await response.json()) as { balance: number }).balance
}

describe('the room server killed with SIGKILL during a gift storm', () => {
  it('loses no answered order and charges none twice after the restart', async () => {
    const first = await startServer()
    const viewers = Array.from({ length: 10 }, (_, i) => `v_storm${i}`)
    const answered: Order[] = []
    const issued: Order[] = []
    let killed = false
    // Each viewer keeps one order in flight until the kill; each order id is new.
    const storms = viewers.map(async (userId) => {
      for (let n = 0; !killed; n++) {
        const order = { userId, orderId: `${userId}-order-${String(n).padStart(5, '0')}` }
        issued.push(order)
        try {
          await place(first, order)
          if (!killed) answered.push(order)
        } catch {
          return
        }
      }
    })
    while (answered.length < 200) await new Promise((resolve) => setTimeout(resolve, 5))
    killed = true
    process.kill(first.child.pid!, 'SIGKILL')
    expect(await first.exited).toBe('SIGKILL')
    await Promise.all(storms)

    const second = await startServer()
    // Every answered order is on disk: its retry is a repeat, not a new charge.
    for (const order of answered) {
      expect(await place(second, order)).toMatchObject({ repeated: true })
    }
    // Orders in flight at the kill were either committed (a repeat now) or not (charged now) —
    // and after their retries every issued order is charged exactly once.
    for (const order of issued) await place(second, order)
    for (const userId of viewers) {
      const orders = issued.filter((order) => order.userId === userId).length
      expect(await balance(second, userId)).toBe(10_000 - 5 * orders)
    }
    for (const order of issued.slice(0, 20)) {
      expect(await place(second, order)).toMatchObject({ repeated: true })
    }
    process.kill(second.child.pid!, 'SIGTERM')
    await second.exited
  }, 90_000)
})
