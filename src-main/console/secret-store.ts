import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writePrivateFile } from '../common/private-files'

/**
 * Where keys live (push keys, stream keys). Electron's implementation encrypts with the OS
 * keychain (safeStorage); the browser host's keeps a file only the user can read.
 */
export interface SecretStore {
  readonly encrypted: boolean
  get(name: string): string | null
  set(name: string, value: string): void
  delete(name: string): void
}

/**
 * A JSON file with mode 0600, written atomically. Optional `seal`/`open` turn it into an encrypted
 * store (the Electron shell passes safeStorage's), so both hosts share one file format.
 */
export class FileSecretStore implements SecretStore {
  readonly encrypted: boolean
  private readonly file: string

  constructor(
    dir: string,
    private readonly codec?: { seal(plain: string): string; open(sealed: string): string },
  ) {
    this.file = join(dir, codec ? 'secrets.sealed.json' : 'secrets.json')
    this.encrypted = !!codec
  }

  get(name: string): string | null {
    const value = this.read()[name]
    if (value === undefined) return null
    return this.codec ? this.codec.open(value) : value
  }

  set(name: string, value: string): void {
    const all = this.read()
    all[name] = this.codec ? this.codec.seal(value) : value
    this.write(all)
  }

  delete(name: string): void {
    const all = this.read()
    delete all[name]
    this.write(all)
  }

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {}
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
    } catch {
      return {}
    }
  }

  private write(all: Record<string, string>): void {
    writePrivateFile(this.file, JSON.stringify(all))
  }
}
