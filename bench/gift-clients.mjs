// The gift storm's viewers (bench/gift-storm.ts), in a worker thread of their own so that the
// clicking does not share the room's event loop: each viewer orders one gift every 1/rate s for
// `seconds`, a share of the orders is sent twice with the same order id (a retry after a lost
// answer), and every answer is recorded.
import { parentPort, workerData } from 'node:worker_threads'

const { url, viewers, rate, seconds, retryShare, gifts } = workerData
const answers = new Map() // orderId -> { charged, repeated, failed }
const latencies = []
let orders = 0
let retries = 0
let failures = 0
let inFlight = 0
const refusals = {}

async function place(viewer, orderId, giftId) {
  const started = performance.now()
  inFlight++
  try {
    const response = await fetch(`${url}/business/gifts/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: viewer.authorization },
      body: JSON.stringify({ orderId, groupId: 'main', giftId, count: 1 }),
    })
    const body = await response.json()
    latencies.push(performance.now() - started)
    const seen = answers.get(orderId) ?? { charged: 0, repeated: 0, failed: 0 }
    if (response.status === 200 && body.repeated === false) seen.charged++
    else if (response.status === 200) seen.repeated++
    else {
      seen.failed++
      failures++
      refusals[body.code] = (refusals[body.code] ?? 0) + 1
    }
    answers.set(orderId, seen)
  } catch (error) {
    failures++
    refusals[error.cause?.code ?? error.name] = (refusals[error.cause?.code ?? error.name] ?? 0) + 1
  } finally {
    inFlight--
  }
}

const start = performance.now()
const end = start + seconds * 1000
const period = 1000 / rate
const next = viewers.map((_, i) => start + (i / viewers.length) * period)
let n = 0
await new Promise((resolve) => {
  const tick = () => {
    const now = performance.now()
    if (now >= end) return resolve()
    viewers.forEach((viewer, i) => {
      while (next[i] <= now && next[i] < end) {
        next[i] += period
        const orderId = `${viewer.userId}-${(n++).toString(36).padStart(8, '0')}`
        const giftId = gifts[i % gifts.length]
        orders++
        void place(viewer, orderId, giftId)
        if (Math.random() < retryShare) {
          retries++
          void place(viewer, orderId, giftId)
        }
      }
    })
    setTimeout(tick, 5)
  }
  tick()
})
while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 20))
let doubleCharged = 0
let charged = 0
for (const seen of answers.values()) {
  if (seen.charged > 1) doubleCharged++
  if (seen.charged >= 1) charged++
}
latencies.sort((a, b) => a - b)
parentPort.postMessage({
  type: 'done',
  orders,
  retries,
  failures,
  charged,
  doubleCharged,
  refusals,
  latencies: Float64Array.from(latencies),
  elapsedMs: performance.now() - start,
})
