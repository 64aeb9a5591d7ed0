import { describe, expect, it } from 'vitest'
import { ContractCode } from '../../../src-shared/contract'
import { timeLimitedPort } from '../../../src-main/console/room/room-connection'
import { manualClock } from '../../support/manual-clock'
import { FakeChatPort } from './fake-chat-port'

describe('the Tencent SDK behind time limits (issue 9 §6)', () => {
  it('passes answers that come in time, and fails a call that does not, naming its step', async () => {
    const clock = manualClock()
    const fake = new FakeChatPort()
    const port = timeLimitedPort(fake, 15_000, clock.setTimer)
    await expect(port.getGroupProfile('@TGS#a1')).resolves.toMatchObject({ name: 'Friday show' })
    expect(clock.pending()).toBe(0)

    fake.joinGroup = () => new Promise(() => {})
    const join = port.joinGroup('@TGS#a1').catch((e: unknown) => e)
    clock.advance(14_999)
    clock.advance(1)
    expect(await join).toMatchObject({
      name: 'RoomError',
      code: ContractCode.notConnected,
      params: { reason: 'imTimeout', step: 'join', seconds: 15 },
    })
  })

  it("words the SDK's own timeout (2801) the same way, and passes its other refusals on", async () => {
    const clock = manualClock()
    const fake = new FakeChatPort()
    const port = timeLimitedPort(fake, 15_000, clock.setTimer)
    fake.loginError = { code: 2801, message: 'request timed out' }
    await expect(port.login('anchor', 'sig')).rejects.toMatchObject({
      code: ContractCode.notConnected,
      params: { reason: 'imTimeout', step: 'login' },
    })
    fake.loginError = { code: 70001, message: 'UserSig expired' }
    await expect(port.login('anchor', 'sig')).rejects.toEqual({
      code: 70001,
      message: 'UserSig expired',
    })
    expect(clock.pending()).toBe(0)
  })
})
