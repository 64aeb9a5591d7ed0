// Child process: thousands of viewers of one room, or its sender, for the 10,000-viewer fan-out
// benchmark (room-fanout-10k.ts). A process of its own, not a worker thread: the viewers of a big
// room need more descriptors and more CPU than one thread shares with the server; here they are
// spread over processes of at most 20,000 descriptors each, as in real use they are other
// machines. Commands and reports travel over the IPC channel (advanced serialization, so typed
// arrays pass as they are).
//
// role 'viewers': connects, logs in (LiveDesk, protocol version 3) and joins each member. Every
//   `fullEvery`-th viewer is a full client: it parses every frame as JSON, as a page would, and
//   records each benchmark message's latency from the sender's timestamp. The others only count
//   which benchmark messages they got, scanning the frame's bytes.
// role 'sender': joins one sender and, on 'start', offers timestamped messages at its rate; the
//   echo of its own messages (the room broadcasts to the sender too) is the set the room admitted.
import WebSocket from 'ws'
import { eachMarkId, messagePrefix, textMark } from './bench-marks.mjs'

const now = () => performance.timeOrigin + performance.now()
const concurrency = 100
const prefixBytes = Buffer.from(messagePrefix)

let config
let sockets = []
let closing = false
let lastFrameAt = 0
let unexpectedCloses = 0
const closeCodes = {}
const failedAcks = {}

/** One connection: resolves once it is logged in (LiveDesk) and has joined its group. */
function connect(member, onFrame) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(config.url, { perMessageDeflate: false })
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
      if (data.compare(prefixBytes, 0, prefixBytes.length, 0, prefixBytes.length) === 0) {
        onFrame(data)
        return
      }
      const text = data.toString()
      if (!text.startsWith('{"type":"ack"')) return
      const ack = JSON.parse(text)
      const done = pending.get(ack.seq)
      if (done) {
        pending.delete(ack.seq)
        done(ack)
      } else if (ack.code !== 0) failedAcks[ack.code] = (failedAcks[ack.code] ?? 0) + 1
    })
    ws.on('close', (code) => {
      if (closing) return
      unexpectedCloses++
      closeCodes[code] = (closeCodes[code] ?? 0) + 1
    })
    // Before 'open' an error fails the setup; later ones end in 'close', which is counted.
    ws.on('error', reject)
    ws.once('open', async () => {
      if (config.mode === 'livedesk') {
        const login = await request({
          type: 'login',
          version: 3,
          sdkAppId: config.sdkAppId,
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

async function connectAll(list, onFrame) {
  const connected = new Array(list.length)
  let next = 0
  const lane = async () => {
    while (next < list.length) {
      const index = next++
      connected[index] = await connect(list[index], (data) => onFrame(index, data))
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, lane))
  return connected
}

/** The messages of a `message` or `messages` frame, parsed as a page would. */
function messagesOf(data) {
  const frame = JSON.parse(data.toString())
  return frame.type === 'messages' ? frame.messages : [frame.message]
}

// ---- viewers -----------------------------------------------------------------------------------
let got = []
/** Per viewer: distinct benchmark messages received. */
let counts
let union
let latencies = []
let duplicates = 0

function onViewerFrame(index, data) {
  const seen = got[index]
  const take = (id) => {
    if (seen[id]) duplicates++
    else {
      seen[id] = 1
      union[id] = 1
      counts[index]++
    }
  }
  if (index % config.fullEvery !== 0) return eachMarkId(data, take)
  const t = now()
  for (const message of messagesOf(data)) {
    const mark = textMark(message.msgBody[0]?.MsgContent?.Text ?? '')
    if (!mark) continue
    if (!seen[mark.id]) latencies.push(t - mark.sentAt)
    take(mark.id)
  }
}

// ---- sender ------------------------------------------------------------------------------------
let admittedAt
let echoedAt

function onEcho(_index, data) {
  const t = now()
  for (const message of messagesOf(data)) {
    const id = textMark(message.msgBody[0]?.MsgContent?.Text ?? '')?.id
    if (id === undefined || echoedAt[id]) continue
    echoedAt[id] = t
    admittedAt[id] = message.time
  }
}

async function offer(seconds) {
  const { sender, maxId } = config
  const ws = sockets[0].ws
  const start = now()
  const padding = '.'.repeat(config.padding ?? 60)
  const total = Math.min(maxId, Math.round(sender.rate * seconds))
  let sent = 0
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((now() - start) / 1000) * sender.rate))
      while (sent < due) {
        const id = ++sent
        ws.send(
          JSON.stringify({
            type: 'send',
            seq: 1_000_000 + id,
            groupId: sender.groupId,
            random: id,
            msgBody: [
              {
                MsgType: 'TIMTextElem',
                MsgContent: { Text: `#${id}@${now().toFixed(3)}|${padding}` },
              },
            ],
          }),
        )
      }
      if (sent >= total) {
        clearInterval(timer)
        resolve()
      }
    }, 1)
  })
  return sent
}

// ---- control -----------------------------------------------------------------------------------
let busySince = performance.eventLoopUtilization()
process.on('message', async (command) => {
  if (command.type === 'connect') {
    config = command
    const setupStart = now()
    try {
      if (config.role === 'viewers') {
        got = config.members.map(() => new Uint8Array(config.maxId + 1))
        counts = new Uint32Array(config.members.length)
        union = new Uint8Array(config.maxId + 1)
        sockets = await connectAll(config.members, onViewerFrame)
      } else {
        admittedAt = new Float64Array(config.maxId + 1)
        echoedAt = new Float64Array(config.maxId + 1)
        sockets = await connectAll([config.sender], onEcho)
      }
      process.send({ type: 'ready', setupMs: now() - setupStart })
    } catch (error) {
      process.send({ type: 'failed', message: String(error?.message ?? error) })
    }
  } else if (command.type === 'start') {
    process.send({ type: 'offered', offered: await offer(command.seconds) })
  } else if (command.type === 'mark') {
    busySince = performance.eventLoopUtilization()
    process.send({ type: 'marked' })
  } else if (command.type === 'settle') {
    // Answers once every viewer has `expected` messages, or no frame has arrived for `quietMs`,
    // or at `maxMs`.
    const begin = now()
    const complete = () =>
      command.expected !== undefined && counts?.every((count) => count >= command.expected)
    const check = setInterval(() => {
      const t = now()
      if (
        complete() ||
        t - Math.max(lastFrameAt, begin) >= command.quietMs ||
        t - begin >= command.maxMs
      ) {
        clearInterval(check)
        process.send({ type: 'settled' })
      }
    }, 20)
  } else if (command.type === 'report') {
    closing = true
    process.send(
      config.role === 'viewers'
        ? {
            type: 'report',
            latencies: Float64Array.from(latencies),
            unique: counts,
            union,
            duplicates,
            utilization: performance.eventLoopUtilization(busySince).utilization,
            unexpectedCloses,
            closeCodes,
          }
        : { type: 'report', admittedAt, echoedAt, failedAcks, unexpectedCloses, closeCodes },
    )
    for (const { ws } of sockets) ws.terminate()
    latencies = []
  }
})
