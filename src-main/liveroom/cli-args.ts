import fs from 'node:fs'
import {
  defaultMessageCap,
  isMessageCap,
  maxMessageCap,
} from '../../src-shared/protocol/message-cap'
import { DEFAULT_APP_ADMIN } from '../../src-shared/protocol/codes'
import { UserId } from '../../src-shared/protocol/frames'
import type { OnlineCountOptions } from './business'
import type { RoomStateOptions } from './business/room-state/room-state-capability'
import type { MediaReviewOptions } from './business/filters/media-review'
import type { BillingWebhookOptions } from './business/gifts/billing-webhook'
import { parseSdkAppId } from './identity'

/**
 * `npm run server` has two modes: the embedded room (the default), and `--business-only`, the
 * business host alone behind a real Tencent IM app (or a room's REST API). Secrets come from files
 * or the environment, never from argv, which every user of the machine can read (ps,
 * /proc/<pid>/cmdline): `--secret-key` and `--callback-token` are refused with what to use instead.
 */

interface CommonOptions {
  port: number
  host: string
  /** Given only when a flag set part of it; the rest takes the business host's defaults. */
  onlineCount?: OnlineCountOptions
  /** Coins a new wallet starts with (`--starting-balance`); undefined: the default 10 000. */
  startingBalance?: number
  /** Given only when a flag or the CSS callback key set part of it. */
  roomState?: RoomStateOptions
  /** Given only when a media flag set part of it (`--media-allow`, `--media-webhook`). */
  media?: MediaReviewOptions
  /** An external billing system keeps the wallets (`--billing-url`; gifts/billing.ts). */
  billing?: BillingWebhookOptions
}

export interface RoomCliOptions extends CommonOptions {
  /** RTMP ingest port; null turns the ingest off. */
  rtmpPort: number | null
  /** Host names the room answers to besides IPs, localhost and this machine's (`--allowed-host`). */
  allowedHosts: string[]
  dataDir: string
  sdkAppId?: number
  secretKey?: string
  callbackUrl?: string
  callbackToken?: string
  /** `--max-connections-per-address`: 0 turns the cap off; undefined keeps the room's default. */
  maxConnectionsPerAddress?: number
  /** `--msg-cap`: messages each group admits per second; undefined keeps Tencent's 40. */
  msgCap?: number
}

export interface BusinessCliOptions extends CommonOptions {
  /** The IM REST API's base URL. */
  imRestUrl: string
  sdkAppId: number
  secretKey: string
  callbackToken: string
  /** The App admin REST calls are made as. */
  admin: string
  /** Where the business host keeps its own database (business.db). */
  dataDir: string
}

export type CliArgsResult =
  | { ok: true; command: 'help' }
  | { ok: true; command: 'room'; options: RoomCliOptions }
  | { ok: true; command: 'business'; options: BusinessCliOptions }
  | { ok: false; error: string }

/** Reads a secret's file; throws with the reason when it cannot. */
export type ReadSecretFile = (file: string) => string

export const usage =
  'Usage: npm run server -- [options]                   the embedded live room\n' +
  '       npm run server -- --business-only [options]   only the business host\n' +
  '\n' +
  'Both:\n' +
  '  --port N          port to listen on (default 0: a free port)\n' +
  '  --host H          address to bind (default 127.0.0.1; 0.0.0.0 for the LAN)\n' +
  '  --sdkappid ID     SDKAppID (default $LIVEDESK_SDKAPPID)\n' +
  '  --secret-key-file FILE   the secret key, read from FILE (default $LIVEDESK_SECRET_KEY)\n' +
  '  --callback-token-file FILE   the webhook token, read from FILE (default\n' +
  '                    $LIVEDESK_CALLBACK_TOKEN): the room signs its callbacks with it (with\n' +
  '                    --callback-url), the business host refuses callbacks not signed with it\n' +
  '  --online-count-period-ms N   push the online count at most every N ms (default 5000)\n' +
  '  --online-count-threshold N   push it only when it moved by N or more (default 1)\n' +
  "  --starting-balance N   coins a viewer's new wallet starts with (default 10000)\n" +
  '  --pause-after SECONDS   a dropped stream pauses the room after this long (default 10)\n' +
  '  --end-after SECONDS     and ends the show this long after the drop (default 300)\n' +
  '  --css-callback-key-file FILE   CSS\u2019s callback key, read from FILE (default\n' +
  '                    $LIVEDESK_CSS_CALLBACK_KEY): turns on POST /business/css/callback\n' +
  '  --media-allow HOST[,HOST]   hosts whose URLs viewers may send in images and custom\n' +
  '                    elements (default none: every such message is recalled after review);\n' +
  '                    a private address only when named itself (127.0.0.1)\n' +
  '  --media-webhook URL   also ask this review service (docs/business.md), signed with\n' +
  '                    --media-webhook-secret-file FILE (default $LIVEDESK_MEDIA_WEBHOOK_SECRET)\n' +
  '  --billing-url URL   charge gifts to this billing system instead of the built-in wallets\n' +
  '                    (docs/business.md), signed with --billing-secret-file FILE (default\n' +
  '                    $LIVEDESK_BILLING_SECRET); --billing-timeout-ms N (default 3000)\n' +
  '\n' +
  'The room (default):\n' +
  '  --rtmp-port N     RTMP ingest port (default 1935; 0: a free port; off: no ingest)\n' +
  '  --data DIR        data directory (default $LIVEDESK_DATA_DIR, else ./.livedesk-data, or\n' +
  '                    ./.livedesk-business with --business-only: its own database)\n' +
  '                    (a SDKAppID and secret key not given are generated and kept in DIR)\n' +
  '  --callback-url U  POST Tencent-style IM callbacks to this http(s) URL; the business host\n' +
  '                    there is then the room’s, and the built-in one does not run\n' +
  '  --allowed-host NAME  a host name the room answers to (behind a reverse proxy); IP\n' +
  '                    addresses, localhost and this machine’s names always work (repeatable)\n' +
  '  --max-connections-per-address N   WebSocket connections one address may hold at once\n' +
  '                    (default 64; 0: no cap); the next is closed with 4008\n' +
  `  --msg-cap N       messages each room admits per second before it sheds by priority\n` +
  `                    (1 to ${maxMessageCap}; default ${defaultMessageCap}, Tencent's own)\n` +
  '\n' +
  '--business-only (no IM engine, no ingest; callbacks in, IM REST API out):\n' +
  '  --im-rest URL     the IM REST API: https://adminapisgp.im.qcloud.com (your app’s region)\n' +
  '                    or an embedded room’s http://host:port (required)\n' +
  '  --admin ID        the App admin REST calls are made as (default administrator)\n' +
  '  --sdkappid, the secret key and the callback token are required; secrets only from files\n' +
  '  or the environment. It prints "Callbacks: <url>": the callback URL for the IM console.\n'

const booleanFlags = new Set(['--help', '-h', '--business-only'])
const valueFlags = new Set([
  '--port',
  '--rtmp-port',
  '--host',
  '--data',
  '--sdkappid',
  '--secret-key',
  '--secret-key-file',
  '--callback-url',
  '--callback-token',
  '--callback-token-file',
  '--allowed-host',
  '--im-rest',
  '--admin',
  '--online-count-period-ms',
  '--online-count-threshold',
  '--max-connections-per-address',
  '--msg-cap',
  '--starting-balance',
  '--pause-after',
  '--end-after',
  '--css-callback-key',
  '--css-callback-key-file',
  '--media-allow',
  '--media-webhook',
  '--media-webhook-secret',
  '--media-webhook-secret-file',
  '--billing-url',
  '--billing-secret',
  '--billing-secret-file',
  '--billing-timeout-ms',
])
/** Secrets on the command line, which every user of the machine can read: refused in both modes. */
const secretFlags: Record<string, string> = {
  '--secret-key': 'use --secret-key-file FILE or LIVEDESK_SECRET_KEY',
  '--callback-token': 'use --callback-token-file FILE or LIVEDESK_CALLBACK_TOKEN',
  '--css-callback-key': 'use --css-callback-key-file FILE or LIVEDESK_CSS_CALLBACK_KEY',
  '--media-webhook-secret': 'use --media-webhook-secret-file FILE or LIVEDESK_MEDIA_WEBHOOK_SECRET',
  '--billing-secret': 'use --billing-secret-file FILE or LIVEDESK_BILLING_SECRET',
}
/** Why each room flag is refused with --business-only. */
const roomOnly: Record<string, string> = {
  '--allowed-host': 'the business host takes callbacks at whatever name reaches it',
  '--callback-url':
    'the business host receives callbacks (at the URL it prints) and sends none; give --callback-url to the room',
  '--rtmp-port': 'no ingest runs there',
  '--max-connections-per-address': 'no room clients connect there',
  '--msg-cap': "the IM app's own limit applies (Tencent raises it on request)",
}
const businessOnly = ['--im-rest', '--admin']

/** A secret file holds one key or token; anything longer is the wrong file. */
export const maxSecretFileBytes = 4096

/** Reads at most maxSecretFileBytes + 1 bytes, so a wrong path (a log, /dev/zero) costs nothing. */
export const readSecretFileSync: ReadSecretFile = (file) => {
  const fd = fs.openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(maxSecretFileBytes + 1)
    const read = fs.readSync(fd, buffer, 0, buffer.length, null)
    if (read > maxSecretFileBytes) {
      throw new Error(`it is over ${maxSecretFileBytes} bytes; it should hold the secret alone`)
    }
    return buffer.toString('utf8', 0, read)
  } finally {
    fs.closeSync(fd)
  }
}

class ArgsError extends Error {}

function portOf(text: string, flag: string, allowOff = false): number | null {
  if (allowOff && text === 'off') return null
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN
  if (!(port >= 0 && port <= 65535)) {
    throw new ArgsError(
      `${flag} must be a number from 0 to 65535${allowOff ? ', or off' : ''} (got "${text}")`,
    )
  }
  return port
}

function httpUrl(text: string, flag: string): string {
  let parsed: URL | undefined
  try {
    parsed = new URL(text)
  } catch {
    parsed = undefined
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new ArgsError(`${flag} must be an http:// or https:// URL (got "${text}")`)
  }
  return text
}

function wholeNumber(text: string, flag: string): number {
  if (!/^\d{1,9}$/.test(text)) {
    throw new ArgsError(`${flag} must be a whole number, 0 or more (got "${text}")`)
  }
  return Number(text)
}

/** A message cap from the command line (`--msg-cap`), 1 to maxMessageCap. */
function messageCapOf(text: string, flag: string): number {
  const value = /^\d{1,9}$/.test(text) ? Number(text) : NaN
  if (!isMessageCap(value)) {
    throw new ArgsError(`${flag} must be a whole number from 1 to ${maxMessageCap} (got "${text}")`)
  }
  return value
}

function positiveInteger(text: string, flag: string): number {
  const value = /^\d{1,9}$/.test(text) ? Number(text) : NaN
  if (!(value >= 1)) throw new ArgsError(`${flag} must be a positive whole number (got "${text}")`)
  return value
}

/**
 * A secret from its file flag or the environment, in that order; undefined when neither gives it.
 * The file's content is trimmed (`echo secret > file` leaves a newline).
 */
function secret(
  values: Map<string, string>,
  flag: string,
  env: string | undefined,
  envName: string,
  readFile: ReadSecretFile,
): string | undefined {
  const fileFlag = `${flag}-file`
  const file = values.get(fileFlag)
  let value: string | undefined
  let source: string
  if (file !== undefined) {
    source = `${fileFlag} "${file}"`
    try {
      value = readFile(file)
    } catch (error) {
      throw new ArgsError(`Cannot read ${source}: ${(error as Error).message}`)
    }
  } else {
    source = envName
    value = env || undefined
  }
  if (value === undefined) return undefined
  if (value.trim() === '') throw new ArgsError(`${source} is empty`)
  return value.trim()
}

/** Parses the server's command line; the environment supplies defaults. */
export function parseCliArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  readFile: ReadSecretFile = readSecretFileSync,
): CliArgsResult {
  const values = new Map<string, string>()
  const allowedHosts: string[] = []
  const flags = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (booleanFlags.has(arg)) {
      flags.add(arg === '-h' ? '--help' : arg)
      continue
    }
    const eq = arg.indexOf('=')
    const flag = eq > 0 ? arg.slice(0, eq) : arg
    if (!valueFlags.has(flag)) return { ok: false, error: `Unknown argument "${arg}"` }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i]
    if (value === undefined || (eq < 0 && value.startsWith('--'))) {
      return { ok: false, error: `${flag} needs a value` }
    }
    const why = secretFlags[flag]
    if (why !== undefined) {
      return {
        ok: false,
        error: `${flag} is not accepted: a secret on the command line is visible to every user of the machine (ps); ${why}`,
      }
    }
    if (flag === '--allowed-host') allowedHosts.push(...value.split(',').map((h) => h.trim()))
    values.set(flag, value)
  }
  if (flags.has('--help')) return { ok: true, command: 'help' }
  try {
    return flags.has('--business-only')
      ? { ok: true, command: 'business', options: businessOptions(values, env, readFile) }
      : {
          ok: true,
          command: 'room',
          options: roomOptions(values, env, readFile, allowedHosts.filter(Boolean)),
        }
  } catch (error) {
    if (error instanceof ArgsError) return { ok: false, error: error.message }
    throw error
  }
}

function commonOptions(values: Map<string, string>): CommonOptions {
  const port = portOf(values.get('--port') ?? '0', '--port') as number
  const host = values.get('--host') ?? '127.0.0.1'
  if (host.trim() === '') throw new ArgsError('--host must not be empty')
  const options: CommonOptions = { port, host }
  const period = values.get('--online-count-period-ms')
  const threshold = values.get('--online-count-threshold')
  if (period !== undefined || threshold !== undefined) {
    options.onlineCount = {
      ...(period !== undefined
        ? { periodMs: positiveInteger(period, '--online-count-period-ms') }
        : {}),
      ...(threshold !== undefined
        ? { threshold: positiveInteger(threshold, '--online-count-threshold') }
        : {}),
    }
  }
  const balance = values.get('--starting-balance')
  if (balance !== undefined) {
    const value = /^\d{1,12}$/.test(balance) ? Number(balance) : NaN
    if (!Number.isSafeInteger(value)) {
      throw new ArgsError(`--starting-balance must be a whole number of coins (got "${balance}")`)
    }
    options.startingBalance = value
  }
  return options
}

/** The media reviewer's allow-list and its webhook (filters/media-review.ts). */
function mediaOptions(
  values: Map<string, string>,
  env: NodeJS.ProcessEnv,
  readFile: ReadSecretFile,
): Pick<CommonOptions, 'media'> {
  const allow = values.get('--media-allow')
  const webhook = values.get('--media-webhook')
  if (webhook === undefined && values.has('--media-webhook-secret-file')) {
    throw new ArgsError('--media-webhook-secret-file needs --media-webhook')
  }
  if (allow === undefined && webhook === undefined) return {}
  const media: MediaReviewOptions = {}
  if (allow !== undefined) {
    const hosts = allow.split(',').map((host) => host.trim().toLowerCase())
    const bad = hosts.find((host) => !/^[a-z0-9.:-]+$/.test(host))
    if (bad !== undefined) {
      throw new ArgsError(
        `--media-allow takes host names or IP addresses separated by commas (got "${bad}")`,
      )
    }
    media.allowHosts = hosts
  }
  if (webhook !== undefined) {
    const url = httpUrl(webhook, '--media-webhook')
    const key = secret(
      values,
      '--media-webhook-secret',
      env.LIVEDESK_MEDIA_WEBHOOK_SECRET,
      'LIVEDESK_MEDIA_WEBHOOK_SECRET',
      readFile,
    )
    if (key === undefined) {
      throw new ArgsError(
        '--media-webhook needs a secret to sign with: --media-webhook-secret-file FILE or LIVEDESK_MEDIA_WEBHOOK_SECRET',
      )
    }
    media.webhook = { url, secret: key }
  }
  return { media }
}

/** The external billing system (gifts/billing-webhook.ts), its secret and its timeout. */
function billingOptions(
  values: Map<string, string>,
  env: NodeJS.ProcessEnv,
  readFile: ReadSecretFile,
): Pick<CommonOptions, 'billing'> {
  const url = values.get('--billing-url')
  if (url === undefined) {
    for (const flag of ['--billing-secret-file', '--billing-timeout-ms']) {
      if (values.has(flag)) throw new ArgsError(`${flag} needs --billing-url`)
    }
    return {}
  }
  const key = secret(
    values,
    '--billing-secret',
    env.LIVEDESK_BILLING_SECRET,
    'LIVEDESK_BILLING_SECRET',
    readFile,
  )
  if (key === undefined) {
    throw new ArgsError(
      '--billing-url needs a secret to sign with: --billing-secret-file FILE or LIVEDESK_BILLING_SECRET',
    )
  }
  if (values.has('--starting-balance')) {
    throw new ArgsError(
      '--starting-balance has no effect with --billing-url: the billing system at that URL keeps the wallets and their balances',
    )
  }
  const timeout = values.get('--billing-timeout-ms')
  return {
    billing: {
      url: httpUrl(url, '--billing-url'),
      secret: key,
      ...(timeout !== undefined
        ? { timeoutMs: positiveInteger(timeout, '--billing-timeout-ms') }
        : {}),
    },
  }
}

/** The room state's grace periods (seconds on the command line) and CSS's callback key. */
function roomStateOptions(
  values: Map<string, string>,
  env: NodeJS.ProcessEnv,
  readFile: ReadSecretFile,
): Pick<CommonOptions, 'roomState'> {
  const pause = values.get('--pause-after')
  const end = values.get('--end-after')
  const key = secret(
    values,
    '--css-callback-key',
    env.LIVEDESK_CSS_CALLBACK_KEY,
    'LIVEDESK_CSS_CALLBACK_KEY',
    readFile,
  )
  if (pause === undefined && end === undefined && key === undefined) return {}
  const roomState: RoomStateOptions = {
    ...(pause !== undefined
      ? { pauseAfterMs: positiveInteger(pause, '--pause-after') * 1000 }
      : {}),
    ...(end !== undefined ? { endAfterMs: positiveInteger(end, '--end-after') * 1000 } : {}),
    ...(key !== undefined ? { cssCallbackKey: key } : {}),
  }
  if ((roomState.endAfterMs ?? 300_000) < (roomState.pauseAfterMs ?? 10_000)) {
    throw new ArgsError('--end-after must not be shorter than --pause-after')
  }
  return { roomState }
}

function sdkAppIdOf(values: Map<string, string>, env: NodeJS.ProcessEnv): number | undefined {
  const text = values.get('--sdkappid') ?? (env.LIVEDESK_SDKAPPID || undefined)
  if (text === undefined) return undefined
  try {
    return parseSdkAppId(text, values.has('--sdkappid') ? '--sdkappid' : 'LIVEDESK_SDKAPPID')
  } catch (error) {
    throw new ArgsError((error as Error).message)
  }
}

function roomOptions(
  values: Map<string, string>,
  env: NodeJS.ProcessEnv,
  readFile: ReadSecretFile,
  allowedHosts: string[],
): RoomCliOptions {
  for (const flag of businessOnly) {
    if (values.has(flag)) throw new ArgsError(`${flag} goes with --business-only`)
  }
  const options: RoomCliOptions = {
    ...commonOptions(values),
    ...roomStateOptions(values, env, readFile),
    ...mediaOptions(values, env, readFile),
    ...billingOptions(values, env, readFile),
    rtmpPort: portOf(values.get('--rtmp-port') ?? '1935', '--rtmp-port', true),
    allowedHosts,
    dataDir: values.get('--data') ?? (env.LIVEDESK_DATA_DIR || './.livedesk-data'),
  }
  const sdkAppId = sdkAppIdOf(values, env)
  if (sdkAppId !== undefined) options.sdkAppId = sdkAppId
  const msgCap = values.get('--msg-cap')
  if (msgCap !== undefined) options.msgCap = messageCapOf(msgCap, '--msg-cap')
  const perAddress = values.get('--max-connections-per-address')
  if (perAddress !== undefined) {
    options.maxConnectionsPerAddress = wholeNumber(perAddress, '--max-connections-per-address')
  }
  const secretKey = secret(
    values,
    '--secret-key',
    env.LIVEDESK_SECRET_KEY,
    'LIVEDESK_SECRET_KEY',
    readFile,
  )
  if (secretKey !== undefined) options.secretKey = secretKey

  const callbackUrl = values.get('--callback-url')
  if (callbackUrl !== undefined) options.callbackUrl = httpUrl(callbackUrl, '--callback-url')
  if (values.has('--callback-token-file') && callbackUrl === undefined) {
    throw new ArgsError('--callback-token-file needs --callback-url')
  }
  if (callbackUrl !== undefined) {
    const token = secret(
      values,
      '--callback-token',
      env.LIVEDESK_CALLBACK_TOKEN,
      'LIVEDESK_CALLBACK_TOKEN',
      readFile,
    )
    if (token !== undefined) options.callbackToken = token
    if (options.onlineCount) {
      throw new ArgsError(
        'The --online-count-* flags have no effect with --callback-url: the business host at that URL pushes the count; give them to it',
      )
    }
    if (options.startingBalance !== undefined) {
      throw new ArgsError(
        '--starting-balance has no effect with --callback-url: the business host at that URL keeps the wallets; give it to it',
      )
    }
    if (options.roomState) {
      throw new ArgsError(
        'The room-state flags (--pause-after, --end-after, the CSS callback key) have no effect with --callback-url: the business host at that URL keeps the room state; give them to it',
      )
    }
    if (options.media) {
      throw new ArgsError(
        'The --media-* flags have no effect with --callback-url: the business host at that URL reviews the media; give them to it',
      )
    }
    if (options.billing) {
      throw new ArgsError(
        '--billing-url has no effect with --callback-url: the business host at that URL charges the gifts; give it to it',
      )
    }
  }
  return options
}

function businessOptions(
  values: Map<string, string>,
  env: NodeJS.ProcessEnv,
  readFile: ReadSecretFile,
): BusinessCliOptions {
  for (const [flag, why] of Object.entries(roomOnly)) {
    if (values.has(flag))
      throw new ArgsError(`${flag} is not accepted with --business-only: ${why}`)
  }
  const common = {
    ...commonOptions(values),
    ...roomStateOptions(values, env, readFile),
    ...mediaOptions(values, env, readFile),
    ...billingOptions(values, env, readFile),
  }
  const dataDir = values.get('--data') ?? (env.LIVEDESK_DATA_DIR || './.livedesk-business')
  const imRest = values.get('--im-rest')
  if (imRest === undefined) {
    throw new ArgsError(
      '--business-only needs --im-rest URL: the IM REST API (https://adminapisgp.im.qcloud.com or your region’s, or an embedded room’s http://host:port)',
    )
  }
  const imRestUrl = httpUrl(imRest, '--im-rest')
  const sdkAppId = sdkAppIdOf(values, env)
  if (sdkAppId === undefined) {
    throw new ArgsError('--business-only needs --sdkappid ID (or LIVEDESK_SDKAPPID)')
  }
  const secretKey = secret(
    values,
    '--secret-key',
    env.LIVEDESK_SECRET_KEY,
    'LIVEDESK_SECRET_KEY',
    readFile,
  )
  if (secretKey === undefined) {
    throw new ArgsError(
      '--business-only needs the secret key: --secret-key-file FILE or LIVEDESK_SECRET_KEY',
    )
  }
  const callbackToken = secret(
    values,
    '--callback-token',
    env.LIVEDESK_CALLBACK_TOKEN,
    'LIVEDESK_CALLBACK_TOKEN',
    readFile,
  )
  if (callbackToken === undefined) {
    throw new ArgsError(
      '--business-only needs the callback token set in the IM console (callback configuration): --callback-token-file FILE or LIVEDESK_CALLBACK_TOKEN',
    )
  }
  const admin = values.get('--admin') ?? DEFAULT_APP_ADMIN
  if (!UserId.safeParse(admin).success) {
    throw new ArgsError(
      `--admin must be an App admin's UserID: 1–32 of A–Z, a–z, 0–9, _ and - (got "${admin}")`,
    )
  }
  return { ...common, imRestUrl, sdkAppId, secretKey, callbackToken, admin, dataDir }
}
