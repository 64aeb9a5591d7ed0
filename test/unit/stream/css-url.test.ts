import { describe, expect, it } from 'vitest'
import { cssPlayUrls, cssPushUrl, txSecret, txTime } from '../../../src-main/console/stream/css-url'

describe('Tencent CSS URLs', () => {
  it('matches the worked example of reference §8.1 exactly', () => {
    // KEY e12c46f2612d5106e2034781ab261ca3, StreamName test, txTime 5C271099
    expect(txSecret('e12c46f2612d5106e2034781ab261ca3', 'test', '5C271099')).toBe(
      'f85a2ab363fe4deaffef9754d79da6fe',
    )
    // The lower-case spelling signs differently: hash what goes into the URL.
    expect(txSecret('e12c46f2612d5106e2034781ab261ca3', 'test', '5c271099')).not.toBe(
      'f85a2ab363fe4deaffef9754d79da6fe',
    )
  })

  it('writes txTime as upper-case hex Unix seconds', () => {
    expect(txTime(new Date(0x5c271099 * 1000))).toBe('5C271099')
    expect(txTime(new Date(0x5c271099 * 1000 + 999))).toBe('5C271099')
  })

  it('builds the push URL of the example', () => {
    expect(
      cssPushUrl({
        domain: 'xxxx.tlivepush.com',
        stream: 'test',
        key: 'e12c46f2612d5106e2034781ab261ca3',
        expires: new Date(0x5c271099 * 1000),
      }),
    ).toBe(
      'rtmp://xxxx.tlivepush.com/live/test?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099',
    )
  })

  it('builds play URLs, signed only when a play key is set', () => {
    expect(cssPlayUrls({ domain: 'play.example.com', stream: 's1', app: 'app2' })).toEqual({
      rtmp: 'rtmp://play.example.com/app2/s1',
      flv: 'https://play.example.com/app2/s1.flv',
      hls: 'https://play.example.com/app2/s1.m3u8',
      webrtc: 'webrtc://play.example.com/app2/s1',
    })
    const signed = cssPlayUrls({
      domain: 'play.example.com',
      stream: 'test',
      key: 'e12c46f2612d5106e2034781ab261ca3',
      expires: new Date(0x5c271099 * 1000),
    })
    const q = '?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099'
    expect(signed.flv).toBe(`https://play.example.com/live/test.flv${q}`)
    expect(signed.webrtc).toBe(`webrtc://play.example.com/live/test${q}`)
  })

  it('refuses names that would change what is signed', () => {
    const base = { domain: 'd.example.com', key: 'k', expires: new Date(2e12) }
    expect(() => cssPushUrl({ ...base, stream: 'a/b' })).toThrow(/Stream name/)
    expect(() => cssPushUrl({ ...base, stream: 'ok', domain: 'x/y' })).toThrow(/Domain/)
    expect(() => cssPlayUrls({ domain: 'd.example.com', stream: 's', key: 'k' })).toThrow(/expiry/)
  })
})
