import { describe, expect, it } from 'vitest'
import { defaultDataDir } from '../../../src-main/console/data-dir'

describe('defaultDataDir', () => {
  it('honours LIVEDESK_DATA_DIR first', () => {
    expect(defaultDataDir({ LIVEDESK_DATA_DIR: '/srv/ld' }, 'linux', '/home/a')).toBe('/srv/ld')
  })
  it("uses each OS's app-data folder", () => {
    expect(defaultDataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/LiveDesk')
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/a')).toBe('/x/LiveDesk')
    expect(defaultDataDir({}, 'darwin', '/Users/a')).toBe(
      '/Users/a/Library/Application Support/LiveDesk',
    )
    expect(defaultDataDir({ APPDATA: 'C:/Users/a/AppData/Roaming' }, 'win32', 'C:/Users/a')).toBe(
      'C:/Users/a/AppData/Roaming/LiveDesk',
    )
  })
})
