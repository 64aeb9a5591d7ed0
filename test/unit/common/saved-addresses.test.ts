import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  choosePort,
  readSavedAddresses,
  saveAddresses,
} from '../../../src-main/common/saved-addresses'

describe('saved addresses (issue 9 §6)', () => {
  const dirs: string[] = []
  const servers: net.Server[] = []
  afterEach(async () => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
  })
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'livedesk-saved-'))
    dirs.push(dir)
    return dir
  }

  it('keeps ports and the token in a file only the user can read, and ignores a damaged one', () => {
    const dir = tempDir()
    expect(readSavedAddresses(dir)).toEqual({})
    saveAddresses(dir, { consolePort: 43117, consoleToken: 'a'.repeat(32) })
    saveAddresses(dir, { roomPort: 40919 })
    expect(readSavedAddresses(dir)).toEqual({
      consolePort: 43117,
      consoleToken: 'a'.repeat(32),
      roomPort: 40919,
    })
    expect(statSync(join(dir, 'addresses.json')).mode & 0o777).toBe(0o600)
    writeFileSync(join(dir, 'addresses.json'), '{"roomPort": "x", "consolePort": 70000')
    expect(readSavedAddresses(dir)).toEqual({})
    writeFileSync(join(dir, 'addresses.json'), '{"roomPort": 99999, "consoleToken": "short"}')
    expect(readSavedAddresses(dir)).toEqual({})
  })

  it('takes the given port, else the saved one while free, else a free one and says which was taken', async () => {
    const busy = net.createServer()
    servers.push(busy)
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    const taken = (busy.address() as net.AddressInfo).port
    expect(await choosePort('127.0.0.1', 8080, taken)).toEqual({ port: 8080, taken: null })
    expect(await choosePort('127.0.0.1', 0, taken)).toEqual({ port: 0, taken: null })
    expect(await choosePort('127.0.0.1', undefined, undefined)).toEqual({ port: 0, taken: null })
    expect(await choosePort('127.0.0.1', undefined, taken)).toEqual({ port: 0, taken })
    await new Promise((r) => busy.close(r))
    servers.length = 0
    expect(await choosePort('127.0.0.1', undefined, taken)).toEqual({ port: taken, taken: null })
  })
})
