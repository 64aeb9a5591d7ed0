import type {
  Rect,
  TRTCParams,
  TRTCScreenCaptureProperty,
  TRTCVideoEncParam,
} from 'trtc-electron-sdk'
import { TRTC_EVENTS, TRTC_METHODS, type TrtcCloud, type TrtcMethod } from './trtc-port'
import { TrtcRpcCall, type RpcEndpoint, type TrtcHostMessage } from './trtc-rpc'

/**
 * The host window's side of the TRTC port (issue 17): it serves the SDK's TRTCCloud to main over
 * the window's MessagePort. Plain code — no Electron, no Node built-ins — so the tests serve the
 * fake TRTCCloud with it over a worker_threads MessageChannel, as the host window serves the real
 * one (src-main/shell/trtc-host-preload.ts, which only calls serveHostPort).
 */

/** The SDK's classes that arguments are rebuilt with: the SDK checks them with instanceof. */
export interface TrtcClasses {
  TRTCParams: new () => TRTCParams
  TRTCVideoEncParam: new () => TRTCVideoEncParam
  Rect: new () => Rect
  TRTCScreenCaptureProperty: new () => TRTCScreenCaptureProperty
}
type ClassName = keyof TrtcClasses

/**
 * Which arguments of a call are SDK class instances, by position. Structured clone carries only
 * their fields, and trtc.js refuses a plain object where it checks the class (enterRoom:
 * "params is not instanceof TRTCParams!", likewise setVideoEncoderParam, startScreenCapture and
 * selectScreenCaptureTarget), so the host makes them again with the SDK's own constructors.
 */
const CLASS_ARGS: Partial<Record<TrtcMethod, ReadonlyArray<ClassName | null>>> = {
  enterRoom: ['TRTCParams', null],
  setVideoEncoderParam: ['TRTCVideoEncParam'],
  startScreenCapture: [null, null, 'TRTCVideoEncParam'],
  selectScreenCaptureTarget: [null, 'Rect', 'TRTCScreenCaptureProperty'],
}

const served = new Set<string>(TRTC_METHODS)

/**
 * An instance of the SDK's class with the fields the class declares taken from the plain object
 * (its constructor's defaults where the object has none); other keys are left out.
 */
export function rebuild<C extends ClassName>(
  classes: TrtcClasses,
  name: C,
  plain: unknown,
): InstanceType<TrtcClasses[C]> {
  const instance = new classes[name]() as InstanceType<TrtcClasses[C]>
  if (typeof plain !== 'object' || plain === null) return instance
  const fields = instance as unknown as Record<string, unknown>
  const given = plain as Record<string, unknown>
  for (const key of Object.keys(fields)) {
    if (given[key] !== undefined) fields[key] = given[key]
  }
  return instance
}

/** A call's arguments as the SDK takes them: its class arguments rebuilt (CLASS_ARGS). */
export function rebuildArgs(classes: TrtcClasses, method: TrtcMethod, args: unknown[]): unknown[] {
  const kinds = CLASS_ARGS[method]
  if (!kinds) return args
  return args.map((arg, i) => {
    const kind = kinds[i]
    return kind && arg !== null && arg !== undefined ? rebuild(classes, kind, arg) : arg
  })
}

/**
 * Serves `cloud` on `endpoint`: answers each call of the allow-list with the SDK's return value
 * (or its error's words), refuses any other method, and forwards every callback of TRTC_EVENTS.
 * Returns a function that stops forwarding the callbacks.
 */
export function serveTrtcCloud(
  endpoint: RpcEndpoint<TrtcHostMessage>,
  cloud: TrtcCloud,
  classes: TrtcClasses,
  log: (line: string) => void = () => {},
): () => void {
  const forwarders = TRTC_EVENTS.map((name) => {
    const forward = (...args: unknown[]): void => {
      try {
        endpoint.post({ kind: 'event', name, args })
      } catch {
        // Something structured clone cannot carry (a function, a native handle): its data only.
        endpoint.post({ kind: 'event', name, args: JSON.parse(JSON.stringify(args)) as unknown[] })
      }
    }
    cloud.on(name, forward)
    return [name, forward] as const
  })
  endpoint.onMessage((raw) => {
    const parsed = TrtcRpcCall.safeParse(raw)
    if (!parsed.success) return log('trtc host: dropped a message that is not a call')
    const { id, method, args } = parsed.data
    if (!served.has(method)) {
      endpoint.post({ kind: 'error', id, reason: 'refused', method, detail: 'not served' })
      return
    }
    const name = method as TrtcMethod
    try {
      const sdkMethod = cloud[name] as (...sdkArgs: unknown[]) => unknown
      const value = sdkMethod.apply(cloud, rebuildArgs(classes, name, args))
      endpoint.post({ kind: 'result', id, value: value === undefined ? null : value })
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      endpoint.post({ kind: 'error', id, reason: 'threw', method, detail })
    }
  })
  return () => {
    for (const [name, forward] of forwarders) cloud.off(name, forward)
  }
}

/** The IPC channel main hands the host window its MessagePort on (trtc-window.ts). */
export const TRTC_HOST_CHANNEL = 'livedesk:trtc-host-port'

/** The DOM's MessagePort as the host window's preload gets it (the Node types carry no DOM). */
export interface HostPagePort {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  start(): void
  close(): void
}

/** The preload's ipcRenderer, as far as serveHostPort uses it. */
export interface HostIpc {
  once(channel: string, listener: (event: { ports: readonly unknown[] }) => void): unknown
}

/** The SDK as the host window loads it: its shared TRTCCloud, and its classes. */
export interface HostSdk {
  cloud: TrtcCloud
  classes: TrtcClasses
}

function pageEndpoint(port: HostPagePort): RpcEndpoint<TrtcHostMessage> {
  return {
    post: (message) => port.postMessage(message),
    onMessage: (listener) => port.addEventListener('message', (event) => listener(event.data)),
    // Main going away takes this window with it: nothing to do on this side.
    onClose: () => {},
    close: () => port.close(),
  }
}

/**
 * The host window's whole job: waits for the port main sends on TRTC_HOST_CHANNEL, loads the
 * SDK (`loadSdk`, which may throw: require() of a native module), and says `loadFailed` with
 * the error's words, or serves the SDK's cloud on the port and says `ready`.
 */
export function serveHostPort(
  ipc: HostIpc,
  loadSdk: () => HostSdk,
  log: (line: string) => void,
): void {
  ipc.once(TRTC_HOST_CHANNEL, (event) => {
    const port = event.ports[0] as HostPagePort | undefined
    if (!port) return log('trtc host: main sent no port')
    const endpoint = pageEndpoint(port)
    port.start()
    let sdk: HostSdk
    try {
      sdk = loadSdk()
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      endpoint.post({ kind: 'loadFailed', detail })
      return
    }
    serveTrtcCloud(endpoint, sdk.cloud, sdk.classes, log)
    endpoint.post({ kind: 'ready' })
  })
}
