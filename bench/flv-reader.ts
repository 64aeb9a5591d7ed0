import http from 'node:http'

/**
 * A minimal HTTP-FLV reader for the stream benchmarks: FLV tags parsed as bytes arrive, each
 * H.264 frame stamped with its arrival time. No decoding, so the reader adds nothing measurable.
 */

export const now = () => performance.timeOrigin + performance.now()

export interface VideoFrame {
  /** Wall time (ms) the tag's last byte arrived. */
  arrivedAt: number
  /** FLV timestamp (decode time) plus composition offset, ms. */
  pts: number
  key: boolean
  /**
   * The last bytes of the coded picture. The same encoder output reaches the recording (MP4) and
   * the push (FLV, or MPEG-TS then FLV) with different framing and parameter sets in front, but
   * the end of the slice data is byte-identical, so it identifies the frame in both.
   */
  tail: string
}

const tailBytes = 32

/** Feed FLV bytes in any chunking; get back the coded H.264 frames they complete. */
export function createFlvParser(): { push(chunk: Buffer, arrivedAt: number): VideoFrame[] } {
  let buffer: Buffer = Buffer.alloc(0)
  let headerDone = false
  return {
    push(chunk, arrivedAt) {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk
      const frames: VideoFrame[] = []
      let at = 0
      if (!headerDone) {
        if (buffer.length < 13) return frames
        if (buffer.toString('latin1', 0, 3) !== 'FLV') throw new Error('not an FLV stream')
        at = buffer.readUInt32BE(5) + 4 // header, then PreviousTagSize0
        headerDone = true
      }
      while (buffer.length - at >= 11) {
        const type = buffer[at]! & 0x1f
        const size = buffer.readUIntBE(at + 1, 3)
        if (buffer.length - at < 11 + size + 4) break
        const dts = buffer.readUIntBE(at + 4, 3) | (buffer[at + 7]! << 24)
        const data = buffer.subarray(at + 11, at + 11 + size)
        // Video, AVC (codec 7), AVCPacketType 1 = coded NAL units (0 is the sequence header).
        if (type === 9 && size > 5 + tailBytes && (data[0]! & 0x0f) === 7 && data[1] === 1) {
          const cts = (data.readUIntBE(2, 3) << 8) >> 8 // SI24
          frames.push({
            arrivedAt,
            pts: dts + cts,
            key: data[0]! >> 4 === 1,
            tail: data.subarray(size - tailBytes).toString('hex'),
          })
        }
        at += 11 + size + 4
      }
      buffer = buffer.subarray(at)
      return frames
    },
  }
}

export interface FlvReader {
  /** Resolves with the arrival time of the first coded video frame. */
  firstFrame: Promise<number>
  frames: VideoFrame[]
  /** When the HTTP response (200) arrived. */
  connectedAt(): number | null
  close(): void
}

/**
 * GETs `url` every `retryMs` until it answers 200 (the ingest answers 404 until the publish is
 * accepted), then reads FLV until closed. Rejects `firstFrame` after `timeoutMs`.
 */
export function readFlv(url: string, options: { retryMs?: number; timeoutMs?: number } = {}) {
  const retryMs = options.retryMs ?? 20
  const deadline = now() + (options.timeoutMs ?? 20_000)
  const frames: VideoFrame[] = []
  let closed = false
  let connected: number | null = null
  let request: http.ClientRequest | null = null
  let retry: NodeJS.Timeout | null = null
  let settle: { resolve: (t: number) => void; reject: (e: Error) => void } | null = null
  const firstFrame = new Promise<number>((resolve, reject) => {
    settle = { resolve, reject }
  })
  // A reader that is closed before any frame must not leave an unhandled rejection behind.
  firstFrame.catch(() => {})
  const fail = (error: Error) => {
    settle?.reject(error)
    settle = null
  }
  const attempt = () => {
    retry = null
    if (closed) return
    if (now() > deadline) {
      fail(new Error(`no video frame from ${url} in time`))
      return
    }
    const again = () => {
      if (!closed && connected === null) retry = setTimeout(attempt, retryMs)
    }
    request = http.get(url, (res) => {
      if (res.statusCode !== 200) {
        res.resume()
        res.once('end', again)
        return
      }
      connected = now()
      const parser = createFlvParser()
      res.on('data', (chunk: Buffer) => {
        const arrivedAt = now()
        for (const frame of parser.push(chunk, arrivedAt)) {
          frames.push(frame)
          settle?.resolve(frame.arrivedAt)
          settle = null
        }
      })
      res.once('end', () => fail(new Error(`${url} ended before a video frame`)))
    })
    request.once('error', (error) => {
      if (connected === null) again()
      else fail(error)
    })
  }
  attempt()
  return {
    firstFrame,
    frames,
    connectedAt: () => connected,
    close() {
      closed = true
      if (retry) clearTimeout(retry)
      request?.destroy()
      fail(new Error('reader closed'))
    },
  } satisfies FlvReader
}
