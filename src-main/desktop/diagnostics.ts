import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import Database from 'better-sqlite3'
import { strToU8, zipSync } from 'fflate'

/**
 * "Collect diagnostics" (issue 16 §4): one zip an anchor can send to whoever helps them — the
 * logs, the versions, the ffmpeg build, the OS and the settings — with every secret removed:
 * the keys the app holds (by value, wherever they appear), UserSigs, tokens and passwords (by
 * name, in JSON and in URLs), and the stream key in RTMP push URLs (by position).
 */
export interface DiagnosticsInput {
  /** Log files to include, by path (rotating-log.ts's files()). */
  logFiles: string[]
  versions: Record<string, string>
  /** `ffmpeg -version`'s output, or why there is none. */
  ffmpeg: string
  os: Record<string, string | number>
  /** Settings documents by name (the console's and the desktop's). */
  settings: Record<string, unknown>
  /** Every secret value the app holds (SecretStore), removed wherever it appears. */
  secretValues: string[]
  now: number
}

export const REMOVED = '[removed]'

/** Names whose values are secret, in JSON keys and URL query parameters (Tencent's among them). */
const SECRET_WORD =
  /(usersig|user_sig|secret|token|password|passwd|signature|authorization|credential|cookie)/i
/** …and names that end in one (streamKey, pushKey, apiKey, sig, sign) — not keyframeSeconds. */
const SECRET_END = /(key|sig|sign)$/i
function secretName(name: string): boolean {
  return SECRET_WORD.test(name) || SECRET_END.test(name)
}

/** Removes secrets from one piece of text. */
export function redact(text: string, secretValues: readonly string[]): string {
  let out = text
  // Known values first, longest first (a key that contains another is removed whole).
  for (const value of [...new Set(secretValues)]
    .filter((v) => v.length >= 4)
    .sort((a, b) => b.length - a.length)) {
    out = out.split(value).join(REMOVED)
  }
  return (
    out
      // `Authorization: UserSig <id> <sig>` (business-http.ts), and bearer tokens.
      .replace(
        /\b(UserSig|Bearer)\s+(\S+)(\s+\S+)?/g,
        (_m, scheme: string, first: string, second?: string) =>
          scheme === 'UserSig' && second ? `${scheme} ${first} ${REMOVED}` : `${scheme} ${REMOVED}`,
      )
      // Query parameters: ?usersig=…&txSecret=…&token=…
      .replace(/([?&;])([\w.-]+)=([^&\s"'#]*)/g, (whole, sep: string, name: string) =>
        secretName(name) ? `${sep}${name}=${REMOVED}` : whole,
      )
      // The stream key: the path after the application in an RTMP URL.
      .replace(/\b(rtmps?:\/\/[^/\s"']+\/[^/\s"'?]+\/)([^\s"'?]+)/gi, `$1${REMOVED}`)
      // A token in a URL's fragment (the console link's #token=).
      .replace(/#([\w-]*token[\w-]*)=([^&\s"']+)/gi, `#$1=${REMOVED}`)
  )
}

/** Removes secrets from a JSON-like value: secret-named fields wholesale, every string by redact. */
export function redactValue(value: unknown, secretValues: readonly string[]): unknown {
  if (typeof value === 'string') return redact(value, secretValues)
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secretValues))
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        secretName(k) && v !== null && typeof v !== 'boolean'
          ? REMOVED
          : redactValue(v, secretValues),
      ]),
    )
  }
  return value
}

/** The archive's files by name, every one redacted. */
export function diagnosticsFiles(input: DiagnosticsInput): Record<string, string> {
  const json = (v: unknown) => `${JSON.stringify(redactValue(v, input.secretValues), null, 2)}\n`
  const files: Record<string, string> = {
    'README.txt':
      'LiveDesk diagnostics. Keys, tokens, UserSigs and stream keys were removed before this archive was written.\n',
    'versions.json': json({ ...input.versions, collectedAt: new Date(input.now).toISOString() }),
    'os.json': json(input.os),
    'ffmpeg.txt': redact(input.ffmpeg, input.secretValues),
    'settings.json': json(input.settings),
  }
  for (const file of input.logFiles) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (err) {
      text = `(could not be read: ${err instanceof Error ? err.message : String(err)})`
    }
    files[`logs/${basename(file)}`] = redact(text, input.secretValues)
  }
  return files
}

/** Writes the zip to `target` (0600: it is still the anchor's data). */
export function writeDiagnostics(target: string, input: DiagnosticsInput): void {
  const files = diagnosticsFiles(input)
  const zip = zipSync(
    Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])),
    { level: 6, mtime: new Date(input.now) },
  )
  writeFileSync(target, zip, { mode: 0o600 })
}

/** The file name offered in the save dialog. */
export function diagnosticsFileName(now: number): string {
  return `livedesk-diagnostics-${new Date(now).toISOString().slice(0, 19).replace(/[:T]/g, '-')}.zip`
}

/**
 * The console's settings documents (console.db's settings table), read-only, for the archive.
 * A missing or locked database gives what could be read and why not.
 */
export function readConsoleSettings(file: string, nativeBinding?: string): Record<string, unknown> {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding })
    try {
      const rows = db
        .prepare<[], { key: string; value: string }>('SELECT key, value FROM settings')
        .all()
      return Object.fromEntries(rows.map((r) => [r.key, parseOrText(r.value)]))
    } finally {
      db.close()
    }
  } catch (err) {
    return { unreadable: err instanceof Error ? err.message : String(err) }
  }
}

function parseOrText(value: string): unknown {
  try {
    return JSON.parse(value) as unknown
  } catch {
    return value
  }
}
