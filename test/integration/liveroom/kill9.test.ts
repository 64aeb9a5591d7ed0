import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { messageText, type WireMessage } from '../../../src-shared/protocol/frames'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { connect, text, type TestClient } from './helpers'
import {
  processUserSig,
  startRoomProcess,
  stopRoomProcesses,
  type RoomProcess,
} from './room-process'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-kill9-'))
const children: ChildProcess[] = []
const clients: TestClient[] = []

afterAll(async () => {
  for (const client of clients) await client.close()
  stopRoomProcesses(children)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const startServer = () => startRoomProcess(dataDir, children)
const userSig = (userId: string) => processUserSig(dataDir, userId)

async function joinMain(server: RoomProcess, userId: string) {
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
    const sequences: number[] = []
    for (let i = 1; i <= 30; i++) {
      const body = `committed ${i}`
      const ack = await anchor.request({ type: 'send', groupId: 'main', msgBody: text(body) })
      expect(ack.code).toBe(0)
      sent.push(body)
      sequences.push((ack.data as { message: WireMessage }).message.sequence)
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
    // The sequences the sends were acknowledged with (the business host's own online-only
    // messages, such as the audience figures, take sequence numbers too).
    expect(history.map((m) => m.sequence)).toEqual(sequences.slice(-20))

    const { client: trollAgain } = await joinMain(second, 'troll')
    const refused = await trollAgain.request({
      type: 'send',
      groupId: 'main',
      msgBody: text('still here?'),
    })
    expect(refused.code).toBe(ErrorCode.muted)
  }, 60_000)
})
