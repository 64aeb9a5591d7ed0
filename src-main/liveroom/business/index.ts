/**
 * The business host's public face (docs/business.md): the built-in capabilities behind one port,
 * fed in process by the embedded room (liveroom/index.ts) or over HTTP in `--business-only` mode
 * (business-server.ts).
 */

export { BusinessHost } from './business-host'
export { type BusinessHostDeps, type BusinessOptions, createBusinessHost } from './built-in'
export type {
  BusinessCallback,
  CallbackReceiver,
  InProcessCallbacks,
  RestCaller,
} from './callback-port'
export { CALLBACK_PATH } from './callback-endpoint'
export {
  type BusinessServer,
  type BusinessServerOptions,
  startBusinessServer,
} from './business-server'
export { defaultOnlineCount, type OnlineCountOptions } from './online-count/online-count-push'
