import { createHmac } from 'node:crypto'

/**
 * The business host's signed webhooks (the media review service, filters/media-webhook.ts; an
 * external billing system, gifts/billing-webhook.ts), one way for both: a JSON body POSTed with
 * `X-LiveDesk-Timestamp` (Unix seconds) and `X-LiveDesk-Signature: sha256=<hex>`, an HMAC-SHA256
 * with a shared secret over `<timestamp>.<raw body>`. The receiver recomputes it over the bytes it
 * got, compares in constant time and may refuse an old timestamp. Redirects are not followed (a
 * signed body is for the URL the operator gave, not wherever it points), and a caller logs only the
 * URL's host: its path and query may hold a token.
 */

export const SIGNATURE_HEADER = 'x-livedesk-signature'
export const TIMESTAMP_HEADER = 'x-livedesk-timestamp'

/** The signature a request carries: what a service recomputes to trust it. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** A webhook's URL, checked: http(s) only. `what` names it in the error ("The media webhook"). */
export function webhookUrl(text: string, secret: string, what: string): URL {
  const url = new URL(text)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${what} must be an http(s) URL, not ${url.protocol}`)
  }
  if (secret === '') throw new Error(`${what} needs a secret to sign with`)
  return url
}

/**
 * POSTs `body` signed with `secret`; rejects with a `TimeoutError` after `timeoutMs`, or with
 * `signal`'s reason when it aborts first.
 */
export function postSigned(
  url: URL,
  secret: string,
  body: string,
  options: { timeoutMs: number; signal?: AbortSignal; now?: () => number },
): Promise<Response> {
  const timestamp = String(Math.floor((options.now ?? Date.now)() / 1000))
  const timeout = AbortSignal.timeout(options.timeoutMs)
  return fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
    },
    body,
    redirect: 'error',
    signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
  })
}
