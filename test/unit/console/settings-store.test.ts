import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { migrations, openConsoleDatabase } from '../../../src-main/console/store/database'
import { SettingsStore } from '../../../src-main/console/store/settings'

const Shape = z.object({ volume: z.number() })

describe('console settings store', () => {
  it('migrates an empty database to the newest version', () => {
    const db = openConsoleDatabase(':memory:')
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version)
    db.close()
  })

  it('keeps settings across a reopen, and falls back when a stored value no longer fits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'livedesk-settings-'))
    try {
      const file = join(dir, 'console.db')
      let db = openConsoleDatabase(file)
      const store = new SettingsStore(db)
      expect(store.get('audio', Shape, { volume: 1 })).toEqual({ volume: 1 })
      store.put('audio', { volume: 0.5 })
      store.put('broken', { volume: 'loud' })
      db.close()
      db = openConsoleDatabase(file)
      const reopened = new SettingsStore(db)
      expect(reopened.get('audio', Shape, { volume: 1 })).toEqual({ volume: 0.5 })
      expect(reopened.get('broken', Shape, { volume: 1 })).toEqual({ volume: 1 })
      db.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
