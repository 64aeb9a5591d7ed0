import { lookup } from 'node:dns/promises'
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { performance } from 'node:perf_hooks'
import type { AfterSendMsgBody, CallbackMsgElem } from '../../../common/im-callbacks'
import type { Clock } from '../../../common/clock'
import type { Db } from '../../../common/sqlite'
import type { BusinessCapability, RestCaller } from '../callback-port'
import { AuditLog } from './audit-log'
import { checkUrl, hasRichElements, MEDIA_URLS_MAX, mediaUrls, pickAddress } from './media-urls'
import { MediaWebhookReviewer, type MediaWebhookOptions } from './media-webhook'

/**
 * Rich media reviewed after delivery (issue 13 §1; the seed's "라이브 룸에서 민감한 콘텐츠 필터링",
 * step 4): a message with images or custom elements carrying URLs is not held by before-send — it
 * is delivered at once — and its after-send callback queues it for review. A violation recalls it
 * through REST group_msg_recall, so every client hides it, and is written to the audit log with
 * the reviewer as actor. Text-only messages never reach the queue (the 40 msg/s hot path is one
 * loop over the elements). Only the callback and REST are used, so it runs behind Tencent too.
 *
 * Reviewers run in order, the built-in one first; the first violation decides. The built-in one
 * (UrlReviewer) checks every URL against the allow-list and probes it with a HEAD request.
 */

/** One delivered message to review. */
export interface MediaItem {
  groupId: string
  msgSeq: number
  from: string
  urls: string[]
  elements: CallbackMsgElem[]
}

export type MediaVerdict = 'ok' | { violation: string }

/** The port: the built-in reviewer, a webhook, or any other service. */
export interface MediaReviewer {
  /** The audit log's actor for what it recalls. */
  readonly name: string
  /** `signal` aborts when the host closes. May reject: the item then stays (logged). */
  review(item: MediaItem, signal: AbortSignal): Promise<MediaVerdict>
}

export interface UrlReviewOptions {
  /**
   * Hosts whose URLs may appear in rich media (exact names, or IP literals). Default empty: no
   * URL is allowed, every rich message with one is recalled. A private or loopback address is
   * probed only when the list names that address itself (media-urls.ts, pickAddress).
   */
  allowHosts?: readonly string[]
  /** Content types a URL may answer; default image/png, image/jpeg, image/gif, image/webp. */
  contentTypes?: readonly string[]
  /** Largest Content-Length, bytes; default 5 MB. A HEAD answer without one is a violation. */
  maxBytes?: number
  /** ms per URL; default 3000. */
  timeoutMs?: number
  /** What an unreachable or slow URL means: `pass` (default, fail open) or `block`. */
  onFailure?: 'pass' | 'block'
}

export interface MediaReviewOptions extends UrlReviewOptions {
  /** A third-party service asked after the built-in checks pass (media-webhook.ts). */
  webhook?: MediaWebhookOptions
  /** Messages waiting beyond this are not reviewed (logged): default 500. */
  queueMax?: number
  /** Reviews in flight at once; default 4. */
  concurrency?: number
}

export interface MediaReviewDeps {
  store: Db
  rest: RestCaller
  clock: Clock
  log: (line: string) => void
  /** The App admin: its own messages (gifts, notices) are the host's and are not reviewed. */
  admin?: string
}

/**
 * Probe answers remembered per URL (a viewer's avatar rides on every like): this many URLs, this
 * long. An unreachable URL is not remembered — the next message asks again.
 */
const PROBE_CACHE_MAX = 1000
const PROBE_CACHE_MS = 10 * 60_000

export const MEDIA_MAX_BYTES_DEFAULT = 5 * 1024 * 1024
export const MEDIA_TYPES_DEFAULT = ['image/png', 'image/jpeg', 'image/gif', 'image/webp']

/** The built-in reviewer: the allow-list, then a HEAD request to an address checked first. */
export class UrlReviewer implements MediaReviewer {
  readonly name = 'media-review'
  private readonly allowHosts: readonly string[]
  private readonly types: ReadonlySet<string>
  private readonly maxBytes: number
  private readonly timeoutMs: number
  /** URL → its probe's verdict and when (monotonic ms); oldest first, for eviction. */
  private readonly probed = new Map<string, { verdict: MediaVerdict; at: number }>()

  constructor(
    private readonly options: UrlReviewOptions,
    private readonly log: (line: string) => void,
  ) {
    this.allowHosts = options.allowHosts ?? []
    this.types = new Set((options.contentTypes ?? MEDIA_TYPES_DEFAULT).map((t) => t.toLowerCase()))
    this.maxBytes = options.maxBytes ?? MEDIA_MAX_BYTES_DEFAULT
    this.timeoutMs = options.timeoutMs ?? 3000
  }

  async review(item: MediaItem, signal: AbortSignal): Promise<MediaVerdict> {
    if (item.urls.length > MEDIA_URLS_MAX) {
      return { violation: `more than ${MEDIA_URLS_MAX} URLs` }
    }
    const checks = item.urls.map((url) => checkUrl(url, this.allowHosts))
    for (const check of checks) if (!check.ok) return { violation: check.reason }
    for (const check of checks) {
      if (!check.ok) continue
      const verdict = await this.probeOnce(check, signal)
      if (verdict !== 'ok') return verdict
    }
    return 'ok'
  }

  private async probeOnce(
    check: { url: URL; host: string; literal: boolean },
    signal: AbortSignal,
  ): Promise<MediaVerdict> {
    const key = check.url.href
    const now = performance.now()
    const known = this.probed.get(key)
    if (known && now - known.at < PROBE_CACHE_MS) return known.verdict
    const verdict = await this.probe(check, signal)
    if (verdict === 'failed') {
      return this.options.onFailure === 'block'
        ? { violation: `host ${check.host} did not answer` }
        : 'ok'
    }
    this.probed.delete(key)
    this.probed.set(key, { verdict, at: now })
    if (this.probed.size > PROBE_CACHE_MAX) {
      const oldest = this.probed.keys().next().value
      if (oldest !== undefined) this.probed.delete(oldest)
    }
    return verdict
  }

  /** The probe's verdict, or `failed`: no answer in time, or no connection (the fail policy). */
  private async probe(
    check: { url: URL; host: string; literal: boolean },
    signal: AbortSignal,
  ): Promise<MediaVerdict | 'failed'> {
    const timeout = AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)])
    let resolved: { address: string; family: number }[]
    try {
      resolved = check.literal
        ? [{ address: check.host, family: check.host.includes(':') ? 6 : 4 }]
        : await lookup(check.host, { all: true })
    } catch {
      return { violation: `host ${check.host} does not resolve` }
    }
    const picked = pickAddress(check, resolved)
    if ('reason' in picked) return { violation: picked.reason }
    let answer: { status: number; type: string; length: number | undefined }
    try {
      answer = await head(check.url, picked, timeout, 'HEAD')
      // Some CDNs refuse HEAD: one byte by GET says the same (Content-Range carries the size).
      if (answer.status === 405 || answer.status === 501) {
        answer = await head(check.url, picked, timeout, 'GET')
      }
    } catch (error) {
      if (signal.aborted) throw error
      const policy = this.options.onFailure ?? 'pass'
      this.log(
        `filters: media at ${check.host} did not answer (${(error as Error).name}): ` +
          (policy === 'pass' ? 'stays (fail open)' : 'recalled'),
      )
      return 'failed'
    }
    if (answer.status < 200 || answer.status > 299) {
      return { violation: `answered ${answer.status}` }
    }
    if (!this.types.has(answer.type)) {
      return { violation: `content type ${answer.type || 'none'} not allowed` }
    }
    if (answer.length === undefined) return { violation: 'no Content-Length' }
    if (answer.length > this.maxBytes) {
      return { violation: `${answer.length} bytes, over ${this.maxBytes}` }
    }
    return 'ok'
  }
}

/**
 * One HEAD request to `url` (or a GET of its first byte), connected to `to` and nowhere else (the
 * lookup is pinned: no second resolution between the check and the connection). Redirects are not
 * followed; TLS still checks the certificate against the URL's host name. The body is never read.
 */
function head(
  url: URL,
  to: { address: string; family: number },
  signal: AbortSignal,
  method: 'HEAD' | 'GET',
): Promise<{ status: number; type: string; length: number | undefined }> {
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) {
      ;(callback as unknown as (e: null, list: (typeof to)[]) => void)(null, [to])
    } else {
      callback(null, to.address, to.family)
    }
  }
  const request = url.protocol === 'https:' ? https.request : http.request
  return new Promise((resolve, reject) => {
    const headers = method === 'GET' ? { Range: 'bytes=0-0' } : {}
    const req = request(url, { method, headers, lookup: pinned, signal }, (response) => {
      if (method === 'GET') response.destroy()
      else response.resume()
      const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
      const ranged = /^bytes \d+-\d+\/(\d+)$/.exec(response.headers['content-range'] ?? '')?.[1]
      const rawLength = response.statusCode === 206 ? ranged : response.headers['content-length']
      const length =
        rawLength !== undefined && /^\d+$/.test(rawLength) ? Number(rawLength) : undefined
      const status = response.statusCode === 206 ? 200 : (response.statusCode ?? 0)
      resolve({ status, type: type ?? '', length })
    })
    req.on('error', reject)
    req.end()
  })
}

const GROUP_SVC = 'group_open_http_svc'
/** Tencent's Reason is at most 100 bytes (reference §3.2). */
const REASON_BYTES = 100

function reasonOf(violation: string): string {
  let reason = `media: ${violation}`
  while (Buffer.byteLength(reason) > REASON_BYTES) reason = reason.slice(0, -1)
  return reason
}

export class MediaReview implements BusinessCapability {
  readonly name = 'media review'
  readonly after
  private readonly reviewers: MediaReviewer[]
  private readonly audit: AuditLog
  private readonly queue: MediaItem[] = []
  private readonly queueMax: number
  private readonly concurrency: number
  private running = 0
  private readonly stop = new AbortController()

  constructor(
    options: MediaReviewOptions,
    private readonly deps: MediaReviewDeps,
  ) {
    this.reviewers = [new UrlReviewer(options, deps.log)]
    if (options.webhook) this.reviewers.push(new MediaWebhookReviewer(options.webhook, deps.log))
    this.audit = new AuditLog(deps.store)
    this.queueMax = options.queueMax ?? 500
    this.concurrency = Math.max(1, options.concurrency ?? 4)
    this.after = {
      'Group.CallbackAfterSendMsg': (body: AfterSendMsgBody) => this.delivered(body),
    }
  }

  private delivered(body: AfterSendMsgBody): void {
    if (this.stop.signal.aborted || !hasRichElements(body.MsgBody)) return
    if (body.From_Account === (this.deps.admin ?? 'administrator')) return
    const urls = mediaUrls(body.MsgBody)
    if (urls.length === 0) return
    if (this.queue.length >= this.queueMax) {
      this.deps.log(
        `filters: media review queue full (${this.queueMax}); ${body.GroupId} #${body.MsgSeq} not reviewed`,
      )
      return
    }
    this.queue.push({
      groupId: body.GroupId,
      msgSeq: body.MsgSeq,
      from: body.From_Account,
      urls,
      elements: body.MsgBody,
    })
    this.pump()
  }

  private pump(): void {
    while (this.running < this.concurrency && !this.stop.signal.aborted) {
      const item = this.queue.shift()
      if (!item) return
      this.running++
      void this.settle(item).finally(() => {
        this.running--
        this.pump()
      })
    }
  }

  private async settle(item: MediaItem): Promise<void> {
    for (const reviewer of this.reviewers) {
      let verdict: MediaVerdict
      try {
        verdict = await reviewer.review(item, this.stop.signal)
      } catch (error) {
        if (this.stop.signal.aborted) return
        this.deps.log(
          `filters: ${reviewer.name} failed on ${item.groupId} #${item.msgSeq}: ${(error as Error).message}`,
        )
        continue
      }
      if (verdict !== 'ok') {
        await this.recall(item, reviewer.name, verdict.violation)
        return
      }
    }
  }

  private async recall(item: MediaItem, actor: string, violation: string): Promise<void> {
    try {
      const answer = await this.deps.rest.call(GROUP_SVC, 'group_msg_recall', {
        GroupId: item.groupId,
        MsgSeqList: [{ MsgSeq: item.msgSeq }],
        Reason: reasonOf(violation),
      })
      const code = (answer.RecallRetList as { RetCode?: number }[] | undefined)?.[0]?.RetCode ?? 0
      if (code !== 0) {
        // 10030: a moderator recalled it first; nothing left to hide, nothing to log as ours.
        this.deps.log(`filters: ${actor}: recalling ${item.groupId} #${item.msgSeq}: ${code}`)
        return
      }
    } catch (error) {
      this.deps.log(
        `filters: ${actor} could not recall ${item.groupId} #${item.msgSeq}: ${(error as Error).message}`,
      )
      return
    }
    this.audit.record({
      groupId: item.groupId,
      actor,
      target: item.from,
      action: 'delete-message',
      reason: violation,
      durationSeconds: 0,
      message: item.urls.join(' '),
      at: this.deps.clock.now(),
    })
  }

  close(): void {
    this.queue.length = 0
    this.stop.abort()
  }
}
