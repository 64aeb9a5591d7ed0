import { describe, expect, it } from 'vitest'
import {
  businessMessageOf,
  encodeBusinessMessage,
  parseBusinessData,
} from '../../../src-shared/protocol/business-messages'

describe('business messages', () => {
  const count = {
    businessID: 'LiveDeskOnlineCount',
    version: 1,
    count: 12,
    time: 1_700_000,
  } as const

  it('round-trips the online count through TIMCustomElem.Data', () => {
    const data = encodeBusinessMessage(count)
    expect(JSON.parse(data)).toEqual(count)
    expect(
      businessMessageOf([
        { MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } },
        { MsgType: 'TIMCustomElem', MsgContent: { Data: data } },
      ]),
    ).toEqual(count)
  })

  it('reads a newer version by the fields it knows', () => {
    expect(parseBusinessData(JSON.stringify({ ...count, version: 2, peak: 40 }))).toEqual({
      ...count,
      version: 2,
    })
  })

  it('is undefined for anything else', () => {
    const gift = { version: '1.0', businessID: 'TUIGift', data: {} }
    expect(parseBusinessData(JSON.stringify(gift))).toBeUndefined()
    expect(parseBusinessData('not json')).toBeUndefined()
    expect(parseBusinessData(undefined)).toBeUndefined()
    expect(parseBusinessData(JSON.stringify({ ...count, count: -1 }))).toBeUndefined()
    expect(parseBusinessData('null')).toBeUndefined()
    expect(
      businessMessageOf([{ MsgType: 'TIMTextElem', MsgContent: { Text: '{}' } }]),
    ).toBeUndefined()
    expect(businessMessageOf([{ MsgType: 'TIMCustomElem', MsgContent: {} }])).toBeUndefined()
  })
})
