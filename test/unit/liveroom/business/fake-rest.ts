import type { RestAnswer } from '../../../../src-main/common/im-rest-client'
import { RoomError } from '../../../../src-main/common/room-error'
import type { RestCaller } from '../../../../src-main/liveroom/business'

export interface RestCall {
  command: string
  body: Record<string, unknown>
  answer(fields?: Record<string, unknown>): void
  fail(code: number, message?: string): void
}

/**
 * The IM REST API as the business host sees it: every call is recorded and waits until the test
 * answers it (or, with `auto`, is answered at once from `online`).
 */
export interface FakeRest extends RestCaller {
  calls: RestCall[]
  /** Calls not answered yet. */
  open(): RestCall[]
  of(command: string): RestCall[]
  /** get_online_member_num's answer in auto mode. */
  online: number
  auto: boolean
}

export function fakeRest(auto = true): FakeRest {
  const rest: FakeRest = {
    calls: [],
    online: 0,
    auto,
    open: () => rest.calls.filter((call) => !answered.has(call)),
    of: (command) => rest.calls.filter((call) => call.command === command),
    call(service, command, body) {
      return new Promise<RestAnswer>((resolve, reject) => {
        const call: RestCall = {
          command: `${service}/${command}`,
          body,
          answer(fields = {}) {
            answered.add(call)
            resolve({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...fields })
          },
          fail(code, message = `failed with ${code}`) {
            answered.add(call)
            reject(new RoomError(code, message))
          },
        }
        rest.calls.push(call)
        if (!rest.auto) return
        if (command === 'get_online_member_num') call.answer({ OnlineMemberNum: rest.online })
        else call.answer({ MsgSeq: rest.calls.length, MsgTime: 0 })
      })
    },
  }
  const answered = new Set<RestCall>()
  return rest
}
