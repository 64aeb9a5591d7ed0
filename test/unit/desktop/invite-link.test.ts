import { describe, expect, it } from 'vitest'
import { parseDeepLink, type DeepLink } from '../../../src-main/desktop/deep-link'
import { inviteConsoleUrl } from '../../../src-main/desktop/invite-link'
import { desktopInviteLink } from '../../../src-shared/contract/moderators'

const token = 'V2paZZ-Qo9YPaaJXpqZCabcdefgh1234'
const parsed = (raw: string) => {
  const link = parseDeepLink(raw)
  if ('refused' in link) throw new Error(link.refused)
  return link as DeepLink
}

describe('livedesk://invite links (issue 13 §4)', () => {
  it('opens the console an invite link names, as the invite dialog writes it', () => {
    const console = `http://192.168.1.20:43117/?invite=${token}`
    expect(inviteConsoleUrl(parsed(desktopInviteLink(console)))).toBe(console)
    const secure = `https://studio.lan:43117/?invite=${token}`
    expect(inviteConsoleUrl(parsed(desktopInviteLink(secure)))).toBe(secure)
  })

  it('takes nothing else a web page could put in one', () => {
    for (const url of [
      `file:///etc/passwd?invite=${token}`,
      `javascript:alert(1)//?invite=${token}`,
      `http://user:pw@host:1/?invite=${token}`,
      `http://host:1/assets/x.js?invite=${token}`,
      `http://host:1/?invite=${token}&token=abc`,
      `http://host:1/?invite=short`,
      `http://host:1/?token=${token}`,
      `http://host:1/?invite=${token}#frag`,
      'not a url',
    ]) {
      expect(inviteConsoleUrl(parsed(desktopInviteLink(url))), url).toBeNull()
    }
    expect(inviteConsoleUrl({ action: 'invite', params: {} })).toBeNull()
  })
})
