import { describe, expect, it } from 'vitest'
import { desktopPolicy, mediaAllowed, popOutPanelOf } from '../../../src-main/shell/security'

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

describe('the desktop app’s pop-out windows (issue 15 §2)', () => {
  it('opens only the console page itself with one panel as a pop-out', () => {
    expect(popOutPanelOf(app, `${app}?panel=chat`)).toBe('chat')
    expect(popOutPanelOf(app, `${app}?panel=review`)).toBe('review')
    expect(popOutPanelOf(app, `${app}?panel=lottery`)).toBe('lottery')
    // In the console's language; an older page's `show` column as the panels it became.
    expect(popOutPanelOf(app, `${app}?panel=notice&lang=ko`)).toBe('notice')
    expect(popOutPanelOf(app, `${app}?panel=show`)).toBe('audience')
    // Not a panel, more than the panel, another page, a web page: the system browser's.
    expect(popOutPanelOf(app, `${app}?panel=hologram`)).toBeNull()
    expect(popOutPanelOf(app, `${app}?panel=chat&token=x`)).toBeNull()
    expect(popOutPanelOf(app, `${app}?lang=ko`)).toBeNull()
    expect(popOutPanelOf(app, `${app}?panel=chat&panel=stage`)).toBeNull()
    expect(popOutPanelOf(app, `${app}?panel=chat#x`)).toBeNull()
    expect(popOutPanelOf(app, 'file:///tmp/evil.html?panel=chat')).toBeNull()
    expect(popOutPanelOf(app, 'https://example.com/?panel=chat')).toBeNull()
    expect(popOutPanelOf(app, 'not a url')).toBeNull()
  })
})
