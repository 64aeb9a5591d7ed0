import { describe, expect, it } from 'vitest'
import { desktopPolicy, mediaAllowed } from '../../../src-main/shell/security'

const app = 'file:///opt/livedesk/out/renderer/console/index.html'

describe('the desktop window: permissions and policy (issue 9 §5)', () => {
  it('grants camera and microphone only to the console page itself, in its top frame', () => {
    expect(
      mediaAllowed(app, 'media', {
        pageUrl: `${app}?lang=ko`,
        requestingUrl: app,
        isMainFrame: true,
      }),
    ).toBe(true)
    expect(mediaAllowed(app, 'media', { pageUrl: app })).toBe(true)
    // Any other file:// page, a frame inside the console, another permission: no.
    expect(mediaAllowed(app, 'media', { pageUrl: 'file:///tmp/evil.html' })).toBe(false)
    expect(
      mediaAllowed(app, 'media', { pageUrl: app, requestingUrl: 'file:///tmp/evil.html' }),
    ).toBe(false)
    expect(mediaAllowed(app, 'media', { pageUrl: app, isMainFrame: false })).toBe(false)
    expect(mediaAllowed(app, 'geolocation', { pageUrl: app })).toBe(false)
    expect(mediaAllowed(app, 'media', { pageUrl: undefined })).toBe(false)
  })

  it('names the room server in connect-src, not every ws:, and refuses plugins, <base> and framing', () => {
    const policy = desktopPolicy('http://127.0.0.1:40919')
    const connect = policy.split('; ').find((d) => d.startsWith('connect-src'))
    expect(connect).toBe("connect-src 'self' http://127.0.0.1:40919")
    expect(policy).not.toMatch(/\bws:|\bwss:/)
    expect(policy).toContain("object-src 'none'")
    expect(policy).toContain("base-uri 'none'")
    expect(policy).toContain("frame-ancestors 'none'")
  })
})
