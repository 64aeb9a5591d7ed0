import { describe, expect, it } from 'vitest'
import {
  checkNotice,
  encodeNotice,
  imageAllowed,
  parseNotice,
  utf8Bytes,
} from '../../../src-shared/protocol/notice'

/** 100 CJK characters are 300 bytes (reference §2.1: one CJK character counts 3). */
const cjk = (chars: number) => '공'.repeat(chars)

describe('the room notice (issue 12 §2)', () => {
  it('counts UTF-8 bytes, a CJK character as 3, and holds Tencent’s limits at the edges', () => {
    expect(utf8Bytes(cjk(1))).toBe(3)
    const at = (notification: string, introduction = '') =>
      checkNotice({ text: notification }, introduction)
    expect(at(cjk(99) + 'ab')).toMatchObject({ notificationBytes: 299, ok: true })
    expect(at(cjk(100))).toMatchObject({ notificationBytes: 300, ok: true })
    expect(at(cjk(100) + 'a')).toMatchObject({ notificationBytes: 301, ok: false })
    expect(at('', cjk(80))).toMatchObject({ introductionBytes: 240, ok: true })
    expect(at('', cjk(80) + 'a')).toMatchObject({ introductionBytes: 241, ok: false })
  })

  it('stores plain text as it is, and a JSON string only when the notice has an image or a link', () => {
    expect(encodeNotice({ text: 'Starts at 9', image: ' ', link: '' })).toBe('Starts at 9')
    const rich = encodeNotice({
      text: 'Merch',
      image: 'https://shop-1250000000.cos.ap-seoul.myqcloud.com/a.png',
      link: 'https://example.com/shop',
    })
    expect(JSON.parse(rich)).toEqual({
      text: 'Merch',
      image: 'https://shop-1250000000.cos.ap-seoul.myqcloud.com/a.png',
      link: 'https://example.com/shop',
    })
    expect(parseNotice(rich)).toEqual(JSON.parse(rich))
    // The rich form counts against the 300 bytes too.
    expect(
      checkNotice({ text: 'Merch', link: 'https://example.com/shop' }, '').notificationBytes,
    ).toBe(utf8Bytes('{"text":"Merch","link":"https://example.com/shop"}'))
  })

  it('reads any other text as plain, and drops an image off the allow-list or a link that is not https', () => {
    expect(parseNotice('{"text":"x","onload":"alert(1)"}')).toEqual({
      text: '{"text":"x","onload":"alert(1)"}',
    })
    expect(parseNotice('{not json')).toEqual({ text: '{not json' })
    expect(
      parseNotice(
        JSON.stringify({
          text: 't',
          image: 'https://evil.example/x.png',
          link: 'javascript:alert(1)',
        }),
      ),
    ).toEqual({ text: 't' })
    expect(imageAllowed('http://a.myqcloud.com/x.png')).toBe(false)
    expect(imageAllowed('https://a.myqcloud.com.evil.example/x.png')).toBe(false)
    expect(imageAllowed('https://user:pw@a.myqcloud.com/x.png')).toBe(false)
    expect(checkNotice({ text: 't', image: 'https://evil.example/x.png' }, '')).toMatchObject({
      imageOk: false,
      ok: false,
    })
  })
})
