import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FileSecretStore } from '../../../src-main/console/secret-store'

describe('FileSecretStore', () => {
  const dirs: string[] = []
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'livedesk-secrets-'))
    dirs.push(d)
    return d
  }
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  it('keeps secrets in a file only the user can read, and says it is not encrypted', () => {
    const d = dir()
    const store = new FileSecretStore(d)
    expect(store.encrypted).toBe(false)
    expect(store.get('cssPushKey')).toBeNull()
    store.set('cssPushKey', 'k1')
    expect(new FileSecretStore(d).get('cssPushKey')).toBe('k1')
    expect(statSync(join(d, 'secrets.json')).mode & 0o777).toBe(0o600)
    store.delete('cssPushKey')
    expect(store.get('cssPushKey')).toBeNull()
  })

  it('seals values with the codec it is given (Electron passes safeStorage)', () => {
    const d = dir()
    const codec = {
      seal: (plain: string) => Buffer.from(plain).toString('base64'),
      open: (sealed: string) => Buffer.from(sealed, 'base64').toString(),
    }
    const store = new FileSecretStore(d, codec)
    expect(store.encrypted).toBe(true)
    store.set('rtmpStreamKey', 'live_123')
    expect(readFileSync(join(d, 'secrets.sealed.json'), 'utf8')).not.toContain('live_123')
    expect(store.get('rtmpStreamKey')).toBe('live_123')
  })
})
