import { describe, expect, it } from 'vitest'
import {
  viewerCredentials,
  viewerCredentialSeconds,
} from '../../../src-main/liveroom/viewer-credential'

describe('viewer credentials', () => {
  const credentials = viewerCredentials('room-secret-key')
  const now = 1_800_000_000_000

  it('name the identity they were issued for, for 400 days', () => {
    const credential = credentials.issue('v_abc123', now)
    expect(credentials.verify(credential, now)).toBe('v_abc123')
    expect(credentials.verify(credential, now + (viewerCredentialSeconds - 1) * 1000)).toBe(
      'v_abc123',
    )
    expect(credentials.verify(credential, now + viewerCredentialSeconds * 1000)).toBeUndefined()
  })

  it('are worth nothing altered, from another room’s key, or from the future', () => {
    const credential = credentials.issue('v_abc123', now)
    const [, issued, mac] = credential.split('.')
    expect(credentials.verify(`v_other00.${issued}.${mac}`, now)).toBeUndefined()
    expect(credentials.verify(`${credential}x`, now)).toBeUndefined()
    expect(viewerCredentials('another-key').verify(credential, now)).toBeUndefined()
    expect(credentials.verify(credentials.issue('v_abc123', now + 3_600_000), now)).toBeUndefined()
    for (const junk of ['', 'v_abc', 'a.b.c', '../../etc.1.x', 'v_abc123.zz.'.padEnd(60, '=')]) {
      expect(credentials.verify(junk, now)).toBeUndefined()
    }
  })
})
