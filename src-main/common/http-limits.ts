import type { ServerOptions } from 'node:http'

/**
 * Time limits of every HTTP server of ours (issue 9 §7): a client gets `headersMs` to send its
 * request line and headers and `requestMs` for the whole request, body included; an idle
 * keep-alive connection is closed after `keepAliveMs`. Node's defaults (60 s, 300 s, checked
 * every 30 s) let a slow body hold a connection for over five minutes. A WebSocket leaves these
 * behind at its upgrade, and a long response (HTTP-FLV) is not a long request.
 */
export interface HttpTimeLimits {
  headersMs: number
  requestMs: number
  keepAliveMs: number
}

export const defaultHttpTimeLimits: HttpTimeLimits = {
  headersMs: 10_000,
  // The largest body we take is 64 KB: a phone on a poor link sends it in well under this.
  requestMs: 30_000,
  keepAliveMs: 5_000,
}

/** The limits as node:http's (and node:https's) server options. */
export function httpServerOptions(limits: Partial<HttpTimeLimits> = {}): ServerOptions {
  const { headersMs, requestMs, keepAliveMs } = { ...defaultHttpTimeLimits, ...limits }
  return {
    headersTimeout: Math.min(headersMs, requestMs),
    requestTimeout: requestMs,
    keepAliveTimeout: keepAliveMs,
    // Node looks for expired requests this often (default 30 s, which adds to every limit).
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersMs / 4))),
  }
}
