// Worker thread: many clients of one room server, kept off the server's event loop (in real use
// they are other machines). Speaks LiveDesk's /im/v1 protocol, version 3 as the viewer page and the
// console do ('livedesk'), or the bare baseline's subset of it ('bare': no login, the same join and
// send frames, a `message` frame per message).
//
// role 'receivers': connects, logs in and joins every member, then records each benchmark message
//   it receives: latency from the sender's timestamp, and which ids each member got.
// role 'senders': joins each sender to its group and, on 'start', offers timestamped messages at
//   its rate; records the echo of its own messages (the room broadcasts to the sender too), which
//   is the set the room admitted.
import { parentPort, workerData } from 'node:worker_threads'
import WebSocket from 'ws'
import { eachMark, messagePrefix, textMark } from './bench-marks.mjs'

const now = () => performance.timeOrigin + performance.now()
const { role, mode, url, sdkAppId, members = [], senders = [], maxId = 0 } = workerData
const concurrency = 50

let lastFrameAt = 0
let unexpectedCloses = 0
let closing = false
const closeCodes = {}

/** One connection: resolves once it is logged in (LiveDesk) and has joined its group. */
function connect(member, onBench) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false })
    const pending = new Map()
    let seq = 0
    const request = (frame) =>
      new Promise((done) => {
        seq += 1
        pending.set(seq, done)
        ws.send(JSON.stringify({ ...frame, seq }))
      })
    ws.on('message', (data) => {
      lastFrameAt = now()
      const text = data.toString()
      if (text.startsWith(messagePrefix)) {
        onBench(text)
        return
      }
      if (text.startsWith('{"type":"ack"')) {
        const ack = JSON.parse(text)
        const done = pending.get(ack.seq)
        if (done) {
          pending.delete(ack.seq)
          done(ack)
        } else onAck(ack)
      }
    })
    ws.on('close', (code) => {
      if (closing) return
      unexpectedCloses++
      closeCodes[code] = (closeCodes[code] ?? 0) + 1
    })
    // Before 'open' an error fails the setup; later ones end in 'close', which is counted.
    ws.on('error', reject)
    ws.once('open', async () => {
      if (mode === 'livedesk') {
        const login = await request({
          type: 'login',
          version: 3,
          sdkAppId,
          userId: member.userId,
          userSig: member.userSig,
        })
        if (login.code !== 0) return reject(new Error(`login ${member.userId}: ${login.message}`))
      }
      const join = await request({ type: 'join', groupId: member.groupId })
      if (join.code !== 0) return reject(new Error(`join ${member.userId}: ${join.message}`))
      resolve({ ws })
    })
  })
}

/** Connects everyone, `concurrency` at a time (a burst of 1,000 SYNs would overflow the backlog). */
async function connectAll(list, onBench) {
  const sockets = new Array(list.length)
  let next = 0
  const lane = async () => {
    while (next < list.length) {
      const index = next++
      sockets[index] = await connect(list[index], (text) => onBench(index, text))
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, lane))
  return sockets
}

// ---- acks not awaited (the senders' sends) ------------------------------------------------------
const failedAcks = {}
function onAck(ack) {
  if (ack.code !== 0) failedAcks[ack.code] = (failedAcks[ack.code] ?? 0) + 1
}

// ---- receivers ---------------------------------------------------------------------------------
const latencies = []
const got = members.map(() => new Uint8Array(maxId + 1))
const union = new Uint8Array(maxId + 1)
let duplicates = 0

function onReceived(index, { id, sentAt }) {
  const t = now()
  const seen = got[index]
  if (seen[id]) {
    duplicates++
    return
  }
  seen[id] = 1
  union[id] = 1
  latencies.push(t - sentAt)
}

// ---- senders -----------------------------------------------------------------------------------
/** Per id: the sender's index, the priority index, and what the echo said. */
const senderOf = new Int16Array(maxId + 1).fill(-1)
const priorityOf = new Int8Array(maxId + 1).fill(-1)
const admittedAt = new Float64Array(maxId + 1) // server's `time` of the echoed message
const echoedAt = new Float64Array(maxId + 1) // when the echo reached the sender
const priorities = ['High', 'Normal', 'Low', 'Lowest']

/** A `message` frame (bare) or a `messages` batch (LiveDesk, version 3). */
function onEcho(_index, text) {
  const t = now()
  const frame = JSON.parse(text)
  for (const message of frame.type === 'messages' ? frame.messages : [frame.message]) {
    const id = textMark(message.msgBody[0]?.MsgContent?.Text ?? '')?.id
    if (id === undefined || echoedAt[id]) continue
    echoedAt[id] = t
    admittedAt[id] = message.time
  }
}

async function offer(sockets, seconds) {
  const start = now()
  const padding = '.'.repeat(workerData.padding ?? 60)
  const sent = senders.map(() => 0)
  const totals = senders.map((s) => Math.round(s.rate * seconds))
  let nextId = 1
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (now() - start) / 1000
      let done = true
      senders.forEach((sender, index) => {
        const due = Math.min(totals[index], Math.floor(elapsed * sender.rate))
        while (sent[index] < due && nextId <= maxId) {
          const id = nextId++
          const cycle = sender.priorities ?? ['Normal']
          const priority = cycle[sent[index] % cycle.length]
          sent[index]++
          senderOf[id] = index
          priorityOf[id] = priorities.indexOf(priority)
          sockets[index].ws.send(
            JSON.stringify({
              type: 'send',
              seq: 1_000_000 + id,
              groupId: sender.groupId,
              random: id,
              priority,
              msgBody: [
                {
                  MsgType: 'TIMTextElem',
                  MsgContent: { Text: `#${id}@${now().toFixed(3)}|${padding}` },
                },
              ],
            }),
          )
        }
        if (sent[index] < totals[index]) done = false
      })
      if (done || nextId > maxId) {
        clearInterval(timer)
        resolve()
      }
    }, 1)
  })
  return nextId - 1
}

// ---- control -----------------------------------------------------------------------------------
let sockets = []
/** Event-loop utilization from 'mark' on: near 1 means the clients, not the server, set the pace. */
let busySince = performance.eventLoopUtilization()
const setupStart = now()
try {
  sockets =
    role === 'receivers'
      ? await connectAll(members, (index, text) =>
          eachMark(text, (id, sentAt) => onReceived(index, { id, sentAt })),
        )
      : await connectAll(senders, onEcho)
  parentPort.postMessage({ type: 'ready', setupMs: now() - setupStart })
} catch (error) {
  parentPort.postMessage({ type: 'failed', message: String(error?.message ?? error) })
}

parentPort.on('message', async (command) => {
  if (command.type === 'start') {
    const offered = await offer(sockets, command.seconds)
    parentPort.postMessage({ type: 'offered', offered })
  } else if (command.type === 'mark') {
    busySince = performance.eventLoopUtilization()
  } else if (command.type === 'settle') {
    // Resolves once no frame has arrived for `quietMs`, or at `maxMs`.
    const begin = now()
    const check = setInterval(() => {
      const t = now()
      if (t - Math.max(lastFrameAt, begin) >= command.quietMs || t - begin >= command.maxMs) {
        clearInterval(check)
        parentPort.postMessage({ type: 'settled' })
      }
    }, 20)
  } else if (command.type === 'report') {
    closing = true
    parentPort.postMessage(
      role === 'receivers'
        ? {
            type: 'report',
            latencies: Float64Array.from(latencies),
            unique: Uint32Array.from(got.map((seen) => seen.reduce((n, b) => n + b, 0))),
            union,
            duplicates,
            utilization: performance.eventLoopUtilization(busySince).utilization,
            unexpectedCloses,
            closeCodes,
          }
        : {
            type: 'report',
            senderOf,
            priorityOf,
            admittedAt,
            echoedAt,
            failedAcks,
            unexpectedCloses,
            closeCodes,
          },
    )
    for (const { ws } of sockets) ws.terminate()
  }
})
