import { parseSdkAppId } from './identity'

export interface CliOptions {
  port: number
  /** RTMP ingest port; null turns the ingest off. */
  rtmpPort: number | null
  host: string
  dataDir: string
  sdkAppId?: number
  secretKey?: string
  callbackUrl?: string
  callbackToken?: string
  help: boolean
}

export type CliArgsResult = { ok: true; options: CliOptions } | { ok: false; error: string }

export const usage =
  'Usage: npm run server -- [--port N] [--host H] [--data DIR] [--sdkappid ID --secret-key KEY]\n' +
  '  --port N          port to listen on (default 0: a free port)\n' +
  '  --rtmp-port N     RTMP ingest port (default 1935; 0: a free port; off: no ingest)\n' +
  '  --host H          address to bind (default 127.0.0.1; 0.0.0.0 for the LAN)\n' +
  '  --data DIR        data directory (default $LIVEDESK_DATA_DIR or ./.livedesk-data)\n' +
  '  --sdkappid ID     SDKAppID (default $LIVEDESK_SDKAPPID, else generated and kept in DIR)\n' +
  '  --secret-key KEY  secret key (default $LIVEDESK_SECRET_KEY, else generated and kept in DIR)\n' +
  '  --callback-url U  POST Tencent-style IM callbacks to this http(s) URL\n' +
  '  --callback-token T  webhook token: callbacks carry Sign and RequestTime\n'

const valueFlags = new Set([
  '--port',
  '--rtmp-port',
  '--host',
  '--data',
  '--sdkappid',
  '--secret-key',
  '--callback-url',
  '--callback-token',
])

/** Parses the room server's command line; the environment supplies defaults. */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv): CliArgsResult {
  const values = new Map<string, string>()
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--help' || arg === '-h') {
      help = true
      continue
    }
    const eq = arg.indexOf('=')
    const flag = eq > 0 ? arg.slice(0, eq) : arg
    if (!valueFlags.has(flag)) return { ok: false, error: `Unknown argument "${arg}"` }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i]
    if (value === undefined || (eq < 0 && value.startsWith('--'))) {
      return { ok: false, error: `${flag} needs a value` }
    }
    values.set(flag, value)
  }

  const portText = values.get('--port') ?? '0'
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN
  if (!(port >= 0 && port <= 65535)) {
    return { ok: false, error: `--port must be a number from 0 to 65535 (got "${portText}")` }
  }
  const rtmpText = values.get('--rtmp-port') ?? '1935'
  const rtmpPort = rtmpText === 'off' ? null : /^\d{1,5}$/.test(rtmpText) ? Number(rtmpText) : NaN
  if (rtmpPort !== null && !(rtmpPort >= 0 && rtmpPort <= 65535)) {
    return {
      ok: false,
      error: `--rtmp-port must be a number from 0 to 65535, or off (got "${rtmpText}")`,
    }
  }
  const host = values.get('--host') ?? '127.0.0.1'
  if (host.trim() === '') return { ok: false, error: '--host must not be empty' }
  const dataDir = values.get('--data') ?? (env.LIVEDESK_DATA_DIR || './.livedesk-data')

  const options: CliOptions = { port, rtmpPort, host, dataDir, help }
  try {
    const appIdText = values.get('--sdkappid') ?? (env.LIVEDESK_SDKAPPID || undefined)
    if (appIdText !== undefined) {
      options.sdkAppId = parseSdkAppId(
        appIdText,
        values.has('--sdkappid') ? '--sdkappid' : 'LIVEDESK_SDKAPPID',
      )
    }
  } catch (error) {
    return { ok: false, error: (error as Error).message }
  }
  const secretKey = values.get('--secret-key') ?? (env.LIVEDESK_SECRET_KEY || undefined)
  if (secretKey !== undefined) {
    if (secretKey.trim() === '') return { ok: false, error: '--secret-key must not be empty' }
    options.secretKey = secretKey
  }
  const callbackUrl = values.get('--callback-url')
  if (callbackUrl !== undefined) {
    let parsedUrl: URL | undefined
    try {
      parsedUrl = new URL(callbackUrl)
    } catch {
      parsedUrl = undefined
    }
    if (!parsedUrl || (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:')) {
      return {
        ok: false,
        error: `--callback-url must be an http:// or https:// URL (got "${callbackUrl}")`,
      }
    }
    options.callbackUrl = callbackUrl
  }
  const callbackToken = values.get('--callback-token')
  if (callbackToken !== undefined) {
    if (callbackToken.trim() === '')
      return { ok: false, error: '--callback-token must not be empty' }
    if (callbackUrl === undefined) {
      return { ok: false, error: '--callback-token needs --callback-url' }
    }
    options.callbackToken = callbackToken
  }
  return { ok: true, options }
}
