import { describe, expect, it } from 'vitest'
import type { ServerFrame } from '../../../src-shared/protocol/frames'
import { seededRandom } from '../../support/seeded-random'
import { joinMain, startTestRoom, testTime, text, type TestClient } from './helpers'

/**
 * Issue 9, §3: no anonymous starvation. Forty identities, each from its own address, send as fast
 * as the flood limit lets them (3 every 2 s); five ordinary viewers send one line every 2 s. The
 * room takes 40 a second: without sharing, the spam would take most of every window.
 */
describe('a room flooded by forty identities', () => {
  it('still delivers at least 90% of the ordinary viewers’ lines, and the spammers only their share', async () => {
    const time = testTime()
    const t = await startTestRoom({
      now: time.now,
      setTimer: time.setTimer,
      // Ties decided the same way every run.
      random: seededRandom(9),
    })
    const observer = (await joinMain(t.room, t.room.ownerId)).client
    const spammers: TestClient[] = []
    for (let i = 0; i < 40; i++) {
      const { client } = await joinMain(t.room, `v_spam${i}`, { localAddress: `127.0.0.${10 + i}` })
      spammers.push(client)
    }
    const people: TestClient[] = []
    for (let i = 0; i < 5; i++) {
      const { client } = await joinMain(t.room, `v_person${i}`, {
        localAddress: `127.0.1.${10 + i}`,
      })
      people.push(client)
    }

    const seconds = 20
    let sentByPeople = 0
    let sentBySpam = 0
    const acks: Promise<unknown>[] = []
    const everyone = [...spammers, ...people]
    for (let second = 0; second < seconds; second++) {
      // 2 then 1 line a second each: 3 in every 2 s, the most the flood limit allows.
      for (const spammer of spammers) {
        for (let n = 0; n < (second % 2 === 0 ? 2 : 1); n++) {
          sentBySpam++
          acks.push(
            spammer.request({ type: 'send', groupId: 'main', msgBody: text(`spam ${second}`) }),
          )
        }
      }
      // Each person every 2 s, staggered so about 2.5 of them speak in any second.
      people.forEach((person, i) => {
        if ((second + i) % 2 !== 0) return
        sentByPeople++
        acks.push(
          person.request({ type: 'send', groupId: 'main', msgBody: text(`hello ${second}`) }),
        )
      })
      // A ping answered means the lines before it on that socket were offered to the room (a
      // line waiting for its window's end is answered only then).
      await Promise.all(everyone.map((client) => client.request({ type: 'ping' })))
      // The second ends: the window's overflow is decided.
      time.advance(1000)
    }
    time.advance(1000)
    await Promise.all(acks)
    // Every decision is made; the last frame the observer gets is the owner's own marker.
    await observer.request({ type: 'send', groupId: 'main', msgBody: text('end of test') })
    await observer.waitFor(
      (f) =>
        f.type === 'message' &&
        f.message.msgBody[0]?.MsgType === 'TIMTextElem' &&
        f.message.from === t.room.ownerId,
    )
    const delivered = observer.frames.filter(
      (f): f is Extract<ServerFrame, { type: 'message' }> => f.type === 'message',
    )
    const fromPeople = delivered.filter((f) => f.message.from.startsWith('v_person')).length
    const fromSpam = delivered.filter((f) => f.message.from.startsWith('v_spam')).length
    expect(fromPeople / sentByPeople).toBeGreaterThanOrEqual(0.9)
    // The cap held: no second took more than 40 (20 s of windows, the owner's marker aside).
    expect(fromPeople + fromSpam).toBeLessThanOrEqual(40 * (seconds + 1))
    expect(fromSpam).toBeLessThan(sentBySpam)
  })
})
