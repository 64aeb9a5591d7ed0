import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import type { PortChange, PortService } from '../../src-shared/contract'
import { writePrivateFile } from './private-files'

/**
 * The ports and the console token chosen at a first start, kept in the data folder
 * (`addresses.json`, mode 0600: the token is a key) and used again at the next one, so the link
 * the audience got, the server typed into OBS and the moderators' console link survive a restart
 * (issue 9 §6).
 */
export interface SavedAddresses {
  consolePort?: number
  roomPort?: number
  rtmpPort?: number
  consoleToken?: string
}

const FILE = 'addresses.json'

const isPort = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 65535

/** What the data folder keeps; a missing or damaged file keeps nothing. */
export function readSavedAddresses(dataDir: string): SavedAddresses {
  let parsed: unknown
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(dataDir, FILE), 'utf8'))
  } catch {
    return {}
  }
  if (typeof parsed !== 'object' || parsed === null) return {}
  const value = parsed as Record<string, unknown>
  const saved: SavedAddresses = {}
  if (isPort(value.consolePort)) saved.consolePort = value.consolePort
  if (isPort(value.roomPort)) saved.roomPort = value.roomPort
  if (isPort(value.rtmpPort)) saved.rtmpPort = value.rtmpPort
  if (typeof value.consoleToken === 'string' && /^[\w-]{20,200}$/.test(value.consoleToken)) {
    saved.consoleToken = value.consoleToken
  }
  return saved
}

/** Merges `update` into what is kept (the token is kept unless replaced). */
export function saveAddresses(dataDir: string, update: SavedAddresses): void {
  const next = { ...readSavedAddresses(dataDir), ...update }
  writePrivateFile(path.join(dataDir, FILE), `${JSON.stringify(next, null, 2)}\n`)
}

/** Whether a TCP port can be listened on at `host` now (a probe: listen, then close). */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)))
  })
}

export interface PortChoice {
  /** The port to listen on; 0 for a free one. */
  port: number
  /** The saved port that was taken, when it was. */
  taken: number | null
}

/**
 * The port a service listens on: the one the person gave (`--port N`, which fails loudly when
 * taken; `--port 0`, a free one this time), else the saved one while it is free, else a free one
 * (reported as a change).
 */
export async function choosePort(
  host: string,
  given: number | undefined,
  saved: number | undefined,
): Promise<PortChoice> {
  if (given !== undefined) return { port: given, taken: null }
  if (!saved) return { port: 0, taken: null }
  return (await portIsFree(host, saved)) ? { port: saved, taken: null } : { port: 0, taken: saved }
}

/** A change to report when a saved port was taken and `chosen` was used instead. */
export function portChange(
  service: PortService,
  choice: PortChoice,
  chosen: number | undefined,
): PortChange[] {
  return choice.taken !== null && chosen !== undefined
    ? [{ service, saved: choice.taken, chosen }]
    : []
}
