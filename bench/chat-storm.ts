import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { chromium, type Page } from '@playwright/test'
import { signUserSig } from '../src-main/common/usersig'
import { PROTOCOL_PATH } from '../src-shared/protocol/frames'
import { percentile, type BenchResult } from './stats'

/**
 * Issue 15 §4's chat storm: the built browser host with its cap raised (`--msg-cap`), a console
 * open in Chromium at 1440×900 following the chat, and `rate` messages a second sent to the room
 * for `seconds` by a connection of the App admin (exempt from the flood limit; REST is capped
 * at 200 calls a second, as Tencent's is). Chromium's own clock measures the page: frames
 * (requestAnimationFrame intervals, kept in a preallocated array so measuring allocates nothing),
 * the chat rows mounted, the lines kept (the oldest one's number after the run), and the
 * renderer's heap after a forced GC at the start of the steady state and at the end. The baseline
 * is the same console at Tencent's default 40 msg/s.
 */

const root = join(__dirname, '..')
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

interface StormRun {
  offered: number
  admitted: number
  refused: number
  fps: number
  frameP99: number
  longFrames: number
  maxRows: number
  kept: number
  heapStartMb: number
  heapEndMb: number
  hostRssStartMb: number
  hostRssEndMb: number
}

async function startHost(msgCap: number): Promise<{
  child: ChildProcess
  dataDir: string
  consoleUrl: string
  wsUrl: string
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'livedesk-chat-storm-'))
  const child = spawn(
    process.execPath,
    [join(root, 'out/main/host.js'), '--port', '0', '--msg-cap', String(msgCap), '--data', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  const urls = await new Promise<{ consoleUrl: string; viewerUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const consoleUrl = /^Console: (\S+)$/m.exec(output)?.[1]
      const viewerUrl = /^Viewer: (\S+)$/m.exec(output)?.[1]
      if (consoleUrl && viewerUrl && /^Data: /m.test(output)) {
        clearTimeout(timer)
        resolve({ consoleUrl, viewerUrl })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)))
  })
  const room = new URL(urls.viewerUrl)
  return { child, dataDir, consoleUrl: urls.consoleUrl, wsUrl: `ws://${room.host}${PROTOCOL_PATH}` }
}

async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

function rssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN)
  return kb / 1024
}

/**
 * Frame intervals into a preallocated ring; `takeFrames()` answers those since the last take. Page
 * scripts are strings: this file is type-checked for Node, without the DOM's types.
 */
const frameClock = `(() => {
  const ring = new Float64Array(1 << 16)
  let written = 0
  let read = 0
  let last = performance.now()
  const tick = (now) => {
    ring[written++ & 0xffff] = now - last
    last = now
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  window.takeFrames = () => {
    const out = []
    for (; read < written; read++) out.push(ring[read & 0xffff])
    return out
  }
})()`

const takeFrames = (page: Page) => page.evaluate<number[]>('window.takeFrames()')

const rowsMounted = (page: Page) =>
  page.evaluate<number>(`document.querySelectorAll('[role="log"] .chat-line').length`)

async function storm(rate: number, seconds: number): Promise<StormRun> {
  const host = await startHost(Math.max(40, Math.ceil(rate * 1.25)))
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  try {
    const identity = JSON.parse(
      readFileSync(join(host.dataDir, 'liveroom/identity.json'), 'utf8'),
    ) as { sdkAppId: number; secretKey: string }
    const userSig = signUserSig({
      sdkAppId: identity.sdkAppId,
      secretKey: identity.secretKey,
      userId: 'administrator',
      nowSeconds: Date.now() / 1000,
      expireSeconds: 86_400,
    })

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    const cdp = await page.context().newCDPSession(page)
    const heapMb = async () => {
      await cdp.send('HeapProfiler.collectGarbage')
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
      return usage.usedSize / 2 ** 20
    }
    await page.goto(host.consoleUrl)
    await page.getByRole('log', { name: 'Chat' }).waitFor()
    await page.evaluate(frameClock)

    // One connection of the App admin (exempt from the per-user flood limit, as a host is; a
    // second login of the same user replaces the first), through bench/room-clients.mjs: the same
    // client protocol (version 3) the console speaks.
    const sender = new Worker(join(__dirname, 'room-clients.mjs'), {
      workerData: {
        role: 'senders',
        mode: 'livedesk',
        url: host.wsUrl,
        sdkAppId: identity.sdkAppId,
        maxId: Math.ceil(rate * seconds) + 1,
        padding: 24,
        senders: [{ userId: 'administrator', userSig, groupId: 'main', rate }],
      },
    })
    const inbox = messages(sender)
    await inbox.next('ready')
    sender.postMessage({ type: 'start', seconds })
    const sent = inbox.next<{ offered: number }>('offered')
    // The steady state starts once the console holds its full 10,000 lines (or after a fifth of
    // the run at a slower rate); frames before it are the warm-up.
    const warmupMs = Math.min(seconds * 200, Math.max(5_000, (10_000 / rate) * 1000 + 5_000))
    const frames: number[] = []
    let maxRows = 0
    let heapStartMb = NaN
    let hostRssStartMb = NaN
    const startedAt = Date.now()
    let warm = false
    while (Date.now() - startedAt < seconds * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const taken = await takeFrames(page)
      maxRows = Math.max(maxRows, await rowsMounted(page))
      if (!warm && Date.now() - startedAt >= warmupMs) {
        warm = true
        heapStartMb = await heapMb()
        hostRssStartMb = rssMb(host.child.pid)
        await takeFrames(page)
        continue
      }
      if (warm) frames.push(...taken)
    }
    const { offered } = await sent
    // The last echoes: done once none has come for 1.5 s.
    sender.postMessage({ type: 'settle', quietMs: 1500, maxMs: 30_000 })
    await inbox.next('settled')
    sender.postMessage({ type: 'report' })
    const report = await inbox.next<{
      echoedAt: Float64Array
      failedAcks: Record<string, number>
    }>('report')
    let admitted = 0
    for (let id = 1; id <= offered; id++) if (report.echoedAt[id]) admitted++
    const refused = Object.values(report.failedAcks).reduce((sum, n) => sum + n, 0)
    const heapEndMb = await heapMb()
    const hostRssEndMb = rssMb(host.child.pid)
    // The oldest line kept: scroll the log to its top and read the first line's number.
    await page.evaluate(`document.querySelector('[role="log"]').scrollTop = 0`)
    await new Promise((resolve) => setTimeout(resolve, 500))
    const first = await page.locator('[role="log"] .chat-line .chat-text').first().textContent()
    const oldest = Number(/#(\d+)@/.exec(first ?? '')?.[1] ?? NaN)
    const sorted = Float64Array.from(frames).sort()
    const total = frames.reduce((sum, ms) => sum + ms, 0)
    await sender.terminate()
    return {
      offered,
      admitted,
      refused,
      fps: (frames.length / total) * 1000,
      frameP99: percentile(sorted, 99),
      longFrames: (frames.filter((ms) => ms > 20).length / frames.length) * 100,
      maxRows,
      kept: offered - oldest + 1,
      heapStartMb,
      heapEndMb,
      hostRssStartMb,
      hostRssEndMb,
    }
  } finally {
    await browser.close()
    await stopHost(host.child)
    rmSync(host.dataDir, { recursive: true, force: true })
  }
}

/** A worker's messages in order; `next(type)` throws on a failure report or another type. */
function messages(worker: Worker) {
  const inbox: { type: string }[] = []
  const waiting: ((message: { type: string }) => void)[] = []
  const deliver = (message: { type: string }) => {
    const waiter = waiting.shift()
    if (waiter) waiter(message)
    else inbox.push(message)
  }
  worker.on('message', deliver)
  worker.on('error', (error) => deliver({ type: 'failed', message: error.message } as never))
  return {
    async next<T>(type: string): Promise<T> {
      const message =
        inbox.shift() ?? (await new Promise<{ type: string }>((resolve) => waiting.push(resolve)))
      if (message.type !== type) throw new Error(`chat storm sender: ${JSON.stringify(message)}`)
      return message as T
    },
  }
}

async function buildIfStale(): Promise<void> {
  const script = pathToFileURL(join(root, 'scripts/build-if-stale.mjs')).href
  const module = (await import(script)) as { buildIfStale: (o?: { quiet?: boolean }) => void }
  module.buildIfStale()
}

export async function benchChatStorm(
  seconds: number,
  rate = 1000,
  baselineRate = 40,
): Promise<BenchResult> {
  await buildIfStale()
  const baselineSeconds = Math.min(seconds, 60)
  const calm = await storm(baselineRate, baselineSeconds)
  const loud = await storm(rate, seconds)
  const growth = (run: StormRun) => ((run.heapEndMb - run.heapStartMb) / run.heapStartMb) * 100
  return {
    name: `chat storm: ${rate} msg/s for ${seconds} s into the console in Chromium, 1440×900 (baseline: ${baselineRate} msg/s for ${baselineSeconds} s)`,
    rows: [
      { metric: 'messages sent', value: loud.offered, baseline: calm.offered, goal: '—' },
      {
        metric: 'messages admitted by the room',
        value: loud.admitted,
        baseline: calm.admitted,
        goal: 'all',
      },
      { metric: 'sends refused', value: loud.refused, baseline: calm.refused, goal: '0' },
      { metric: 'frames per second', value: loud.fps, baseline: calm.fps, goal: '≥ 58' },
      { metric: 'frame time p99 (ms)', value: loud.frameP99, baseline: calm.frameP99, goal: '—' },
      {
        metric: 'frames over 20 ms (%)',
        value: loud.longFrames,
        baseline: calm.longFrames,
        goal: '—',
      },
      {
        metric: 'chat rows mounted, most',
        value: loud.maxRows,
        baseline: calm.maxRows,
        goal: '≤ 150',
      },
      {
        metric: 'chat lines kept',
        value: loud.kept,
        baseline: calm.kept,
        goal: `${Math.min(10_000, loud.offered)} (the newest 10,000)`,
      },
      {
        metric: 'renderer heap after GC, steady start (MB)',
        value: loud.heapStartMb,
        baseline: calm.heapStartMb,
        goal: '—',
      },
      {
        metric: 'renderer heap growth to the end (%)',
        value: growth(loud),
        baseline: growth(calm),
        goal: '≤ 10 (flat)',
      },
      {
        metric: 'host RSS growth to the end (MB)',
        value: loud.hostRssEndMb - loud.hostRssStartMb,
        baseline: calm.hostRssEndMb - calm.hostRssStartMb,
        goal: '—',
      },
    ],
  }
}
