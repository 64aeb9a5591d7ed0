import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HotkeysService } from '../../../src-main/console/hotkeys/hotkeys-service'
import { openConsoleDatabase } from '../../../src-main/console/store/database'
import { SettingsStore } from '../../../src-main/console/store/settings'
import {
  defaultBindings,
  HotkeyCode,
  type HotkeySnapshot,
} from '../../../src-shared/contract/hotkeys'

describe('the hotkeys service (issue 15 §2)', () => {
  it('keeps a rebinding across a restart and tells every console', () => {
    const dir = mkdtempSync(join(tmpdir(), 'livedesk-hotkeys-'))
    try {
      const file = join(dir, 'console.db')
      const heard: HotkeySnapshot[] = []
      let db = openConsoleDatabase(file)
      const service = new HotkeysService(new SettingsStore(db), (s) => heard.push(s))
      expect(service.snapshot().bindings).toEqual(defaultBindings())
      service.save({ ...defaultBindings(), 'show.goLive': 'shift+ctrl+g', 'chat.ban': null })
      expect(heard.at(-1)?.bindings['show.goLive']).toBe('Ctrl+Shift+G')
      db.close()

      db = openConsoleDatabase(file)
      const again = new HotkeysService(new SettingsStore(db), () => {})
      expect(again.snapshot().bindings['show.goLive']).toBe('Ctrl+Shift+G')
      expect(again.snapshot().bindings['chat.ban']).toBeNull()
      db.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses a conflicting set with a code and the facts to word it, keeping the old one', () => {
    const db = openConsoleDatabase(':memory:')
    const heard: HotkeySnapshot[] = []
    const service = new HotkeysService(new SettingsStore(db), (s) => heard.push(s))
    let thrown: unknown
    try {
      service.save({ ...defaultBindings(), 'show.record': 'Ctrl+Shift+L' })
    } catch (err) {
      thrown = err
    }
    expect(thrown).toMatchObject({ code: HotkeyCode.conflict, params: { chord: 'Ctrl+Shift+L' } })
    const { action, other } = (thrown as { params: Record<string, string> }).params
    expect([action, other].sort()).toEqual(['show.goLive', 'show.record'])
    expect(heard).toEqual([])
    expect(service.snapshot().bindings['show.record']).toBe('Ctrl+Shift+E')
    db.close()
  })
})
