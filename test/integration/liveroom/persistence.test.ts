import { describe, expect, it } from 'vitest'
import { messageText, type WireMessage } from '../../../src-shared/protocol/frames'
import { joinMain, startTestRoom, text } from './helpers'

describe('persistence', () => {
  it('keeps identity, history and sequences across a restart', async () => {
    const t = await startTestRoom()
    const { sdkAppId } = t.room
    const sig = t.room.signUserSig('alice')
    const { client } = await joinMain(t.room, 'alice', { nick: 'Alice' })
    await client.request({ type: 'send', groupId: 'main', msgBody: text('before restart') })
    await client.request({ type: 'send', groupId: 'main', msgBody: text('second') })

    await t.restart()
    expect(t.room.sdkAppId).toBe(sdkAppId)
    // A UserSig issued before the restart still verifies: the secret key was kept.
    const { client: again, ack } = await joinMain(t.room, 'alice', { userSig: sig })
    const history = (ack as { data: { history: WireMessage[] } }).data.history
    expect(history.map((m) => [m.sequence, m.nick, messageText(m)])).toEqual([
      [1, 'Alice', 'before restart'],
      [2, 'Alice', 'second'],
    ])
    const next = await again.request({ type: 'send', groupId: 'main', msgBody: text('after') })
    expect(next).toMatchObject({ code: 0, data: { message: { sequence: 3, nick: 'Alice' } } })
  })
})
