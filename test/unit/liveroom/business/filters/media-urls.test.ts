import { describe, expect, it } from 'vitest'
import {
  checkUrl,
  hasRichElements,
  isPrivateAddress,
  mediaUrls,
  pickAddress,
} from '../../../../../src-main/liveroom/business/filters/media-urls'

describe('mediaUrls', () => {
  it('reads image URLs, URLs in a custom element, and http(s) fields of file elements', () => {
    const urls = mediaUrls([
      { MsgType: 'TIMTextElem', MsgContent: { Text: 'see https://text.example/skip.png' } },
      {
        MsgType: 'TIMImageElem',
        MsgContent: {
          UUID: 'u',
          ImageFormat: 1,
          ImageInfoArray: [
            { Type: 1, Size: 10, Width: 1, Height: 1, URL: 'https://img.example/a.png' },
            { Type: 3, Size: 10, Width: 1, Height: 1, URL: 'javascript:alert(1)' },
          ],
        },
      },
      {
        MsgType: 'TIMCustomElem',
        MsgContent: {
          Data: JSON.stringify({ image: 'https://cdn.example/b.gif' }).replace('/b', '\\/b'),
          Desc: 'also http://desc.example/c.webp here',
          Ext: '',
        },
      },
      {
        MsgType: 'TIMVideoFileElem',
        MsgContent: { VideoUrl: 'https://video.example/v.mp4', VideoUUID: 'x' },
      },
    ])
    expect(urls).toEqual([
      'https://img.example/a.png',
      'javascript:alert(1)',
      'https://cdn.example/b.gif',
      'http://desc.example/c.webp',
      'https://video.example/v.mp4',
    ])
  })

  it('finds nothing in text, and says a text-only message has no rich elements', () => {
    const text = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'https://x.example/a.png' } }]
    expect(hasRichElements(text)).toBe(false)
    expect(mediaUrls(text)).toEqual([])
    expect(hasRichElements([...text, { MsgType: 'TIMCustomElem', MsgContent: {} }])).toBe(true)
  })
})

describe('checkUrl', () => {
  const allow = ['cdn.example.com', '127.0.0.1', '::1']

  it('admits only http(s) URLs on an allowed host, without credentials', () => {
    expect(checkUrl('https://CDN.example.com/a.png', allow)).toMatchObject({
      ok: true,
      host: 'cdn.example.com',
      literal: false,
    })
    expect(checkUrl('http://[::1]:8080/a.png', allow)).toMatchObject({ ok: true, literal: true })
    expect(checkUrl('ftp://cdn.example.com/a.png', allow)).toEqual({
      ok: false,
      reason: 'scheme ftp: not allowed',
    })
    expect(checkUrl('https://user:pw@cdn.example.com/a.png', allow)).toEqual({
      ok: false,
      reason: 'credentials in URL',
    })
    expect(checkUrl('https://img.cdn.example.com/a.png', allow)).toEqual({
      ok: false,
      reason: 'host img.cdn.example.com not allowed',
    })
    expect(checkUrl('not a url', allow)).toEqual({ ok: false, reason: 'not a URL' })
  })

  it('admits no host at all with an empty allow-list', () => {
    expect(checkUrl('https://cdn.example.com/a.png', [])).toMatchObject({ ok: false })
  })
})

describe('the SSRF checks', () => {
  it('knows loopback, private, link-local, mapped and reserved addresses from public ones', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      'not-an-ip',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true)
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(address), address).toBe(false)
    }
  })

  it('refuses a host name resolving to any private address; a listed IP literal may be one', () => {
    const named = { host: 'cdn.example.com', literal: false }
    expect(pickAddress(named, [{ address: '93.184.216.34', family: 4 }])).toEqual({
      address: '93.184.216.34',
      family: 4,
    })
    expect(
      pickAddress(named, [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ]),
    ).toEqual({ reason: 'host cdn.example.com resolves to a private address' })
    expect(pickAddress(named, [])).toEqual({ reason: 'host cdn.example.com has no address' })
    expect(
      pickAddress({ host: '127.0.0.1', literal: true }, [{ address: '127.0.0.1', family: 4 }]),
    ).toEqual({ address: '127.0.0.1', family: 4 })
  })
})
