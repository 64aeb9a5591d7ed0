import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { WebSocketServer } from 'ws'
import type { ChatMessage, ContractEvent } from '../src-shared/contract'
import type { ConsoleApp } from '../src-main/console/console-app'
import { createDispatch } from '../src-main/console/contract/dispatch'
import { EventBatcher } from '../src-main/console/contract/event-batcher'
import { startBrowserHost } from '../src-main/host/browser-host'
import { percentile, type BenchResult } from './stats'

const now = () => performance.timeOrigin + performance.now()

function chatEvent(i: number): ChatMessage {
  return {
    id: `m${i}`,
    sequence: i,
    from: 'v_bench',
    nick: 'bench viewer',
    time: now(),
    priority: 'Normal',
    type: 'TIMTextElem',
    text: `message number ${i} from the benchmark`,
    self: false,
  }
}

/** Offers `rate` events/s for `seconds` through `emit`, 1 ms ticks, catching up after late ticks. */
async function offer(rate: number, seconds: number, emit: (i: number) => void): Promise<number> {
  const start = now()
  let sent = 0
  const total = rate * seconds
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((now() - start) / 1000) * rate))
      while (sent < due) emit(++sent)
      if (sent >= total) {
        clearInterval(timer)
        resolve()
      }
    }, 1)
  })
  return sent
}

async function measure(
  url: string,
  mode: 'contract' | 'bare',
  send: (i: number) => void,
  rate: number,
  seconds: number,
) {
  const worker = new Worker(join(__dirname, 'latency-client.mjs'), { workerData: { url, mode } })
  await new Promise<void>((resolve) => worker.once('message', () => resolve()))
  const sent = await offer(rate, seconds, send)
  await new Promise((r) => setTimeout(r, 500)) // let the tail arrive
  const report = await new Promise<{ received: number; latencies: Float64Array }>((resolve) => {
    worker.once('message', resolve)
    worker.postMessage('report')
  })
  await worker.terminate()
  const sorted = Array.from(report.latencies).sort((a, b) => a - b)
  return {
    sent,
    received: report.received,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  }
}

export async function benchContractEvents(seconds: number): Promise<BenchResult> {
  const rate = 5000
  const dir = mkdtempSync(join(tmpdir(), 'livedesk-bench-'))
  mkdirSync(join(dir, 'console'))
  writeFileSync(join(dir, 'console', 'index.html'), '')
  const events = new EventBatcher()
  const app = {
    dispatch: createDispatch({} as never),
    events,
    room: {} as never,
    info: { version: 'bench', host: 'browser', roomId: 'main', viewerUrl: '' },
    close: async () => {},
  } satisfies ConsoleApp
  const host = await startBrowserHost({ app, rendererDir: dir })
  const token = new URL(host.consoleUrl).searchParams.get('token')!
  const contract = await measure(
    `${host.url.replace('http', 'ws')}/contract?token=${token}`,
    'contract',
    (i) => events.emit('room:messages-received', [chatEvent(i)]),
    rate,
    seconds,
  )
  await host.close()

  // Baseline: a bare ws server sending every event as its own frame, no batching, no contract.
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise((r) => wss.once('listening', r))
  const port = (wss.address() as { port: number }).port
  const bare = await measure(
    `ws://127.0.0.1:${port}`,
    'bare',
    (i) => {
      const frame = JSON.stringify({
        name: 'room:messages-received',
        payload: [chatEvent(i)],
      } satisfies ContractEvent)
      for (const client of wss.clients) client.send(frame)
    },
    rate,
    seconds,
  )
  await new Promise((r) => wss.close(r))
  rmSync(dir, { recursive: true, force: true })

  return {
    name: `contract events, browser host, ${rate}/s for ${seconds}s`,
    rows: [
      { metric: 'delivery latency p50 (ms)', value: contract.p50, baseline: bare.p50, goal: '—' },
      {
        metric: 'delivery latency p99 (ms)',
        value: contract.p99,
        baseline: bare.p99,
        goal: '< 50',
      },
      {
        metric: 'events lost',
        value: contract.sent - contract.received,
        baseline: bare.sent - bare.received,
        goal: '0',
      },
      { metric: 'events offered', value: contract.sent, baseline: bare.sent, goal: '—' },
    ],
  }
}
