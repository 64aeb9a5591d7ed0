import { describe, expect, it } from 'vitest'
import { callbackSign } from '../../../../src-main/common/im-callbacks'
import { checkCallbackQuery } from '../../../../src-main/liveroom/business/callback-check'
import { CallbackRefusalCode } from '../../../../src-main/liveroom/business/callback-refusal'

const token = 'xxxxyyyy'
const now = 1669872112_000
const expected = { sdkAppId: 1400000001, token, now }

function query(fields: Record<string, string | undefined> = {}): URLSearchParams {
  const all: Record<string, string | undefined> = {
    SdkAppid: '1400000001',
    CallbackCommand: 'Group.CallbackAfterNewMemberJoin',
    contenttype: 'json',
    ClientIP: '203.0.113.7',
    OptPlatform: 'Web',
    RequestTime: '1669872112',
    Sign: callbackSign(token, 1669872112),
    ...fields,
  }
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(all)) if (value !== undefined) params.set(key, value)
  return params
}

const refusalOf = (params: URLSearchParams, at = expected) => {
  const checked = checkCallbackQuery(params, at)
  return checked.ok ? undefined : checked.refusal
}

describe('checkCallbackQuery', () => {
  it("accepts Tencent's query with the documented Sign example", () => {
    expect(query().get('Sign')).toBe(
      '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
    )
    expect(checkCallbackQuery(query(), expected)).toEqual({
      ok: true,
      command: 'Group.CallbackAfterNewMemberJoin',
      context: { clientIp: '203.0.113.7', platform: 'Web' },
    })
    // Upper-case hex is the same signature.
    const upper = query({ Sign: callbackSign(token, 1669872112).toUpperCase() })
    expect(checkCallbackQuery(upper, expected).ok).toBe(true)
  })

  it('refuses another SDKAppID, or none', () => {
    expect(refusalOf(query({ SdkAppid: '1400000002' }))).toMatchObject({
      status: 403,
      code: CallbackRefusalCode.sdkAppIdWrong,
      message: expect.stringContaining('1400000002 is not this business host'),
    })
    expect(refusalOf(query({ SdkAppid: undefined }))).toMatchObject({
      status: 400,
      code: CallbackRefusalCode.sdkAppIdMissing,
    })
  })

  it('refuses a missing or wrong Sign', () => {
    expect(refusalOf(query({ Sign: undefined }))).toMatchObject({
      status: 401,
      code: CallbackRefusalCode.signMissing,
      message: expect.stringContaining('authentication token'),
    })
    expect(refusalOf(query({ RequestTime: undefined }))).toMatchObject({
      code: CallbackRefusalCode.signMissing,
    })
    expect(refusalOf(query({ Sign: callbackSign('another', 1669872112) }))).toMatchObject({
      status: 401,
      code: CallbackRefusalCode.signWrong,
    })
    expect(refusalOf(query({ Sign: 'short' }))).toMatchObject({
      code: CallbackRefusalCode.signWrong,
    })
  })

  it('refuses a RequestTime over a minute from now, either way, even with its own good Sign', () => {
    const at = (seconds: number) =>
      query({ RequestTime: String(seconds), Sign: callbackSign(token, seconds) })
    expect(checkCallbackQuery(at(1669872112 - 60), expected).ok).toBe(true)
    expect(checkCallbackQuery(at(1669872112 + 60), expected).ok).toBe(true)
    expect(refusalOf(at(1669872112 - 61))).toMatchObject({
      status: 401,
      code: CallbackRefusalCode.requestTimeStale,
      message: expect.stringContaining('61 s from this host'),
    })
    expect(refusalOf(at(1669872112 + 61))).toMatchObject({
      code: CallbackRefusalCode.requestTimeStale,
    })
    expect(refusalOf(query({ RequestTime: 'soon' }))).toMatchObject({
      code: CallbackRefusalCode.requestTimeStale,
      message: expect.stringContaining('not Unix seconds'),
    })
  })

  it('checks the signature before naming the command or the content type', () => {
    expect(
      refusalOf(query({ Sign: 'bad', CallbackCommand: undefined, contenttype: 'xml' })),
    ).toMatchObject({ code: CallbackRefusalCode.signWrong })
    expect(refusalOf(query({ CallbackCommand: undefined }))).toMatchObject({
      status: 400,
      code: CallbackRefusalCode.badRequest,
    })
    expect(refusalOf(query({ contenttype: 'xml' }))).toMatchObject({
      status: 415,
      code: CallbackRefusalCode.notJson,
    })
  })

  it('takes an unknown OptPlatform as Unknown and caps ClientIP', () => {
    const checked = checkCallbackQuery(
      query({ OptPlatform: 'Amiga', ClientIP: 'x'.repeat(500) }),
      expected,
    )
    expect(checked).toMatchObject({ ok: true, context: { platform: 'Unknown' } })
    expect(checked.ok && checked.context.clientIp.length).toBe(64)
  })
})
