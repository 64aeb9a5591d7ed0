import { randomBytes, randomInt } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { writePrivateFile } from '../common/private-files'

/** The embedded room's stand-in for a Tencent IM application: its SDKAppID and secret key. */
export interface RoomIdentity {
  sdkAppId: number
  secretKey: string
}

export interface ResolveIdentityInput {
  dataDir: string
  sdkAppId?: number
  secretKey?: string
  env?: NodeJS.ProcessEnv
}

const fileName = 'identity.json'

/** Parses an SDKAppID from text, or throws a message that names where it came from. */
export function parseSdkAppId(text: string, source: string): number {
  const value = /^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : NaN
  if (!Number.isSafeInteger(value) || value <= 0 || value > 0xffffffff) {
    throw new Error(`${source} must be a positive integer SDKAppID (got "${text}")`)
  }
  return value
}

function readStored(file: string): Partial<RoomIdentity> {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw error
  }
  const parsed = JSON.parse(text) as Partial<Record<keyof RoomIdentity, unknown>>
  const stored: Partial<RoomIdentity> = {}
  if (typeof parsed.sdkAppId === 'number' && Number.isSafeInteger(parsed.sdkAppId)) {
    stored.sdkAppId = parsed.sdkAppId
  }
  if (typeof parsed.secretKey === 'string' && parsed.secretKey.length > 0) {
    stored.secretKey = parsed.secretKey
  }
  return stored
}

function writeStored(file: string, identity: RoomIdentity): void {
  writePrivateFile(file, JSON.stringify(identity, null, 2) + '\n')
}

/**
 * Option, then environment, then `dataDir/identity.json`; values missing everywhere are generated
 * once and kept there (mode 0600, it holds the secret key) so UserSigs stay valid across restarts.
 */
export function resolveIdentity(input: ResolveIdentityInput): RoomIdentity {
  const env = input.env ?? process.env
  const file = path.join(input.dataDir, fileName)
  const stored = readStored(file)

  const envAppId = env.LIVEDESK_SDKAPPID
  const given: Partial<RoomIdentity> = {
    sdkAppId:
      input.sdkAppId ?? (envAppId ? parseSdkAppId(envAppId, 'LIVEDESK_SDKAPPID') : undefined),
    secretKey: input.secretKey ?? (env.LIVEDESK_SECRET_KEY || undefined),
  }
  if (given.sdkAppId !== undefined) parseSdkAppId(String(given.sdkAppId), 'sdkAppId')

  const generated: RoomIdentity = {
    // Tencent's SDKAppIDs are 14xxxxxxxx; a look-alike keeps logs and tooling unsurprised.
    sdkAppId: stored.sdkAppId ?? 1_400_000_000 + randomInt(0, 100_000_000),
    secretKey: stored.secretKey ?? randomBytes(32).toString('hex'),
  }
  const needsStored = given.sdkAppId === undefined || given.secretKey === undefined
  if (needsStored && (stored.sdkAppId === undefined || stored.secretKey === undefined)) {
    writeStored(file, generated)
  }
  return {
    sdkAppId: given.sdkAppId ?? generated.sdkAppId,
    secretKey: given.secretKey ?? generated.secretKey,
  }
}
