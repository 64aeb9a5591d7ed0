import { join } from 'node:path'
import { ReconnectPolicy, type StreamStatus } from '../src-shared/contract/stream'
import type { LiveRoom } from '../src-main/liveroom'
import { now, readFlv } from './flv-reader'
import { percentile, type BenchResult } from './stats'
import {
  ingestOf,
  median,
  mediaOrigin,
  openStreamBench,
  PlainFfmpeg,
  pushSettings,
  recordedFrames,
  sleep,
  startRoom,
  supervisor,
  tappedSupervisor,
  until,
  type ProgressMark,
  type StreamBench,
} from './stream-fixture'

/**
 * Stream benchmarks against the embedded ingest: LiveDesk's pipeline (StreamSupervisor: encoder
 * → UDP loopback → relay → RTMP) beside the baseline of the same encoder arguments in one plain
 * ffmpeg pushing straight to RTMP, both at LiveDesk's default profile (720p30, veryfast), both on
 * 127.0.0.1, read back over HTTP-FLV from the room's own server.
 */

type Pipeline = 'livedesk' | 'plain'

/** Something pushing to the room's ingest, and how to stop it. */
async function push(
  bench: StreamBench,
  pipeline: Pipeline,
  url: string,
  options: { record?: string; marks?: ProgressMark[] } = {},
): Promise<{ stop(): Promise<void>; marks: ProgressMark[] }> {
  if (pipeline === 'plain') {
    const plain = new PlainFfmpeg(bench, url, options.record)
    return { stop: () => plain.stop(), marks: plain.marks }
  }
  const marks = options.marks ?? []
  const s = tappedSupervisor(bench, marks)
  const started = s.start(
    pushSettings(url, options.record ? { record: { path: options.record, format: 'fmp4' } } : {}),
  )
  // The caller measures from here; a failed start surfaces as no frame, and its error on stop.
  started.catch(() => {})
  return {
    marks,
    async stop() {
      const status = await started.catch((error: Error) => error)
      await s.stop()
      if (status instanceof Error) throw status
    },
  }
}

async function firstFrameOnce(bench: StreamBench, pipeline: Pipeline): Promise<number> {
  const room = await startRoom(bench)
  const ingest = ingestOf(room)
  const t0 = now()
  const pusher = await push(bench, pipeline, ingest.publishUrl())
  const reader = readFlv(ingest.playUrl(), { retryMs: 20, timeoutMs: 30_000 })
  try {
    return (await reader.firstFrame) - t0
  } finally {
    reader.close()
    await pusher.stop()
    await room.close()
  }
}

/**
 * 1. Push start → first HTTP-FLV video frame: from the start() call (baseline: from spawning the
 * plain ffmpeg) until a reader that polls the room's play URL every 20 ms gets its first coded
 * H.264 frame. A fresh room per run, so no GOP cache of an earlier run is served.
 */
export async function benchStreamFirstFrame(runs = 3): Promise<BenchResult> {
  const bench = await openStreamBench()
  const livedesk: number[] = []
  const plain: number[] = []
  try {
    for (let i = 0; i < runs; i++) {
      livedesk.push(await firstFrameOnce(bench, 'livedesk'))
      plain.push(await firstFrameOnce(bench, 'plain'))
    }
  } finally {
    bench.close()
  }
  return {
    name: `stream start → first HTTP-FLV video frame, 720p30 veryfast, ${runs} runs each`,
    rows: [
      {
        metric: 'start → first frame, median (ms)',
        value: Math.round(median(livedesk)),
        baseline: Math.round(median(plain)),
        goal: '< 2000',
      },
      {
        metric: 'start → first frame, worst (ms)',
        value: Math.round(Math.max(...livedesk)),
        baseline: Math.round(Math.max(...plain)),
        goal: '—',
      },
    ],
  }
}

async function glassOnce(bench: StreamBench, pipeline: Pipeline, seconds: number) {
  const room = await startRoom(bench)
  const ingest = ingestOf(room)
  const record = join(bench.dir, `glass-${pipeline}-${Date.now()}.mp4`)
  const pusher = await push(bench, pipeline, ingest.publishUrl(), { record })
  const reader = readFlv(ingest.playUrl(), { timeoutMs: 30_000 })
  try {
    await reader.firstFrame
    await sleep(seconds * 1000)
  } finally {
    reader.close()
    await pusher.stop()
    await room.close()
  }
  const origin = mediaOrigin(pusher.marks)
  const byTail = await recordedFrames(bench, record)
  // The first seconds are the ingest's GOP cache sent in a burst to the new viewer, then the
  // viewer catching up: a join, not the steady state this figure is about.
  const from = (reader.connectedAt() ?? 0) + 3000
  const steady = reader.frames.filter((f) => f.arrivedAt >= from)
  const latencies: number[] = []
  for (const frame of steady) {
    const pts = byTail.get(frame.tail)
    if (pts !== undefined) latencies.push(frame.arrivedAt - (origin + pts))
  }
  latencies.sort((a, b) => a - b)
  return { latencies, received: steady.length }
}

/**
 * 2. Glass-to-glass latency, made machine-readable instead of read off the burned-in clock (that
 * would need OCR, and it only shows whole seconds). For each H.264 frame the FLV reader gets:
 *
 *   latency = arrival wall time − (T0 + pts)
 *
 * - pts: the frame's presentation time in the encoder's own timeline, found by matching the last
 *   32 bytes of its coded data against the same encoder's recording (remuxed; the bytes are
 *   identical, only the framing differs). The relay re-bases FLV timestamps to when it joined, so
 *   the FLV timestamp itself cannot be used.
 * - T0: the wall time of pts 0. The source runs with -re, so frame p is read at T0 + p and the
 *   encoder cannot output it earlier; every `-progress` block (read time − out_time) bounds T0
 *   from above, and the smallest bound is T0 plus the encode delay (about one frame with
 *   zerolatency).
 *
 * So this is source-read → viewer-socket, minus one frame of encoding, without the player's own
 * buffer. Same method, same encoder, for both pipelines; frames after the first 3 s of viewing.
 */
export async function benchStreamGlassToGlass(seconds: number): Promise<BenchResult> {
  const bench = await openStreamBench()
  try {
    const livedesk = await glassOnce(bench, 'livedesk', seconds)
    const plain = await glassOnce(bench, 'plain', seconds)
    return {
      name: `glass-to-glass (source read → HTTP-FLV arrival, pts matched to the recording), 720p30, ${seconds}s`,
      rows: [
        {
          metric: 'latency p50 (ms)',
          value: Math.round(percentile(livedesk.latencies, 50)),
          baseline: Math.round(percentile(plain.latencies, 50)),
          goal: '< 1500',
        },
        {
          metric: 'latency p95 (ms)',
          value: Math.round(percentile(livedesk.latencies, 95)),
          baseline: Math.round(percentile(plain.latencies, 95)),
          goal: '—',
        },
        {
          metric: 'frames measured / received',
          value: livedesk.latencies.length / Math.max(1, livedesk.received),
          baseline: plain.latencies.length / Math.max(1, plain.received),
          goal: '≈ 1',
        },
      ],
    }
  } finally {
    bench.close()
  }
}

/** Wall time of the first event after `since` that `pick` accepts. */
function firstAfter<T>(
  events: Array<{ at: number; value: T }>,
  since: number,
  pick: (v: T) => boolean,
) {
  return events.find((e) => e.at >= since && pick(e.value))?.at ?? null
}

/**
 * 3. First reconnect attempt after the ingest drops. The room (and with it the RTMP listener and
 * every connection) is closed while the supervisor streams; measured from the close() call to the
 * supervisor's status `reconnecting` with attempt ≥ 1, and to the spawn of the first new push
 * process (its own log line, written right after spawn). Then the room comes back on the same
 * port and data dir (same signing secret, so the same push URL is valid) and the push recovers
 * before the next drop. Baselines: how long a plain ffmpeg push takes to exit on the same drop
 * (how fast ffmpeg itself notices), and the configured first retry delay.
 */
export async function benchStreamReconnect(drops = 3): Promise<BenchResult> {
  const bench = await openStreamBench()
  const dataDir = join(bench.dir, 'reconnect-room')
  const policy = ReconnectPolicy.parse({})
  let room: LiveRoom | null = await startRoom(bench, 0, dataDir)
  const port = ingestOf(room).rtmpPort
  const url = ingestOf(room).publishUrl()
  const logs: Array<{ at: number; value: string }> = []
  const statuses: Array<{ at: number; value: StreamStatus }> = []
  const s = supervisor(bench, { log: (line) => logs.push({ at: now(), value: line }) })
  s.onStatus((status) => statuses.push({ at: now(), value: status }))
  const noticed: number[] = []
  const retried: number[] = []
  const plainExit: number[] = []
  try {
    for (let i = 0; i < drops; i++) {
      const plain = new PlainFfmpeg(bench, url)
      await until(() => ingestOf(room!).isLive(), 'the plain push to go live')
      await sleep(2000)
      const dropAt = now()
      await room.close()
      room = null
      await Promise.race([plain.exited, sleep(30_000)])
      plainExit.push(plain.running() ? NaN : now() - dropAt)
      await plain.stop()
      room = await startRoom(bench, port, dataDir)
    }

    await s.start(pushSettings(url))
    for (let i = 0; i < drops; i++) {
      await until(() => s.status().state === 'started', 'the push to be up', 60_000)
      await sleep(2000)
      const dropAt = now()
      const closing = room.close()
      room = null
      await until(
        () => firstAfter(logs, dropAt, (line) => line.startsWith('stream: push pid')) !== null,
        'the first retry',
      )
      await closing
      const reconnecting = firstAfter(
        statuses,
        dropAt,
        (st) => st.state === 'reconnecting' && st.attempt >= 1,
      )
      const spawned = firstAfter(logs, dropAt, (line) => line.startsWith('stream: push pid'))
      noticed.push((reconnecting ?? NaN) - dropAt)
      retried.push((spawned ?? NaN) - dropAt)
      room = await startRoom(bench, port, dataDir)
    }
  } finally {
    await s.stop()
    await room?.close()
    bench.close()
  }
  return {
    name: `push reconnect after the ingest drops (room closed), ${drops} drops each`,
    rows: [
      {
        metric:
          'drop → status reconnecting, attempt ≥ 1, median (ms); baseline: plain ffmpeg exits',
        value: Math.round(median(noticed)),
        baseline: Math.round(median(plainExit)),
        goal: '—',
      },
      {
        metric: 'drop → first retry spawned, median (ms); baseline: initialDelayMs',
        value: Math.round(median(retried)),
        baseline: policy.initialDelayMs,
        goal: '≤ 2000',
      },
      {
        metric: 'drop → first retry spawned, worst (ms); baseline: initialDelayMs + max jitter',
        value: Math.round(Math.max(...retried)),
        baseline: Math.round(policy.initialDelayMs * (1 + policy.jitter)),
        goal: '≤ 2000',
      },
    ],
  }
}
