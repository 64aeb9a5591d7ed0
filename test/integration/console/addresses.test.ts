import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AccessSnapshot } from '../../../src-shared/contract'
import {
  startConsoleWithAddresses,
  type StartedConsole,
} from '../../../src-main/host/start-console'

const here = { thisMachine: true }

/** Issue 9 §6: the ports and the console link survive a restart; §4: the data folder is private. */
describe('addresses kept in the data folder', () => {
  let root: string
  let dataDir: string
  let rendererDir: string
  let running: StartedConsole | null = null
  const blockers: net.Server[] = []

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'livedesk-addresses-'))
    dataDir = join(root, 'data')
    rendererDir = join(root, 'renderer')
    mkdirSync(join(rendererDir, 'console'), { recursive: true })
    writeFileSync(
      join(rendererDir, 'console', 'index.html'),
      '<!doctype html><title>LiveDesk</title>',
    )
  })
  afterEach(async () => {
    await running?.close()
    running = null
    await Promise.all(blockers.splice(0).map((b) => new Promise((r) => b.close(r))))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  const start = async (args: { port?: number } = {}) => {
    running = await startConsoleWithAddresses(
      { allowedHosts: [], ...args },
      { dataDir, host: 'browser', version: 'test', rendererDir, browser: true, log: () => {} },
    )
    return running
  }
  const line = (started: StartedConsole, name: string) =>
    started.lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2)
  const port = (url: string | undefined) => Number(new URL(url ?? 'http://x:0').port)
  const saved = () =>
    JSON.parse(readFileSync(join(dataDir, 'addresses.json'), 'utf8')) as Record<string, unknown>

  let first: { console: string; viewer: string; rtmp: number }

  it('chooses ports and a token at the first start and keeps them, privately', async () => {
    const started = await start()
    const consoleLink = line(started, 'Console')
    expect(consoleLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/)
    expect(line(started, 'Viewer')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/room\/main$/)
    expect(line(started, 'Ingest')).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live\/main\?sign=/)
    first = {
      console: consoleLink!,
      viewer: line(started, 'Viewer')!,
      rtmp: started.app.room.ingest!.rtmpPort,
    }
    expect(saved()).toEqual({
      consolePort: port(first.console),
      consoleToken: new URL(first.console).searchParams.get('token'),
      roomPort: port(first.viewer),
      rtmpPort: first.rtmp,
    })
    const mode = (path: string) => statSync(join(dataDir, path)).mode & 0o777
    expect(mode('addresses.json')).toBe(0o600)
    for (const folder of ['.', 'liveroom', 'recordings'])
      expect([folder, mode(folder)]).toEqual([folder, 0o700])
    for (const file of ['console.db', 'liveroom/liveroom.db', 'liveroom/identity.json']) {
      expect([file, mode(file)]).toEqual([file, 0o600])
    }
  })

  it('uses them again at the next start: the same console link, viewer link and OBS server', async () => {
    const started = await start()
    expect(line(started, 'Console')).toBe(first.console)
    expect(line(started, 'Viewer')).toBe(first.viewer)
    expect(started.app.room.ingest?.rtmpPort).toBe(first.rtmp)
    expect(started.lines.filter((l) => l.startsWith('Port '))).toEqual([])
  })

  it('says so when a saved port is taken, and which one it chose instead', async () => {
    const blocker = net.createServer()
    blockers.push(blocker)
    await new Promise<void>((resolve) => blocker.listen(port(first.viewer), '127.0.0.1', resolve))
    const started = await start()
    const roomPort = started.app.room.port
    expect(roomPort).not.toBe(port(first.viewer))
    expect(started.lines).toContain(
      `Port ${port(first.viewer)}: the room server's port, kept from the last start, is in use; the viewer link changed — send the new one to your audience; using ${roomPort}.`,
    )
    const access = await started.app.dispatch('app:get-access', {}, here)
    expect(access).toMatchObject({
      ok: true,
      value: { portChanges: [{ service: 'room', saved: port(first.viewer), chosen: roomPort }] },
    })
    // The console's own link did not change.
    expect(line(started, 'Console')).toBe(first.console)
    expect(saved().roomPort).toBe(roomPort)
  })

  it('keeps the console link until "Reset access link", then the new one', async () => {
    let started = await start({ port: port(first.console) })
    const reset = await started.app.dispatch('app:reset-access-link', {}, here)
    const next = (reset as { value: AccessSnapshot }).value.consoleUrl
    expect(next).not.toBe(first.console)
    expect(saved().consoleToken).toBe(new URL(next!).searchParams.get('token'))
    await running?.close()
    running = null
    started = await start()
    expect(line(started, 'Console')).toBe(next)
  })
})
