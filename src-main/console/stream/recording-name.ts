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
