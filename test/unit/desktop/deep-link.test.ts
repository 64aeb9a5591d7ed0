import { describe, expect, it } from 'vitest'
import {
  DeepLinkInbox,
  deepLinkInArgv,
  parseDeepLink,
  type DeepLink,
} from '../../../src-main/desktop/deep-link'

describe('livedesk:// links (issue 16 §3)', () => {
  it('reads a moderator invite into its action and parameters', () => {
    expect(
      parseDeepLink('livedesk://invite?room=http%3A%2F%2F192.168.1.5%3A8080&code=AbC-123'),
    ).toEqual({ action: 'invite', params: { room: 'http://192.168.1.5:8080', code: 'AbC-123' } })
    expect(parseDeepLink('livedesk:invite?code=x')).toEqual({
      action: 'invite',
      params: { code: 'x' },
    })
  })

  it('refuses what is not a known LiveDesk action, or is oversized or odd', () => {
    expect(parseDeepLink('https://example.com/invite?code=x')).toEqual({ refused: 'notLiveDesk' })
    expect(parseDeepLink('livedesk://run?cmd=calc.exe')).toEqual({ refused: 'unknownAction' })
    expect(parseDeepLink(`livedesk://invite?code=${'x'.repeat(3000)}`)).toEqual({
      refused: 'tooLong',
    })
    expect(parseDeepLink(`livedesk://invite?code=${'x'.repeat(600)}`)).toEqual({
      refused: 'badParams',
    })
    expect(parseDeepLink('livedesk://invite?code=a&code=b')).toEqual({ refused: 'badParams' })
    expect(parseDeepLink('livedesk://invite?__proto__=x')).toEqual({ refused: 'badParams' })
    expect(parseDeepLink('livedesk://user:pw@invite?code=a')).toEqual({ refused: 'badParams' })
    expect(parseDeepLink('not a url')).toEqual({ refused: 'notLiveDesk' })
  })

  it('finds the link in a second launch’s command line (Windows, Linux)', () => {
    expect(
      deepLinkInArgv([
        'C:\\LiveDesk\\livedesk.exe',
        '--allow-file-access',
        'livedesk://invite?code=1',
      ]),
    ).toBe('livedesk://invite?code=1')
    expect(deepLinkInArgv(['/opt/LiveDesk/livedesk', '--data', '/tmp/x'])).toBeNull()
  })

  it('keeps links that arrive before anyone takes them, a few at most, and hands them over', () => {
    const inbox = new DeepLinkInbox()
    const link = (code: string): DeepLink => ({ action: 'invite', params: { code } })
    for (let i = 0; i < 20; i++) inbox.deliver(link(String(i)))
    const taken: string[] = []
    const stop = inbox.subscribe((l) => taken.push(l.params.code!))
    expect(taken).toEqual(['0', '1', '2', '3', '4', '5', '6', '7'])
    inbox.deliver(link('late'))
    expect(taken.at(-1)).toBe('late')
    stop()
    inbox.deliver(link('after'))
    expect(taken.at(-1)).toBe('late')
  })
})
