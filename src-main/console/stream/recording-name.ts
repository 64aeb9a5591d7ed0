/** Tokens a recording's file name pattern may use (OBS calls this "Filename Formatting"). */
export const recordingNameTokens = ['{date}', '{time}', '{room}'] as const

/**
 * The file name for a recording started at `at` (local time): `{date}` → 2026-11-25, `{time}` →
 * 19-05-07, `{room}` → the room id. Characters no file system takes are replaced, and a name
 * that would be empty or hidden falls back to the default pattern.
 */
export function recordingName(
  pattern: string,
  at: Date,
  roomId: string,
  extension: string,
): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
  const time = `${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`
  const expand = (p: string) =>
    p
      .replaceAll('{date}', date)
      .replaceAll('{time}', time)
      .replaceAll('{room}', roomId)
      // Path separators and characters Windows refuses; control characters too.
      .replace(/[/\\:*?"<>|]/g, '_')
      .replace(/[\s\S]/gu, (c) => (c.charCodeAt(0) < 32 ? '_' : c))
      .trim()
  let base = expand(pattern)
  if (!base || base.startsWith('.')) base = expand(defaultRecordingPattern)
  return `${base}${extension}`
}

export const defaultRecordingPattern = 'livedesk-{room}-{date}-{time}'

/**
 * Split recordings: the parts of `base` (…/show.mp4) are …/show-001.mp4, …/show-002.mp4, … in the
 * order they were written. The numbering continues across encoder restarts, so a part is never
 * overwritten.
 */
export function splitPartPath(base: string, part: number): string {
  const { stem, ext } = splitExtension(base)
  return `${stem}-${String(part).padStart(3, '0')}${ext}`
}

/**
 * Without splitting, an encoder restart goes on in a new file beside the first: show.mp4, then
 * show-part2.mp4, show-part3.mp4, …
 */
export function restartPartPath(base: string, part: number): string {
  if (part === 1) return base
  const { stem, ext } = splitExtension(base)
  return `${stem}-part${part}${ext}`
}

/** The same as ffmpeg's segment muxer pattern: `%` in the name doubled, the number as %03d. */
export function splitPartPattern(base: string): string {
  const { stem, ext } = splitExtension(base)
  return `${stem.replaceAll('%', '%%')}-%03d${ext}`
}

/** The part number of `name` if it is a part of `base` (same folder), else null. */
export function splitPartNumber(base: string, name: string): number | null {
  const { stem, ext } = splitExtension(base)
  const prefix = `${stem}-`
  if (!name.startsWith(prefix) || !name.endsWith(ext)) return null
  const digits = name.slice(prefix.length, name.length - ext.length)
  return /^\d{3,}$/.test(digits) ? Number(digits) : null
}

function splitExtension(file: string): { stem: string; ext: string } {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'))
  const dot = file.lastIndexOf('.')
  return dot > slash + 1
    ? { stem: file.slice(0, dot), ext: file.slice(dot) }
    : { stem: file, ext: '' }
}
