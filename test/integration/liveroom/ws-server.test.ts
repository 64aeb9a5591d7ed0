import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../../src-shared/protocol/codes'
import { ImEngine } from '../../../src-main/liveroom/im-engine'
import { openStore, type Store } from '../../../src-main/liveroom/store'
import { verifyUserSig } from '../../../src-main/common/usersig'
import { type ClientServer, createClientServer } from '../../../src-main/liveroom/ws-server'
import { connect } from './helpers'

let server: http.Server | undefined
let clients: ClientServer | undefined
let store: Store | undefined
afterEach(async () => {
  await clients?.close()
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  store?.close()
})

async function start(loginTimeoutMs: number): Promise<string> {
  store = openStore(':memory:')
  const engine = new ImEngine({
    store,
    sdkAppId: 1,
    now: Date.now,
    log: () => {},
    verifyUserSig: (userSig, userId, nowSeconds) =>
      verifyUserSig({ userSig, userId, nowSeconds, sdkAppId: 1, secretKey: 'k' }),
  })
  const clientServer = createClientServer({ engine, log: () => {}, loginTimeoutMs })
  clients = clientServer
  server = http.createServer()
  server.on('upgrade', (request, socket, head) => clientServer.handleUpgrade(request, socket, head))
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/im/v1`
}

describe('client WebSocket server', () => {
  it('closes a connection that does not log in within the deadline', async () => {
    const url = await start(200)
    const client = await connect(url)
    const kicked = await client.waitFor((f) => f.type === 'kicked')
    expect(kicked).toEqual({ type: 'kicked', reason: 'loginTimeout', code: CloseCode.loginTimeout })
    const closed = await client.closed
    expect(closed.code).toBe(CloseCode.loginTimeout)
    expect(closed.reason).toMatch(/Log in within/)
  })

  it('answers binary frames with an error and keeps the socket', async () => {
    const url = await start(10_000)
    const client = await connect(url)
    client.ws.send(Buffer.from([1, 2, 3]))
    await client.waitFor((f) => f.type === 'error' && /binary/.test(f.message))
    expect((await client.request({ type: 'ping' })).code).toBe(6014)
  })
})
