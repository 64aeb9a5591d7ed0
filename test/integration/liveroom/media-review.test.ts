import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { timingSafeEqual } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { ServerFrame } from '../../../src-shared/protocol/frames'
import {
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from '../../../src-main/liveroom/business/signed-webhook'
import { joinMain, startTestRoom, text, type TestClient, type TestRoom } from './helpers'

/**
 * Rich media reviewed after delivery (issue 13 §1) in a real room with real clients: the message
 * is delivered, the business host's after-send handler reviews it, a violation is recalled
 * through REST and every client is told. The media and the review service are local HTTP servers
 * on 127.0.0.1, which the room allows explicitly (a host name resolving there would be refused).
 */

const SECRET = 'webhook-secret-for-the-test'

interface Servers {
  media: http.Server
  webhook: http.Server
  mediaUrl: string
  webhookUrl: string
  /** Paths the media server was asked for. */
  probed: string[]
  /** Bodies the webhook received, each with whether its signature matched. */
  asked: { body: { msgSeq: number; urls: string[]; from: string }; signed: boolean }[]
}

const opened: http.Server[] = []
afterEach(async () => {
  for (const server of opened.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function listen(
  handler: http.RequestListener,
): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler)
  opened.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

async function startServers(): Promise<Servers> {
  const probed: string[] = []
  const asked: Servers['asked'] = []
  const media = await listen((req, res) => {
    probed.push(`${req.method} ${req.url}`)
    if (req.url === '/no-head.png') {
      // A CDN that refuses HEAD: the first byte by GET, its size in Content-Range.
      if (req.method === 'HEAD') res.writeHead(405).end()
      else if (req.headers.range !== 'bytes=0-0') res.writeHead(400).end()
      else {
        res.writeHead(206, { 'Content-Type': 'image/png', 'Content-Range': 'bytes 0-0/9000000' })
        res.end('x')
      }
      return
    }
    const [type, length] =
      req.url === '/page.html'
        ? ['text/html', 120]
        : req.url === '/huge.png'
          ? ['image/png', 20 * 1024 * 1024]
          : ['image/png; charset=binary', 68]
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(length) })
    res.end()
  })
  const webhook = await listen((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString()
      const expected = Buffer.from(signWebhook(SECRET, String(req.headers[TIMESTAMP_HEADER]), raw))
      const given = Buffer.from(String(req.headers[SIGNATURE_HEADER]))
      const signed = given.length === expected.length && timingSafeEqual(given, expected)
      const body = JSON.parse(raw) as Servers['asked'][number]['body']
      asked.push({ body, signed })
      // No answer at all: the reviewer's timeout, then its fail policy.
      if (body.urls.some((url) => url.endsWith('/slow.png'))) return
      const verdict =
        signed && body.urls.some((url) => url.endsWith('/nsfw.png')) ? 'block' : 'pass'
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(
        JSON.stringify({ verdict, reason: verdict === 'block' ? 'adult content' : undefined }),
      )
    })
  })
  return {
    media: media.server,
    webhook: webhook.server,
    mediaUrl: media.url,
    webhookUrl: `${webhook.url}/review`,
    probed,
    asked,
  }
}

const custom = (url: string) => [
  { MsgType: 'TIMCustomElem' as const, MsgContent: { Data: JSON.stringify({ sticker: url }) } },
]

async function send(client: TestClient, msgBody: ReturnType<typeof custom>): Promise<number> {
  const ack = await client.request({ type: 'send', groupId: 'main', msgBody })
  expect(ack.code).toBe(0)
  return (ack as { data: { message: { sequence: number } } }).data.message.sequence
}

const recalled =
  (sequence: number) =>
  (frame: ServerFrame): frame is Extract<ServerFrame, { type: 'message-recalled' }> =>
    frame.type === 'message-recalled' && frame.sequence === sequence

const recalls = (client: TestClient) =>
  client.frames.flatMap((f) => (f.type === 'message-recalled' ? [f.sequence] : []))

/**
 * Reviews run one at a time in arrival order (concurrency 1): once a URL on a host the room does
 * not allow — refused without any connection — is recalled, every message before it was settled.
 */
async function settled(sender: TestClient, watcher: TestClient): Promise<void> {
  const marker = await send(sender, custom(`https://not-allowed.invalid/${Math.random()}.png`))
  await watcher.waitFor(recalled(marker))
}

async function auditEntries(t: TestRoom) {
  const owner = t.room.ownerId
  const response = await fetch(`${t.room.httpUrl}/business/audit/entries?GroupId=main`, {
    headers: { Authorization: `UserSig ${owner} ${t.room.signUserSig(owner, 600)}` },
  })
  return (
    (await response.json()) as { entries: { actor: string; target: string; reason: string }[] }
  ).entries
}

describe('rich media reviewed after delivery', () => {
  async function start(servers: Servers, webhook: boolean) {
    const t = await startTestRoom({
      floodLimit: false,
      business: {
        onlineCount: false,
        media: {
          allowHosts: ['127.0.0.1'],
          concurrency: 1,
          ...(webhook
            ? { webhook: { url: servers.webhookUrl, secret: SECRET, timeoutMs: 300 } }
            : {}),
        },
      },
    })
    const { client: viewer } = await joinMain(t.room, 'v_sender')
    const { client: other } = await joinMain(t.room, 'v_other')
    return { t, viewer, other }
  }

  it('delivers at once, then recalls a URL on a host not allowed for every client', async () => {
    const servers = await startServers()
    const { t, viewer, other } = await start(servers, false)
    const sequence = await send(viewer, custom('https://evil.example/x.png'))
    await other.waitFor(
      (f): f is Extract<ServerFrame, { type: 'message' }> =>
        f.type === 'message' && f.message.sequence === sequence,
    )
    expect(await other.waitFor(recalled(sequence))).toMatchObject({
      reason: 'media: host evil.example not allowed',
    })
    await viewer.waitFor(recalled(sequence))
    expect(servers.probed).toEqual([])
    expect((await auditEntries(t))[0]).toMatchObject({
      actor: 'media-review',
      target: 'v_sender',
      reason: 'host evil.example not allowed',
    })
  })

  it('keeps a small PNG on an allowed host; recalls the wrong type and the too large', async () => {
    const servers = await startServers()
    const { viewer, other } = await start(servers, false)
    const fine = await send(viewer, custom(`${servers.mediaUrl}/sticker.png`))
    const page = await send(viewer, custom(`${servers.mediaUrl}/page.html`))
    const huge = await send(viewer, custom(`${servers.mediaUrl}/huge.png`))
    // The same sticker again (an avatar on every like): its answer is remembered, not asked for.
    const again = await send(viewer, custom(`${servers.mediaUrl}/sticker.png`))
    const noHead = await send(viewer, custom(`${servers.mediaUrl}/no-head.png`))
    // A URL in a text message is the keyword filters' business: never probed.
    await viewer.request({
      type: 'send',
      groupId: 'main',
      msgBody: text(`${servers.mediaUrl}/in-text.png`),
    })
    await settled(viewer, other)
    expect(recalls(other)).not.toContain(fine)
    expect(recalls(other)).not.toContain(again)
    expect(recalls(other)).toEqual(expect.arrayContaining([page, huge, noHead]))
    expect(other.frames.find(recalled(noHead))).toMatchObject({
      reason: `media: 9000000 bytes, over ${5 * 1024 * 1024}`,
    })
    expect(other.frames.find(recalled(page))).toMatchObject({
      reason: 'media: content type text/html not allowed',
    })
    expect(other.frames.find(recalled(huge))).toMatchObject({
      reason: `media: ${20 * 1024 * 1024} bytes, over ${5 * 1024 * 1024}`,
    })
    expect(servers.probed).toEqual([
      'HEAD /sticker.png',
      'HEAD /page.html',
      'HEAD /huge.png',
      'HEAD /no-head.png',
      'GET /no-head.png',
    ])
  })

  it('asks the webhook with a signed body: block recalls, no answer in time stays', async () => {
    const servers = await startServers()
    const { t, viewer, other } = await start(servers, true)
    const blocked = await send(viewer, custom(`${servers.mediaUrl}/nsfw.png`))
    const slow = await send(viewer, custom(`${servers.mediaUrl}/slow.png`))
    const fine = await send(viewer, custom(`${servers.mediaUrl}/cat.png`))
    await settled(viewer, other)
    expect(recalls(other)).toContain(blocked)
    expect(recalls(other)).not.toContain(slow)
    expect(recalls(other)).not.toContain(fine)
    expect(servers.asked.map((a) => [a.body.msgSeq, a.body.from, a.signed])).toEqual([
      [blocked, 'v_sender', true],
      [slow, 'v_sender', true],
      [fine, 'v_sender', true],
    ])
    expect(other.frames.find(recalled(blocked))).toMatchObject({
      reason: 'media: webhook: adult content',
    })
    expect(await auditEntries(t)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'media-webhook', reason: 'webhook: adult content' }),
      ]),
    )
  })
})
