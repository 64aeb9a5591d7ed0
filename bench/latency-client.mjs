// Worker thread: a WebSocket client that timestamps every event it receives. It stands in for the
// renderer (a separate process in real use), so its event loop does not share the sender's.
import { parentPort, workerData } from 'node:worker_threads'
import WebSocket from 'ws'

const { url, mode } = workerData
const latencies = []
let received = 0
const now = () => performance.timeOrigin + performance.now()
const ws = new WebSocket(url)
ws.on('open', () => parentPort.postMessage({ type: 'open' }))
ws.on('message', (data) => {
  const t = now()
  const frame = JSON.parse(data.toString())
  const events = mode === 'contract' ? (frame.kind === 'events' ? frame.events : []) : [frame]
  for (const event of events) {
    for (const message of event.payload) {
      latencies.push(t - message.time)
      received++
    }
  }
})
parentPort.on('message', (msg) => {
  if (msg === 'report') {
    parentPort.postMessage({ type: 'report', received, latencies: Float64Array.from(latencies) })
    ws.close()
  }
})
