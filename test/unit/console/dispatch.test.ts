import { describe, expect, it } from 'vitest'
import { createDispatch, type CommandHandlers } from '../../../src-main/console/contract/dispatch'
import { RoomError } from '../../../src-main/common/room-error'
import { streamError } from '../../../src-main/console/stream/stream-error'
import { ContractError } from '../../../src-shared/contract'

/** The desktop window: these tests are about validation and errors, not who may call. */
const here = { thisMachine: true }

const unused = () => {
  throw new Error('not used')
}

function handlers(overrides: Partial<CommandHandlers> = {}): CommandHandlers {
  return {
    'app:get-access': unused,
    'app:reset-access-link': unused,
    'room:retry-connection': unused,
    'moderation:delete-message': unused,
    'filters:get-snapshot': unused,
    'filters:add-rule': unused,
    'filters:remove-rule': unused,
    'review:get-snapshot': unused,
    'audit:get-entries': unused,
    'safety:get-settings': unused,
    'safety:save-settings': unused,
    'review:claim': unused,
    'review:decide': unused,
    'gifts:get-snapshot': unused,
    'gifts:mark-thanked': unused,
    'room:get-settings': unused,
    'room:save-settings': unused,
    'gifts:get-settings': unused,
    'gifts:save-settings': unused,
    'room-state:act': unused,
    'room:set-notice': unused,
    'notice:get-follow': unused,
    'notice:save-follow': unused,
    'levels:get-rules': unused,
    'levels:save-rules': unused,
    'levels:set-member': unused,
    'lottery:open': unused,
    'lottery:draw': unused,
    'lottery:redraw': unused,
    'lottery:export': unused,
    'timeline:list-shows': unused,
    'timeline:get-series': unused,
    'hotkeys:get': unused,
    'hotkeys:save': unused,
    'layout:get': unused,
    'layout:choose-preset': unused,
    'layout:arrange': unused,
    'layout:pop-out': unused,
    'layout:dock': unused,
    'layout:stay-on-top': unused,
    'app:get-identity': unused,
    'moderators:get-snapshot': unused,
    'moderators:invite': unused,
    'moderators:revoke': unused,
    'app:get-info': () => ({
      version: '1',
      host: 'browser',
      roomId: 'main',
      viewerUrl: 'http://v',
    }),
    'room:get-snapshot': () => {
      throw new Error('not used')
    },
    'room:send-message': ({ text }) => ({
      message: {
        id: '1',
        sequence: 1,
        from: 'anchor',
        nick: 'anchor',
        time: 0,
        priority: 'Normal',
        type: 'TIMTextElem',
        text,
        self: true,
      },
    }),
    'moderation:mute': ({ userId, seconds }) => ({ userId, muteUntil: seconds * 1000 }),
    'moderation:unmute': ({ userId }) => ({ userId, muteUntil: 0 }),
    'moderation:kick': ({ userId }) => ({ userId }),
    'moderation:ban': ({ userId, seconds }) => ({ userId, banUntil: seconds * 1000 }),
    'room:set-mute-all': ({ on }) => ({ muteAll: on }),
    'room:get-members': () => ({ members: [] }),
    'room:get-connection': unused,
    'room:save-connection': unused,
    'room:set-secret-key': unused,
    'stage:get-snapshot': unused,
    'stage:save-settings': unused,
    'stage:set-secret': unused,
    'stage:list-devices': unused,
    'stream:go-live': unused,
    'stream:record': unused,
    'stream:end-live': unused,
    'stream:stop-recording': unused,
    'stream:stop': unused,
    'stream:switch-scene': unused,
    'stream:reconnect-now': unused,
    ...overrides,
  }
}

describe('createDispatch', () => {
  it('answers a valid command with ok and its value', async () => {
    const dispatch = createDispatch(handlers())
    expect(await dispatch('moderation:mute', { userId: 'v_1', seconds: 60 }, here)).toEqual({
      ok: true,
      value: { userId: 'v_1', muteUntil: 60_000 },
    })
  })

  it('refuses an unknown command with 1001', async () => {
    const result = await createDispatch(handlers())('room:drop-table', {}, here)
    expect(result).toMatchObject({ ok: false, error: { code: 1001 } })
  })

  it('refuses an invalid payload with 1002 and says which field', async () => {
    const dispatch = createDispatch(handlers())
    const result = await dispatch('moderation:mute', { userId: 'v_1', seconds: -5 }, here)
    expect(result).toMatchObject({
      ok: false,
      error: { code: 1002, params: { command: 'moderation:mute', field: 'seconds' } },
    })
    expect(!result.ok && result.error.message).toContain('seconds')
    const extra = await dispatch('room:send-message', { text: 'hi', html: '<b>' }, here)
    expect(extra).toMatchObject({ ok: false, error: { code: 1002 } })
    const blank = await dispatch('room:send-message', { text: '   ' }, here)
    expect(blank).toMatchObject({ ok: false, error: { code: 1002 } })
  })

  it("takes a ban up to Tencent's permanent 4294967295 seconds and no further", async () => {
    const dispatch = createDispatch(handlers())
    const permanent = await dispatch(
      'moderation:ban',
      { userId: 'v_1', seconds: 4_294_967_295 },
      here,
    )
    expect(permanent).toMatchObject({ ok: true })
    const beyond = await dispatch('moderation:ban', { userId: 'v_1', seconds: 4_294_967_296 }, here)
    expect(beyond).toMatchObject({ ok: false, error: { code: 1002 } })
    const noUser = await dispatch('moderation:kick', { userId: '' }, here)
    expect(noUser).toMatchObject({ ok: false, error: { code: 1002 } })
  })

  it("passes a room error's Tencent code through, with the facts the renderer words", async () => {
    const until = Date.UTC(2030, 0, 1, 12)
    const dispatch = createDispatch(
      handlers({
        'room:send-message': () => {
          throw new RoomError(10017, 'You are muted until 12:00', { muteUntil: until, other: {} })
        },
        'moderation:kick': () => {
          throw new RoomError(10007, 'The group owner cannot be removed')
        },
      }),
    )
    expect(await dispatch('room:send-message', { text: 'hi' }, here)).toEqual({
      ok: false,
      error: { code: 10017, message: 'You are muted until 12:00', params: { muteUntil: until } },
    })
    // Without facts the error stays {code, message}.
    expect(await dispatch('moderation:kick', { userId: 'v_1' }, here)).toEqual({
      ok: false,
      error: { code: 10007, message: 'The group owner cannot be removed' },
    })
  })

  it("passes a stream error's params, and only params the contract can carry", async () => {
    const dispatch = createDispatch(
      handlers({
        'stream:go-live': () => {
          throw streamError('STREAM_DISK_FULL', 'Only 120 MB free', {
            reason: 'belowFloor',
            freeMb: 120,
            floorMb: 500,
            dir: '/rec',
          })
        },
        'stream:record': () => {
          throw Object.assign(new Error('odd'), {
            code: 1199,
            params: { ok: 'yes', nested: { no: 1 }, 'bad name': 'x', long: 'x'.repeat(1000) },
          })
        },
      }),
    )
    const result = await dispatch('stream:go-live', {}, here)
    expect(result).toEqual({
      ok: false,
      error: {
        code: 1109,
        message: 'Only 120 MB free',
        params: { reason: 'belowFloor', freeMb: 120, floorMb: 500, dir: '/rec' },
      },
    })
    expect(ContractError.safeParse(!result.ok && result.error).success).toBe(true)
    const odd = await dispatch('stream:record', {}, here)
    expect(!odd.ok && Object.keys(odd.error.params ?? {})).toEqual(['ok', 'long'])
    expect(ContractError.safeParse(!odd.ok && odd.error).success).toBe(true)
  })

  it('turns an unexpected failure into 1004 without leaking its details', async () => {
    const lines: string[] = []
    const dispatch = createDispatch(
      handlers({
        'app:get-info': () => {
          throw new TypeError('secret internals')
        },
      }),
      (line) => lines.push(line),
    )
    const result = await dispatch('app:get-info', {}, here)
    expect(result).toMatchObject({ ok: false, error: { code: 1004 } })
    expect(!result.ok && result.error.message).not.toContain('secret')
    expect(lines.join()).toContain('secret internals')
  })
})
