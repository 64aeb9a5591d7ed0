import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../../src-shared/protocol/codes'
import { connect, joinMain, startTestRoom, type TestClient } from './helpers'

describe('connections per remote address', () => {
  it('refuses the 65th connection from one address with 4008, and a closed one frees a seat', async () => {
    const { room } = await startTestRoom()
    const held: TestClient[] = []
    for (let i = 0; i < 64; i++) held.push(await connect(room.wsUrl))

    const refused = await connect(room.wsUrl)
    expect(await refused.closed).toEqual({
      code: CloseCode.tooManyConnections,
      reason: 'Too many connections from your address (64); close one and try again',
    })
    // The 64 held ones still work: the refusal touched nobody else.
    expect((await held[0]!.request({ type: 'ping' })).code).toBe(6014)
    // Another address is not counted against this one.
    const { client: other } = await joinMain(room, 'v_other', { localAddress: '127.0.0.2' })
    expect((await other.request({ type: 'ping' })).code).toBe(0)

    await held.pop()!.close()
    const seated = await joinMain(room, 'v_seated')
    expect(seated.ack.code).toBe(0)
    const again = await connect(room.wsUrl)
    expect((await again.closed).code).toBe(CloseCode.tooManyConnections)
  })

  it('takes its cap from the room option, and 0 turns it off', async () => {
    const small = await startTestRoom({ maxConnectionsPerAddress: 2 })
    await connect(small.room.wsUrl)
    await connect(small.room.wsUrl)
    expect((await (await connect(small.room.wsUrl)).closed).code).toBe(CloseCode.tooManyConnections)

    const open = await startTestRoom({ maxConnectionsPerAddress: 0 })
    const clients: TestClient[] = []
    for (let i = 0; i < 70; i++) clients.push(await connect(open.room.wsUrl))
    expect((await clients[69]!.request({ type: 'ping' })).code).toBe(6014)
  })

  it('refuses a cap that is not a whole number', async () => {
    await expect(startTestRoom({ maxConnectionsPerAddress: -1 })).rejects.toThrow(
      /maxConnectionsPerAddress must be a whole number/,
    )
  })
})
