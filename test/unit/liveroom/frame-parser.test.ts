import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { parseClientFrame } from '../../../src-main/liveroom/frame-parser'

describe('parseClientFrame', () => {
  it('accepts every well-formed frame type', () => {
    const frames = [
      { type: 'login', seq: 1, version: 1, sdkAppId: 1, userId: 'a', userSig: 's' },
      { type: 'join', seq: 2, groupId: 'main' },
      { type: 'quit', seq: 3, groupId: 'main' },
      {
        type: 'send',
        seq: 4,
        groupId: 'main',
        msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
      },
      { type: 'mute', seq: 5, groupId: 'main', userId: 'b', seconds: 0 },
      { type: 'ping', seq: 6 },
    ]
    for (const frame of frames) {
      expect(parseClientFrame(JSON.stringify(frame)), frame.type).toEqual({ ok: true, frame })
    }
  })

  it('reports bad JSON as 60002', () => {
    expect(parseClientFrame('{')).toMatchObject({ ok: false, code: ErrorCode.parseError })
  })

  it('reports non-objects and unknown types', () => {
    expect(parseClientFrame('[]')).toMatchObject({ ok: false, code: ErrorCode.invalidParameter })
    expect(parseClientFrame('{"type":"fly","seq":3}')).toEqual({
      ok: false,
      code: ErrorCode.invalidCommand,
      message: expect.stringContaining('"fly"'),
      seq: 3,
    })
  })

  it('names the offending field of a schema-invalid frame and keeps its seq', () => {
    const result = parseClientFrame(
      '{"type":"mute","seq":8,"groupId":"main","userId":"b c","seconds":-1}',
    )
    expect(result).toMatchObject({ ok: false, code: ErrorCode.invalidParameter, seq: 8 })
    expect(!result.ok && result.message).toMatch(/userId/)
    expect(!result.ok && result.message).toMatch(/seconds/)
  })

  it('flags an unsupported protocol version', () => {
    expect(parseClientFrame('{"type":"login","seq":1,"version":9}')).toMatchObject({
      ok: false,
      unsupportedVersion: true,
      message: expect.stringContaining('versions 1, 2, 3'),
    })
  })

  it('accepts a login of version 1, 2 and 3', () => {
    for (const version of [1, 2, 3]) {
      const login = `{"type":"login","seq":1,"version":${version},"sdkAppId":1,"userId":"a","userSig":"s"}`
      expect(parseClientFrame(login)).toMatchObject({ ok: true, frame: { version } })
    }
  })

  it('drops an unusable seq', () => {
    expect(parseClientFrame('{"type":"nope","seq":-1}')).not.toHaveProperty('seq', -1)
  })
})
