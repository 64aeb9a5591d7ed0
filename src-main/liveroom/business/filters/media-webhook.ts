import { z } from 'zod'
import { postSigned, webhookUrl } from '../signed-webhook'
import type { MediaItem, MediaReviewer, MediaVerdict } from './media-review'

/**
 * A third-party review service behind a webhook (the seed's "Tianyu or another service"): each
 * rich message is POSTed as JSON `{groupId, msgSeq, from, urls, elements}`, signed with
 * HMAC-SHA256 over `<timestamp>.<body>` (signed-webhook.ts), and the service answers `{"verdict":"pass"|"block",
 * "reason"?}`. No answer in time, a non-2xx status or an answer of another shape settles by the
 * fail policy — open by default, as the keyword filters' rules are. The secret comes from the
 * environment or a file (never argv) and, like the URL's path and query, is never logged.
 */

export interface MediaWebhookOptions {
  url: string
  secret: string
  /** ms; default 3000. */
  timeoutMs?: number
  /** What a timeout or an unusable answer means: `pass` (default, fail open) or `block`. */
  onFailure?: 'pass' | 'block'
}

const Answer = z.object({
  verdict: z.enum(['pass', 'block']),
  reason: z.string().max(200).optional(),
})

export class MediaWebhookReviewer implements MediaReviewer {
  readonly name = 'media-webhook'
  private readonly url: URL
  private readonly timeoutMs: number

  constructor(
    private readonly options: MediaWebhookOptions,
    private readonly log: (line: string) => void,
  ) {
    this.url = webhookUrl(options.url, options.secret, 'The media webhook')
    this.timeoutMs = options.timeoutMs ?? 3000
  }

  async review(item: MediaItem, signal: AbortSignal): Promise<MediaVerdict> {
    const body = JSON.stringify({
      groupId: item.groupId,
      msgSeq: item.msgSeq,
      from: item.from,
      urls: item.urls,
      elements: item.elements,
    })
    try {
      const response = await postSigned(this.url, this.options.secret, body, {
        timeoutMs: this.timeoutMs,
        signal,
      })
      if (!response.ok) return this.failed(item, `answered ${response.status}`)
      const answer = Answer.safeParse(await response.json())
      if (!answer.success) return this.failed(item, 'answered neither pass nor block')
      if (answer.data.verdict === 'pass') return 'ok'
      return { violation: answer.data.reason ? `webhook: ${answer.data.reason}` : 'webhook: block' }
    } catch (error) {
      if (signal.aborted) throw error
      const why =
        (error as Error).name === 'TimeoutError'
          ? `no answer in ${this.timeoutMs} ms`
          : 'unreachable'
      return this.failed(item, why)
    }
  }

  private failed(item: MediaItem, why: string): MediaVerdict {
    const policy = this.options.onFailure ?? 'pass'
    this.log(
      `filters: media webhook at ${this.url.host} ${why} on ${item.groupId} #${item.msgSeq}: ` +
        (policy === 'pass' ? 'the message stays (fail open)' : 'the message is recalled'),
    )
    return policy === 'pass' ? 'ok' : { violation: `webhook ${why}` }
  }
}
