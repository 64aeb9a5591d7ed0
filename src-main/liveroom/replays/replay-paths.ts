import path from 'node:path'

/**
 * Where the room server keeps each show's recording and under which URL it serves it
 * (docs/business.md, "Replays"): `<dataDir>/replays/<groupId>/<showId>/part-NNN.mp4` while the
 * show runs, `<dataDir>/replays/<groupId>/<showId>.mp4` once it ended and the parts were joined,
 * served as `/replays/<groupId>/<showId>.mp4`.
 */

export const REPLAYS_PATH = '/replays/'

/**
 * The ids a recording may be filed under. The ingest only takes rooms named this way
 * (`/live/<roomId>`), and show ids are hex: nothing else can reach the disk, so no `..`, `/` or
 * `%2f` in a URL can name a file outside the replays folder.
 */
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/

export function safeReplayId(id: string): boolean {
  return SAFE_ID.test(id)
}

/** The URL path a show's joined recording is served under. */
export function replayUrlPath(groupId: string, showId: string): string {
  return `${REPLAYS_PATH}${groupId}/${showId}.mp4`
}

/** The group and show of a `/replays/<groupId>/<showId>.mp4` path; null for anything else. */
export function parseReplayUrlPath(urlPath: string): { groupId: string; showId: string } | null {
  const match = /^\/replays\/([^/]+)\/([^/]+)\.mp4$/.exec(urlPath)
  if (!match) return null
  const [, groupId, showId] = match as unknown as [string, string, string]
  return safeReplayId(groupId) && safeReplayId(showId) ? { groupId, showId } : null
}

export interface ShowFiles {
  /** The folder of the show's parts. */
  partsDir: string
  /** The joined, faststart MP4. */
  joined: string
}

/** A show's files under `replaysDir`; throws on an id that may not be filed (a caller's bug). */
export function showFiles(replaysDir: string, groupId: string, showId: string): ShowFiles {
  if (!safeReplayId(groupId) || !safeReplayId(showId)) {
    throw new Error(`Cannot file a recording under group "${groupId}", show "${showId}"`)
  }
  const groupDir = path.join(replaysDir, groupId)
  return { partsDir: path.join(groupDir, showId), joined: path.join(groupDir, `${showId}.mp4`) }
}

/** `part-001.mp4`, `part-002.mp4`, …: sorted by name they are in the order they were recorded. */
export function partName(index: number): string {
  return `part-${String(index).padStart(3, '0')}.mp4`
}

export const PART_FILE = /^part-(\d{3,})\.mp4$/
