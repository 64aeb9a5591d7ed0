/**
 * ffmpeg's arguments for the room server's recordings, pure (the choke-point pattern of
 * console/stream/ffmpeg-args.ts). Nothing is encoded: the ingest's stream is copied as it came.
 */

/**
 * One part: the room's HTTP-FLV copied into fragmented MP4, so a part cut short (the room server
 * killed, the disk full) is still playable up to its last fragment.
 */
export function recordPartArgs(flvUrl: string, output: string): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-i',
    flvUrl,
    // Video and audio only: an FLV may carry a data track, which MP4 cannot hold.
    '-map',
    '0:v?',
    '-map',
    '0:a?',
    '-c',
    'copy',
    '-avoid_negative_ts',
    'make_zero',
    '-movflags',
    '+frag_keyframe+empty_moov+default_base_moof',
    '-f',
    'mp4',
    '-y',
    output,
  ]
}

/**
 * The parts joined with the concat demuxer (`listFile`, see concatList) into one MP4 whose index
 * is at the front (faststart), so a browser starts playing and seeks with range requests at once.
 */
export function joinPartsArgs(listFile: string, output: string): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    listFile,
    '-map',
    '0',
    '-c',
    'copy',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    '-y',
    output,
  ]
}

/** The concat demuxer's list: one `file '<path>'` line per part, quotes escaped its way. */
export function concatList(files: readonly string[]): string {
  return files.map((file) => `file '${file.replaceAll("'", "'\\''")}'\n`).join('')
}
