import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  processUserSig,
  startRoomProcess,
  stopRoomProcesses,
  type RoomProcess,
} from './room-process'

/**
 * The standalone room server killed with SIGKILL in the middle of a gift storm: every order it
 * answered is on disk, none is charged twice when its client retries after the restart, and the
 * wallets add up with the ledger.
 */

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-gifts-kill9-'))
const children: ChildProcess[] = []

afterAll(() => {
  stopRoomProcesses(children)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const startServer = () => startRoomProcess(dataDir, children)

function authorization(userId: string): string {
  return `UserSig ${userId} ${processUserSig(dataDir, userId).userSig}`
}

interface Order {
  userId: string
  orderId: string
}

async function place(server: RoomProcess, order: Order): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.httpUrl}/business/gifts/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: authorization(order.userId) },
    body: JSON.stringify({ orderId: order.orderId, groupId: 'main', giftId: 'heart', count: 1 }),
  })
  const body = (await response.json()) as Record<string, unknown>
  if (response.status !== 200) throw new Error(`order refused: ${JSON.stringify(body)}`)
  return body
}

async function balance(server: RoomProcess, userId: string): Promise<number> {
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
