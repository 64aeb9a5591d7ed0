import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import send from 'send'
import { parseReplayUrlPath } from './replay-paths'

export interface ReplayFiles {
  /** The show's joined recording on disk; undefined while there is none. */
  fileOf(groupId: string, showId: string): string | undefined
  /** Whether the anchor published this show's replay: before that it is not public. */
  published(groupId: string, showId: string): boolean
}

function notFound(response: ServerResponse, words: string): void {
  response.writeHead(404, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  })
  response.end(`${words}\n`)
}

/**
 * `GET|HEAD /replays/<groupId>/<showId>.mp4`: a published show's recording, with byte ranges
 * (a <video> asks for `Range: bytes=0-` and seeks with more). The `send` package answers Range,
 * If-Range, ETag, Last-Modified and HEAD as RFC 9110 has them (206 with Content-Range, 416 with
 * `bytes *\/size`, a multi-range or a stale If-Range served whole); only ids that can name a
 * file under the replays folder get that far (replay-paths.ts).
 */
export function serveReplay(
  request: IncomingMessage,
  response: ServerResponse,
  rawPath: string,
  files: ReplayFiles,
): void {
  const ids = parseReplayUrlPath(rawPath)
  if (!ids) return notFound(response, 'No such replay. Replays are /replays/<room>/<show>.mp4.')
  const file = files.published(ids.groupId, ids.showId)
    ? files.fileOf(ids.groupId, ids.showId)
    : undefined
  if (!file) return notFound(response, 'This show has no published replay on this server.')
  send(request, path.basename(file), {
    root: path.dirname(file),
    dotfiles: 'deny',
    index: false,
    extensions: false,
    // The file of a show never changes once joined; a player revalidates with its ETag.
    cacheControl: false,
  })
    .on('headers', (res: ServerResponse) => {
      res.setHeader('Content-Type', 'video/mp4')
      res.setHeader('Cache-Control', 'no-cache')
      res.setHeader('X-Content-Type-Options', 'nosniff')
    })
    .on('error', (error: { status?: number; headers?: Record<string, string> }) => {
      const status = error.status ?? 500
      const headers: Record<string, string> = {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
        ...error.headers,
      }
      response.writeHead(status, headers)
      response.end(
        status === 416
          ? `That byte range is not in the replay (${headers['Content-Range'] ?? 'bytes */?'} is its size).\n`
          : status === 404
            ? 'This show has no published replay on this server.\n'
            : 'The replay could not be read.\n',
      )
    })
    .pipe(response)
}
