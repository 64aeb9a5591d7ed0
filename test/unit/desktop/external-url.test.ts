import { describe, expect, it } from 'vitest'
import { isExternalWebUrl } from '../../../src-main/desktop/external-url'

describe('links the desktop app hands to the system browser (issue 16 §5)', () => {
  it('takes web pages and nothing that could run a program or reach a file share', () => {
    expect(isExternalWebUrl('https://example.com/live/room1')).toBe(true)
    expect(isExternalWebUrl('http://192.168.1.20:8080/viewer/?room=1')).toBe(true)
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'smb://attacker.example/share',
      'livedesk://invite/abc',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'https://',
      'not a url',
      '',
    ])
      expect(isExternalWebUrl(url), url).toBe(false)
  })
})
