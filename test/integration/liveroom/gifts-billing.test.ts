import type { ChildProcess } from 'node:child_process'
import { timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import type { GiftFeed } from '../../../src-shared/protocol/gift-feed'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { GiftErrorCode } from '../../../src-shared/protocol/gift-messages'
import {
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from '../../../src-main/liveroom/business/signed-webhook'
import type { BillingWebhookOptions } from '../../../src-main/liveroom/business/gifts/billing-webhook'
import { joinMain, startTestRoom, type TestRoom } from './helpers'
import {
  processUserSig,
  startRoomProcess,
  stopRoomProcesses,
  type RoomProcess,
} from './room-process'

/**
 * Gifts charged to an external billing system (docs/business.md "Another billing system"): the
 * business host of a real embedded room calls a real billing HTTP server on a loopback port, which
 * checks each request's signature and keeps the wallets, one charge per (user, order id).
 */

const SECRET = 'billing-test-secret-0123456789'

interface BillingRequest {
  body: Record<string, unknown>
  /** The signature verified with SECRET over the raw body and the timestamp header. */
  verified: boolean
}

type Reply = { status: number; body: string } | 'hold'

interface BillingSystem {
  url: string
  wallets: Map<string, number>
  requests: BillingRequest[]
  charges(orderId: string): BillingRequest[]
  /** How the next requests are met: the billing system's own answer (default), or another. */
  meet: (request: BillingRequest, answer: () => Reply) => Reply
  close(): Promise<void>
}

async function startBillingSystem(wallets: Record<string, number>): Promise<BillingSystem> {
  const charged = new Map<string, number>()
  const held: http.ServerResponse[] = []
  const system: BillingSystem = {
    url: '',
    wallets: new Map(Object.entries(wallets)),
    requests: [],
    charges: (orderId) =>
      system.requests.filter((r) => r.body.type === 'charge' && r.body.orderId === orderId),
    meet: (_request, answer) => answer(),
    close: async () => {
      for (const response of held) response.destroy()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
  const json = (body: unknown): Reply => ({ status: 200, body: JSON.stringify(body) })
  // The billing system's side of the contract: idempotent by (user, order id).
  const answer = (body: Record<string, unknown>): Reply => {
    const userId = String(body.userId)
    const balance = system.wallets.get(userId)
    if (body.type === 'balance') {
      return json(
        balance === undefined ? { ok: false, code: 'unknown-user' } : { ok: true, balance },
      )
    }
    const key = JSON.stringify([userId, body.orderId])
    const before = charged.get(key)
    if (before !== undefined) return json({ ok: true, balance: before })
    if (balance === undefined) return json({ ok: false, code: 'unknown-user' })
    const amount = Number(body.amount)
    if (balance < amount) return json({ ok: false, code: 'insufficient-balance', balance })
    system.wallets.set(userId, balance - amount)
    charged.set(key, balance - amount)
    return json({ ok: true, balance: balance - amount })
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const expected = Buffer.from(signWebhook(SECRET, String(req.headers[TIMESTAMP_HEADER]), raw))
      const given = Buffer.from(String(req.headers[SIGNATURE_HEADER] ?? ''))
      const request: BillingRequest = {
        body: JSON.parse(raw) as Record<string, unknown>,
        verified: expected.length === given.length && timingSafeEqual(expected, given),
      }
      system.requests.push(request)
      const reply = system.meet(request, () =>
        request.verified ? answer(request.body) : { status: 401, body: '{"error":"signature"}' },
      )
      if (reply === 'hold') {
        held.push(res)
        return
      }
      res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(reply.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  system.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/billing/charge?token=t`
  return system
}

const systems: BillingSystem[] = []
afterAll(async () => {
  for (const system of systems) await system.close()
})

async function billedRoom(
  wallets: Record<string, number>,
  webhook: Partial<BillingWebhookOptions> = {},
): Promise<{ t: TestRoom; billing: BillingSystem; logs: string[] }> {
  const billing = await startBillingSystem(wallets)
  systems.push(billing)
  const logs: string[] = []
  const t = await startTestRoom({
    business: {
      onlineCount: false,
      gifts: { billing: { webhook: { url: billing.url, secret: SECRET, ...webhook } } },
    },
    log: (line) => logs.push(line),
  })
  return { t, billing, logs }
}

async function call(
  httpUrl: string,
  authorization: string,
  method: 'GET' | 'POST',
  route: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${httpUrl}/business/${route}`, {
    method,
    headers: {
      Authorization: authorization,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const signed = (t: TestRoom, userId: string) => `UserSig ${userId} ${t.room.signUserSig(userId)}`
const order = (t: TestRoom, userId: string, fields: Record<string, unknown>) =>
  call(t.room.httpUrl, signed(t, userId), 'POST', 'gifts/orders', {
    groupId: 'main',
    giftId: 'heart',
    count: 1,
    ...fields,
  })
const wallet = (t: TestRoom, userId: string) =>
  call(t.room.httpUrl, signed(t, userId), 'GET', 'wallet')
const feedTotals = async (t: TestRoom) =>
  (
    (await call(t.room.httpUrl, signed(t, 'anchor'), 'GET', 'gifts/feed?groupId=main'))
      .body as unknown as GiftFeed
  ).totals

describe('gifts charged to an external billing system', () => {
  it('charges through the signed webhook and answers with the balance it reports', async () => {
    const { t, billing, logs } = await billedRoom({ v_ann: 1000 })
    await joinMain(t.room, 'v_ann', { nick: 'Ann' })
    expect(await wallet(t, 'v_ann')).toEqual({
      status: 200,
      body: { userId: 'v_ann', balance: 1000 },
    })

    const answer = await order(t, 'v_ann', { orderId: 'ann-order-0001', giftId: 'crown', count: 1 })
    expect(answer).toMatchObject({
      status: 200,
      body: { orderId: 'ann-order-0001', amount: 520, balance: 480, repeated: false },
    })
    expect(billing.charges('ann-order-0001')).toEqual([
      {
        verified: true,
        body: {
          type: 'charge',
          orderId: 'ann-order-0001',
          userId: 'v_ann',
          groupId: 'main',
          giftId: 'crown',
          count: 1,
          price: 520,
          amount: 520,
        },
      },
    ])
    expect(billing.requests.every((r) => r.verified)).toBe(true)
    expect(await feedTotals(t)).toEqual({ amount: 520, gifts: 1, senders: 1 })
    // The wallet is the billing system's: a credit there shows at the next read.
    billing.wallets.set('v_ann', 5000)
    expect((await wallet(t, 'v_ann')).body.balance).toBe(5000)
    // Nothing of the secret or the URL's path and query in the logs.
    expect(logs.join('\n')).not.toMatch(/billing-test-secret|token=|\/billing\/charge/)
  })

  it('answers a committed order id from the ledger without calling out again', async () => {
    const { t, billing } = await billedRoom({ v_ann: 1000 })
    await joinMain(t.room, 'v_ann', { nick: 'Ann' })
    const body = { orderId: 'ann-repeat-01', count: 3 }
    expect((await order(t, 'v_ann', body)).body).toMatchObject({ repeated: false, balance: 985 })
    billing.wallets.set('v_ann', 7)
    for (let i = 0; i < 3; i++) {
      expect(await order(t, 'v_ann', body)).toMatchObject({
        status: 200,
        body: { repeated: true, amount: 15, balance: 985 },
      })
    }
    expect(await order(t, 'v_ann', { ...body, count: 4 })).toMatchObject({
      status: 409,
      body: { code: GiftErrorCode.orderIdReused },
    })
    expect(billing.charges('ann-repeat-01')).toHaveLength(1)
  })

  it('refuses with the stable codes: short balance, unknown viewer, a refusal in its own words', async () => {
    const { t, billing } = await billedRoom({ v_ann: 4 })
    await joinMain(t.room, 'v_ann', { nick: 'Ann' })
    await joinMain(t.room, 'v_zed', { nick: 'Zed' })
    expect(await order(t, 'v_ann', { orderId: 'ann-short-001' })).toMatchObject({
      status: 402,
      body: { code: GiftErrorCode.insufficientBalance, data: { balance: 4, amount: 5 } },
    })
    expect(await order(t, 'v_zed', { orderId: 'zed-order-001' })).toMatchObject({
      status: 404,
      body: { code: GiftErrorCode.billingRefused, data: { reason: 'unknown-user' } },
    })
    expect(await wallet(t, 'v_zed')).toMatchObject({
      status: 404,
      body: { code: GiftErrorCode.billingRefused, data: { reason: 'unknown-user' } },
    })
    billing.meet = (request, answer) =>
      request.body.type === 'charge'
        ? {
            status: 200,
            body: JSON.stringify({
              ok: false,
              code: 'refused',
              message: `Frozen ${'!'.repeat(300)}`,
            }),
          }
        : answer()
    const refused = await order(t, 'v_ann', { orderId: 'ann-frozen-01' })
    expect(refused).toMatchObject({
      status: 403,
      body: { code: GiftErrorCode.billingRefused, data: { reason: 'refused' } },
    })
    expect((refused.body.data as { detail: string }).detail).toHaveLength(200)
    billing.meet = (request, answer) =>
      request.body.type === 'charge'
        ? { status: 200, body: '{"ok":false,"code":"insufficient-balance"}' }
        : answer()
    const short = await order(t, 'v_ann', { orderId: 'ann-short-002' })
    expect(short).toMatchObject({ status: 402, body: { code: GiftErrorCode.insufficientBalance } })
    expect(short.body.data).toEqual({ amount: 5 })
    expect(await feedTotals(t)).toEqual({ amount: 0, gifts: 0, senders: 0 })
  })

  it('answers "billing unavailable" and commits nothing when the billing system is silent or wrong', async () => {
    const { t, billing, logs } = await billedRoom({ v_ann: 1000 }, { timeoutMs: 300 })
    await joinMain(t.room, 'v_ann', { nick: 'Ann' })
    const unavailable = { status: 503, body: { code: GiftErrorCode.billingUnavailable } }
    const replies: Reply[] = [
      'hold',
      { status: 500, body: '{"ok":true,"balance":1}' },
      { status: 200, body: 'not json' },
      { status: 200, body: '{"ok":true,"balance":-5}' },
      { status: 200, body: '{"ok":false,"code":"maybe"}' },
    ]
    for (const [i, reply] of replies.entries()) {
      billing.meet = () => reply
      expect(await order(t, 'v_ann', { orderId: `ann-silent-0${i}` })).toMatchObject(unavailable)
    }
    billing.meet = () => 'hold'
    expect(await wallet(t, 'v_ann')).toMatchObject(unavailable)
    expect(await feedTotals(t)).toEqual({ amount: 0, gifts: 0, senders: 0 })
    expect(logs.join('\n')).toContain('did not answer within 300 ms')

    // The viewer's retry, same order id, once the billing system answers again: charged once.
    billing.meet = (_request, answer) => answer()
    expect(await order(t, 'v_ann', { orderId: 'ann-silent-00' })).toMatchObject({
      status: 200,
      body: { repeated: false, balance: 995 },
    })
    expect(billing.wallets.get('v_ann')).toBe(995)
    expect(await feedTotals(t)).toEqual({ amount: 5, gifts: 1, senders: 1 })
  })

  it('sends nothing it could be charged for when the signature is not made with the secret', async () => {
    const billing = await startBillingSystem({ v_ann: 1000 })
    systems.push(billing)
    const t = await startTestRoom({
      business: {
        onlineCount: false,
        gifts: { billing: { webhook: { url: billing.url, secret: 'another-secret' } } },
      },
      log: () => undefined,
    })
    await joinMain(t.room, 'v_ann', { nick: 'Ann' })
    expect(await order(t, 'v_ann', { orderId: 'ann-forged-01' })).toMatchObject({
      status: 503,
      body: { code: GiftErrorCode.billingUnavailable },
    })
    expect(billing.requests).toHaveLength(1)
    expect(billing.requests[0]?.verified).toBe(false)
    expect(billing.wallets.get('v_ann')).toBe(1000)
  })

  it('commits once when the commit failed after the billing system charged, on the retry', async () => {
    const { t, billing } = await billedRoom({ v_ann: 1000 })
    await joinMain(t.room, 'v_ann', { nick: 'Ann' })
    // A real failure of the business database's commit, for this order only, once.
    const db = new Database(path.join(t.dataDir, 'business.db'))
    db.exec(`CREATE TRIGGER fail_once BEFORE INSERT ON gift_orders
      WHEN NEW.order_id = 'ann-commit-01' BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
    expect(await order(t, 'v_ann', { orderId: 'ann-commit-01' })).toMatchObject({
      status: 500,
      body: { code: ErrorCode.internal },
    })
    expect(billing.wallets.get('v_ann')).toBe(995)
    expect(await feedTotals(t)).toEqual({ amount: 0, gifts: 0, senders: 0 })
    db.exec('DROP TRIGGER fail_once')
    db.close()

    expect(await order(t, 'v_ann', { orderId: 'ann-commit-01' })).toMatchObject({
      status: 200,
      body: { repeated: false, balance: 995 },
    })
    expect(await order(t, 'v_ann', { orderId: 'ann-commit-01' })).toMatchObject({
      status: 200,
      body: { repeated: true, balance: 995 },
    })
    expect(billing.charges('ann-commit-01')).toHaveLength(2)
    expect(billing.wallets.get('v_ann')).toBe(995)
    expect(await feedTotals(t)).toEqual({ amount: 5, gifts: 1, senders: 1 })
  })

  it('keeps concurrent orders exact: one call per order id in flight, the balance never short', async () => {
    const { t, billing } = await billedRoom({ v_ann: 100, v_bob: 1000 })
    await joinMain(t.room, 'v_ann', { nick: 'Ann' })
    await joinMain(t.room, 'v_bob', { nick: 'Bob' })
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        order(t, 'v_ann', { orderId: `ann-storm-${String(i).padStart(3, '0')}` }),
      ),
    )
    expect(answers.filter((a) => a.status === 200)).toHaveLength(20)
    expect(answers.filter((a) => a.status === 402)).toHaveLength(10)
    expect(new Set(answers.filter((a) => a.status === 200).map((a) => a.body.balance)).size).toBe(
      20,
    )
    expect(billing.wallets.get('v_ann')).toBe(0)

    // The same order id sent eight times at once: one call out, one charge, one order.
    const same = await Promise.all(
      Array.from({ length: 8 }, () => order(t, 'v_bob', { orderId: 'bob-same-0001', count: 2 })),
    )
    expect(same.every((a) => a.status === 200 && a.body.balance === 990)).toBe(true)
    expect(same.filter((a) => a.body.repeated === false)).toHaveLength(1)
    expect(billing.charges('bob-same-0001')).toHaveLength(1)
    expect(await feedTotals(t)).toEqual({ amount: 110, gifts: 22, senders: 2 })
  })
})

describe('the room server killed between the billing system’s charge and its own commit', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-billing-kill9-'))
  const children: ChildProcess[] = []
  afterAll(() => {
    stopRoomProcesses(children)
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('charges the order once when the viewer retries it after the restart', async () => {
    const billing = await startBillingSystem({ v_kim: 1000 })
    systems.push(billing)
    const start = () =>
      startRoomProcess(dataDir, children, {
        args: ['--billing-url', billing.url],
        env: { LIVEDESK_BILLING_SECRET: SECRET },
      })
    const place = (server: RoomProcess) =>
      call(
        server.httpUrl,
        `UserSig v_kim ${processUserSig(dataDir, 'v_kim').userSig}`,
        'POST',
        'gifts/orders',
        { orderId: 'kim-crash-0001', groupId: 'main', giftId: 'heart', count: 2 },
      )
    const first = await start()
    // The billing system charges, and the room server dies before it hears the answer.
    billing.meet = (request, answer) => {
      const reply = answer()
      if (request.body.type === 'charge') process.kill(first.child.pid!, 'SIGKILL')
      return reply === 'hold' ? reply : 'hold'
    }
    await expect(place(first)).rejects.toThrow()
    expect(await first.exited).toBe('SIGKILL')
    expect(billing.wallets.get('v_kim')).toBe(990)

    billing.meet = (_request, answer) => answer()
    const second = await start()
    expect(await place(second)).toMatchObject({
      status: 200,
      body: { repeated: false, amount: 10, balance: 990 },
    })
    expect(await place(second)).toMatchObject({ status: 200, body: { repeated: true } })
    expect(billing.charges('kim-crash-0001')).toHaveLength(2)
    expect(billing.wallets.get('v_kim')).toBe(990)
    process.kill(second.child.pid!, 'SIGTERM')
    await second.exited
  }, 60_000)
})
