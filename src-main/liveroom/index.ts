import { createHmac } from 'node:crypto'
import { isMessageCap, maxMessageCap } from '../../src-shared/protocol/message-cap'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { DEFAULT_APP_ADMIN } from '../../src-shared/protocol/codes'
import { PROTOCOL_PATH, type Priority } from '../../src-shared/protocol/frames'
import {
  type AfterCommand,
  type AfterHandler,
  CallbackDispatcher,
  type CallbackHandlers,
} from './callbacks'
import { realTimer, type SetTimer } from '../common/clock'
import { listen, urlHost } from '../common/listen'
import { ImRestClient } from '../common/im-rest-client'
import { type BusinessHost, type BusinessOptions, createBusinessHost } from './business'
import { openBusinessStore } from './business/business-store'
import { hostAllowed, machineNames } from '../common/host-check'
import { httpServerOptions, type HttpTimeLimits } from '../common/http-limits'
import { createHttpHandler, refuseHost } from './http-server'
import { resolveIdentity } from './identity'
import { checkFloodLimit, type FloodLimitOptions } from './flood-limit'
import {
  defaultHistoryCount,
  defaultHistoryWindowMs,
  defaultMaxMessagesPerSecond,
  defaultMemberNoticeMs,
  ImEngine,
} from './im-engine'
import { INGEST_APP, type Ingest, type IngestLimits } from './ingest/ingest'
import type { ForkIngest } from './ingest/ingest-fork'
import {
  startIngestProcess,
  type IngestProcess,
  type IngestProcessOptions,
} from './ingest/ingest-process'
import { findReplayFfmpeg, ReplayRecorder } from './replays/replay-recorder'
import { createRestApi } from './rest-api'
import { defaultRestTuning, type RestTuning } from './rest-common'
import { openStore, type Store } from './store'
import { defaultUserSigSeconds, signUserSig, verifyUserSig } from '../common/usersig'
import { viewerCredentials } from './viewer-credential'
import { type ClientServer, createClientServer } from './ws-server'

export type { ForkIngest, IngestChild } from './ingest/ingest-fork'

export interface LiveRoomOptions {
  /** SQLite database and identity live here; created when missing. */
  dataDir: string
  /** Default '127.0.0.1'. */
  host?: string
  /** Default 0: an ephemeral port. */
  port?: number
  /** Else LIVEDESK_SDKAPPID, else generated on first run and kept in dataDir. */
  sdkAppId?: number
  /** Else LIVEDESK_SECRET_KEY, else generated on first run and kept in dataDir (mode 0600). */
  secretKey?: string
  /** The built renderer (out/renderer); without it /room/* answers 503. */
  rendererDir?: string
  /** better-sqlite3's `nativeBinding` (the Electron-ABI build inside Electron). */
  sqliteNativeBinding?: string
  /** Clock in ms, injectable for tests. */
  now?: () => number
  /** Timers of the frequency control and of membership notices, injectable for tests (moved
   * together with `now`). */
  setTimer?: SetTimer
  /** [0, 1) source for the frequency control's choice among equal priorities. */
  random?: () => number
  /**
   * How messages of one priority share a window over the cap: `senders` (default) in rounds, so
   * one sender cannot crowd out the rest; `random`, Tencent's rule as stated (for comparison).
   */
  frequencyShare?: 'senders' | 'random'
  log?: (line: string) => void
  /** Per-group frequency control, messages per second (Tencent's default: 40). */
  maxMessagesPerSecond?: number
  /**
   * Per-user flood limit (Owncast's: 3 messages in 2 s, then a 10 s block), across a user's
   * connections; the owner, admins and App admins are exempt. `false` turns it off.
   */
  floodLimit?: FloodLimitOptions | false
  /**
   * The highest priority a member who is not the owner or an admin may send at; default Normal
   * (High is for the hosts and the business host). A room's AppDefinedData `ViewerPriority`
   * overrides it for that room.
   */
  viewerMaxPriority?: Priority
  /** Messages a joiner receives as history; default 20 (0: none). */
  historyCount?: number
  /** How far back a joiner's history reaches, ms; default 24 h. */
  historyWindowMs?: number
  /**
   * How often a room tells its members who joined and left and the online count, ms; default
   * 1000. Joins and leaves in between go out together (docs/protocol.md, "Membership notices").
   */
  memberNoticeMs?: number
  /** App admin identities allowed to call the REST API; default ['administrator']. */
  adminIdentifiers?: readonly string[]
  /** REST calls per second per command before 60007 (Tencent's default: 200). */
  restMaxCallsPerSecond?: number
  /** Choices where Tencent's limits were not found (docs/rest-api.md). */
  restTuning?: Partial<RestTuning>
  /** Where Tencent-style callbacks are POSTed (reference §5). */
  callbackUrl?: string
  /** Webhook token: adds Sign and RequestTime to callback URLs. */
  callbackToken?: string
  /** Before-send callback deadline in ms; default 2000 (then the message is delivered). */
  callbackTimeoutMs?: number
  /** In-process callback handlers, besides the built-in business host's. */
  callbacks?: CallbackHandlers
  /**
   * The built-in business host (src-main/liveroom/business, docs/business.md): fed by this room's
   * callbacks in process, acting on the room only through its REST API. Default: on, unless
   * `callbackUrl` is set — then the business host at that URL is the room's, and two would push
   * every count twice. An object turns it on (and configures it); `false` turns it off.
   */
  business?: BusinessOptions | false
  /**
   * Host names the room server answers to besides IP addresses, localhost and this machine's own
   * names (a public name behind a reverse proxy): any other Host is refused (DNS rebinding).
   */
  allowedHosts?: readonly string[]
  /**
   * WebSocket connections one remote address may hold at once (default 64: a household, a LAN
   * party or a school behind one NAT, not one script holding thousands of sockets); the next is
   * closed with 4008 (docs/protocol.md). 0 turns the cap off (benchmarks whose clients are all
   * 127.0.0.1).
   */
  maxConnectionsPerAddress?: number
  /**
   * Bytes a client may fall behind (frames waiting to be sent to it) before it is closed with 4007;
   * default 1 MiB (`Limits.maxBufferedBytes`, docs/protocol.md "Slow clients").
   */
  maxBufferedBytes?: number
  /** Header and body time limits of the HTTP side (common/http-limits.ts). */
  httpTimeLimits?: Partial<HttpTimeLimits>
  /**
   * Run the RTMP ingest (RTMP in, HTTP-FLV out at /live/<roomId>.flv), in a supervised child
   * process of its own (docs/ingest.md); opt-in: the console and `npm run server` turn it on.
   */
  ingest?: {
    rtmpPort: number
    /** What a peer may cost the ingest; defaults in ingest.ts (docs/ingest.md). */
    limits?: Partial<IngestLimits>
    /** How its process is watched; defaults in ingest-process.ts. */
    supervision?: Pick<
      IngestProcessOptions,
      | 'maxOldSpaceMb'
      | 'maxRssBytes'
      | 'heartbeatMs'
      | 'stallTimeoutMs'
      | 'restartDelayMs'
      | 'publishGraceMs'
    >
    /** Handed the supervised ingest once it runs (its pid, restarts, memory): tests, diagnostics. */
    onStarted?: (ingest: IngestProcess) => void
    /** How its child is started (the desktop app's utilityProcess); Node's fork by default. */
    fork?: ForkIngest
  }
  /**
   * The room server's own recording of each show its ingest receives, under
   * `<dataDir>/replays/` and served once published (replays/, docs/business.md "Replays"). On
   * with the ingest and the room state; `ffmpegPath` names the ffmpeg to use (else FFMPEG_PATH,
   * PATH, @ffmpeg-installer). Without a working ffmpeg nothing is recorded; `false` turns it off.
   */
  replays?: { ffmpegPath?: string } | false
}

/** The room server's RTMP ingest, when it runs one. */
export interface LiveRoomIngest {
  readonly rtmpPort: number
  /** Signed RTMP publish URL for a room (default: the default room), valid `seconds`. */
  publishUrl(roomId?: string, seconds?: number): string
  /** HTTP-FLV play URL for a room. */
  playUrl(roomId?: string): string
  isLive(roomId?: string): boolean
  on: Ingest['on']
  off: Ingest['off']
}

export interface LiveRoom {
  readonly httpUrl: string
  readonly wsUrl: string
  readonly port: number
  readonly sdkAppId: number
  readonly defaultRoomId: string
  readonly ownerId: string
  /** App admin identities (REST callers). */
  readonly adminIdentifiers: readonly string[]
  signUserSig(userId: string, expireSeconds?: number): string
  viewerUrl(roomId?: string): string
  /** Listens to an after-callback in process; returns the remover. */
  onCallback<C extends AfterCommand>(command: C, listener: AfterHandler<C>): () => void
  readonly ingest: LiveRoomIngest | null
  /**
   * Serves more paths on the room's HTTP server (after its host check, before its own routes):
   * the console's monitor tap. The handler answers false for a path that is not its own.
   */
  mountHttp(handler: (req: http.IncomingMessage, res: http.ServerResponse) => boolean): void
  /** Messages each group admits per second (reference §1.1); changeable while the room runs. */
  readonly maxMessagesPerSecond: number
  /** Throws on a cap outside 1–maxMessageCap. */
  setMaxMessagesPerSecond(cap: number): void
  close(): Promise<void>
}

const defaultRoomId = 'main'
const ownerId = 'anchor'
const dbFileName = 'liveroom.db'
const businessDbFileName = 'business.db'

function ensureDefaultRoom(store: Store, now: number): void {
  if (store.groups.get(defaultRoomId)) return
  store.groups.create({ groupId: defaultRoomId, name: 'LiveDesk room', ownerId, createdAt: now })
}

/** An anonymous identity nobody has used for this long, and that holds no mute or ban, is gone. */
export const abandonedIdentityMs = 90 * 86_400_000
const pruneEveryMs = 86_400_000

/**
 * Forgets abandoned anonymous identities (their identity, profile and account rows) now and once a
 * day, so minting identities leaves nothing behind for good (issue 9, §2). Returns the stopper.
 */
function pruneAbandonedIdentities(
  store: Store,
  now: () => number,
  setTimer: SetTimer,
  log: (line: string) => void,
): () => void {
  let cancel: (() => void) | undefined
  let stopped = false
  const prune = () => {
    let pruned = 0
    for (let batch = -1; batch !== 0; pruned += batch) {
      batch = store.viewerIdentities.pruneAbandoned(now() - abandonedIdentityMs, now())
    }
    if (pruned) log(`liveroom: forgot ${pruned} viewer identities unused for 90 days`)
    if (!stopped) cancel = setTimer(prune, pruneEveryMs)
  }
  prune()
  return () => {
    stopped = true
    cancel?.()
  }
}

/**
 * Whether the room runs the built-in business host, and with what options: by default yes, unless
 * callbacks go to a URL — then the business host there is the room's (two would push every count
 * twice).
 */
export function businessChoice(
  options: Pick<LiveRoomOptions, 'business' | 'callbackUrl'>,
): BusinessOptions | false {
  return options.business ?? (options.callbackUrl === undefined ? {} : false)
}

/**
 * The built-in business host, wired to this room as it would be to Tencent's: callbacks in
 * process through its InProcessCallbacks port (adapted from the dispatcher by `attach`), and this
 * room's own REST API on loopback as the first App admin, signed with the room's key. The REST
 * client is made at the first call, once the server listens: no callback can come before that.
 */
function embedBusiness(
  options: LiveRoomOptions,
  deps: {
    now: () => number
    log: (line: string) => void
    sdkAppId: number
    admin: string
    sign: (userId: string, expireSeconds?: number) => string
    /** Checks a UserSig of this room's app (callers of the business HTTP API). */
    verify: (userId: string, userSig: string) => boolean
    restUrl: () => string | undefined
    /** Whether a room's stream is published to the ingest; undefined without an ingest. */
    isLive: (groupId: string) => boolean | undefined
    recordings: ReplayRecorder | undefined
  },
): {
  host: BusinessHost | undefined
  /** The dispatcher's in-process handlers: the caller's, and the host's before-send rules. */
  handlers: CallbackHandlers
  attach(dispatcher: CallbackDispatcher): void
} {
  const chosen = businessChoice(options)
  if (chosen === false) return { host: undefined, handlers: { ...options.callbacks }, attach() {} }
  let client: ImRestClient | undefined
  // Beside the room's own database: the business host's is its own (business-store.ts).
  const store = openBusinessStore(
    path.join(options.dataDir, businessDbFileName),
    options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {},
  )
  const host = createBusinessHost(chosen, {
    store,
    admin: deps.admin,
    isLive: deps.isLive,
    recordings: deps.recordings,
    verifyUserSig: deps.verify,
    rest: {
      call: (service, command, body) => {
        const baseUrl = deps.restUrl()
        // Not listening yet (a capability's start-up work): fail this call, not every later one.
        if (baseUrl === undefined) {
          return Promise.reject(new Error('the room is not listening yet'))
        }
        client ??= new ImRestClient({
          baseUrl,
          sdkAppId: deps.sdkAppId,
          identifier: deps.admin,
          // Signed afresh for every call: an hour is plenty.
          userSig: () => deps.sign(deps.admin, 3600),
        })
        return client.call(service, command, body)
      },
    },
    clock: { now: deps.now, setTimer: options.setTimer ?? realTimer },
    log: deps.log,
    onClose: () => store.close(),
  })
  const handlers: CallbackHandlers = { ...options.callbacks }
  if (host.handlesBeforeSend) {
    if (handlers['Group.CallbackBeforeSendMsg']) {
      throw new Error(
        "callbacks['Group.CallbackBeforeSendMsg'] and the built-in business host's before-send rules cannot both run; pass business: false to use your own",
      )
    }
    handlers['Group.CallbackBeforeSendMsg'] = (body) =>
      host.receive({ command: 'Group.CallbackBeforeSendMsg', body })
  }
  return {
    host,
    handlers,
    attach: (dispatcher) =>
      void host.attach({ on: (command, listener) => dispatcher.on(command, listener) }),
  }
}

/** Starts the embedded live room: the IM engine, its WebSocket endpoint and the viewer HTTP side. */
export async function startLiveRoom(options: LiveRoomOptions): Promise<LiveRoom> {
  const now = options.now ?? Date.now
  const log = options.log ?? (() => {})
  const host = options.host ?? '127.0.0.1'
  const adminIdentifiers = [...(options.adminIdentifiers ?? [DEFAULT_APP_ADMIN])]
  if (adminIdentifiers.length === 0) {
    throw new Error('adminIdentifiers must name at least one App admin')
  }
  const admins = new Set(adminIdentifiers)
  const isAppAdmin = (userId: string): boolean => admins.has(userId)
  const maxMessagesPerSecond = options.maxMessagesPerSecond ?? defaultMaxMessagesPerSecond
  if (!isMessageCap(maxMessagesPerSecond)) {
    throw new Error(
      `maxMessagesPerSecond must be a whole number from 1 to ${maxMessageCap} (got ${String(options.maxMessagesPerSecond)})`,
    )
  }

  if (options.floodLimit) checkFloodLimit(options.floodLimit)
  const historyCount = options.historyCount ?? defaultHistoryCount
  const historyWindowMs = options.historyWindowMs ?? defaultHistoryWindowMs
  if (!Number.isSafeInteger(historyCount) || historyCount < 0) {
    throw new Error(`historyCount must be a non-negative integer (got ${String(historyCount)})`)
  }
  if (!Number.isSafeInteger(historyWindowMs) || historyWindowMs < 0) {
    throw new Error(
      `historyWindowMs must be a non-negative integer (got ${String(historyWindowMs)})`,
    )
  }

  const perAddress = options.maxConnectionsPerAddress
  if (perAddress !== undefined && (!Number.isSafeInteger(perAddress) || perAddress < 0)) {
    throw new Error(
      `maxConnectionsPerAddress must be a whole number, 0 (no cap) or more (got ${String(perAddress)})`,
    )
  }

  const memberNoticeMs = options.memberNoticeMs ?? defaultMemberNoticeMs
  if (!Number.isSafeInteger(memberNoticeMs) || memberNoticeMs < 1) {
    throw new Error(
      `memberNoticeMs must be a positive integer (got ${String(options.memberNoticeMs)})`,
    )
  }

  fs.mkdirSync(options.dataDir, { recursive: true })
  const flvPath = (roomId: string) => `/${INGEST_APP}/${encodeURIComponent(roomId)}.flv`
  const identity = resolveIdentity({
    dataDir: options.dataDir,
    sdkAppId: options.sdkAppId,
    secretKey: options.secretKey,
  })
  const { sdkAppId, secretKey } = identity
  const store = openStore(
    path.join(options.dataDir, dbFileName),
    options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {},
  )

  const sign = (userId: string, expireSeconds = defaultUserSigSeconds): string =>
    signUserSig({ sdkAppId, secretKey, userId, expireSeconds, nowSeconds: now() / 1000 })

  let server: http.Server | undefined
  let clients: ClientServer | undefined
  let callbacks: CallbackDispatcher | undefined
  let ingest: Ingest | undefined
  let business: BusinessHost | undefined
  let recorder: ReplayRecorder | undefined
  let shuttingDown = false
  let restUrl: string | undefined
  try {
    ensureDefaultRoom(store, now())
    if (options.ingest && options.replays !== false) {
      const ffmpeg = await findReplayFfmpeg(options.replays?.ffmpegPath)
      if (ffmpeg === null) {
        log('liveroom: no working ffmpeg found: shows will not be recorded for replays')
      }
      recorder = new ReplayRecorder({
        replaysDir: path.join(options.dataDir, 'replays'),
        ffmpeg,
        // The viewers' own HTTP-FLV, from this server's port (known once it listens).
        flvUrl: (groupId) => `${restUrl}${flvPath(groupId)}`,
        isLive: (groupId) => ingest?.isLive(groupId) ?? false,
        log,
      })
    }
    const stopPruning = pruneAbandonedIdentities(store, now, options.setTimer ?? realTimer, log)
    const embedded = embedBusiness(options, {
      now,
      log,
      sdkAppId,
      admin: adminIdentifiers[0] as string,
      sign,
      verify: (userId, userSig) =>
        verifyUserSig({ userSig, userId, nowSeconds: now() / 1000, sdkAppId, secretKey }).ok,
      restUrl: () => restUrl,
      // Gifts open while a stream is published to the room's ingest (a room without one: always).
      isLive: (groupId) => (ingest ? ingest.isLive(groupId) : undefined),
      recordings: recorder,
    })
    business = embedded.host
    const roomStateView = business?.roomState
    if (!roomStateView) recorder = undefined
    const replays = recorder
    if (replays && roomStateView) {
      roomStateView.onChange((groupId, state) => replays.update(groupId, state))
    }
    const dispatcher = new CallbackDispatcher({
      sdkAppId,
      now,
      log,
      url: options.callbackUrl,
      token: options.callbackToken,
      timeoutMs: options.callbackTimeoutMs,
      handlers: embedded.handlers,
    })
    callbacks = dispatcher
    embedded.attach(dispatcher)
    const verify = (userSig: string, userId: string, nowSeconds: number) =>
      verifyUserSig({ userSig, userId, nowSeconds, sdkAppId, secretKey })
    const engine = new ImEngine({
      store,
      sdkAppId,
      now,
      log,
      verifyUserSig: verify,
      callbacks: dispatcher,
      maxMessagesPerSecond,
      isAppAdmin,
      appAdmins: adminIdentifiers,
      setTimer: options.setTimer,
      random: options.random,
      frequencyShare: options.frequencyShare,
      floodLimit: options.floodLimit,
      viewerMaxPriority: options.viewerMaxPriority,
      historyCount,
      historyWindowMs,
      memberNoticeMs,
    })
    const rest = createRestApi({
      engine,
      store,
      callbacks: dispatcher,
      now,
      log,
      sdkAppId,
      isAppAdmin,
      verifyUserSig: verify,
      maxCallsPerSecond: options.restMaxCallsPerSecond ?? 200,
      tuning: { ...defaultRestTuning, ...options.restTuning },
    })
    const clientServer = createClientServer({
      engine,
      log,
      maxConnectionsPerAddress: options.maxConnectionsPerAddress,
      maxBufferedBytes: options.maxBufferedBytes,
    })
    clients = clientServer
    const handler = createHttpHandler({
      store,
      business: embedded.host?.handleHttp,
      rendererDir: options.rendererDir,
      log,
      viewerSessions: {
        store,
        appAdmins: adminIdentifiers,
        sdkAppId,
        now,
        signUserSig: sign,
        credentials: viewerCredentials(secretKey),
      },
      rest,
      replays:
        replays && roomStateView
          ? {
              fileOf: (groupId, showId) => replays.fileOf(groupId, showId),
              published: (groupId, showId) => roomStateView.replayPublished(groupId, showId),
            }
          : undefined,
    })
    const hostNames = [...machineNames(), ...(options.allowedHosts ?? [])]
    const mounted: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean)[] = []
    const httpServer = http.createServer(
      httpServerOptions(options.httpTimeLimits),
      (request, response) => {
        if (!hostAllowed(request.headers.host, hostNames)) return refuseHost(request, response)
        if (ingest?.handleHttp(request, response)) return
        if (mounted.some((mount) => mount(request, response))) return
        handler(request, response)
      },
    )
    server = httpServer
    httpServer.on('upgrade', (request, socket, head) => {
      const pathname = (request.url ?? '').split('?')[0]
      if (!hostAllowed(request.headers.host, hostNames)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      } else if (pathname === PROTOCOL_PATH) {
        clientServer.handleUpgrade(request, socket, head)
      } else {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      }
    })
    const port = await listen(httpServer, options.port ?? 0, host)
    const httpUrl = `http://${urlHost(host)}:${port}`
    restUrl = httpUrl
    log(`liveroom: listening on ${httpUrl} (SDKAppID ${sdkAppId})`)
    if (options.ingest) {
      // Its own process: what strangers send to the RTMP port cannot stall this one (issue 9).
      const { rtmpPort, limits, supervision, onStarted, fork } = options.ingest
      const supervised = await startIngestProcess({
        ...supervision,
        fork,
        host,
        rtmpPort,
        // Derived from the secret key, so publish URLs stay valid across restarts.
        secret: createHmac('sha256', secretKey).update('livedesk-ingest').digest('hex'),
        now,
        log,
        limits,
      })
      ingest = supervised
      onStarted?.(supervised)
      const setLive = (roomId: string, live: boolean) =>
        engine.setStreamState(roomId, { live, flvPath: flvPath(roomId) })
      ingest.on('publish-started', ({ roomId }) => setLive(roomId, true))
      ingest.on('publish-interrupted', ({ roomId }) => setLive(roomId, false))
      ingest.on('publish-stopped', ({ roomId }) => setLive(roomId, false))
      // The room state follows the stream as CSS's push callbacks would tell it (css-push.ts):
      // a drop is CSS's errcode 3 (the TCP connection closed), a publisher's own end errcode 1.
      const businessHost = business
      if (businessHost) {
        ingest.on('publish-started', ({ roomId }) =>
          businessHost.receiveStream({ groupId: roomId, kind: 'started', errcode: 0 }),
        )
        ingest.on('publish-interrupted', ({ roomId }) =>
          businessHost.receiveStream({ groupId: roomId, kind: 'interrupted', errcode: 3 }),
        )
        ingest.on('publish-stopped', ({ roomId }) =>
          businessHost.receiveStream({ groupId: roomId, kind: 'interrupted', errcode: 1 }),
        )
      }
      // A part is recorded while the show is live and its stream comes in (replays/).
      if (replays && roomStateView) {
        for (const name of ['publish-started', 'publish-interrupted', 'publish-stopped'] as const) {
          ingest.on(name, ({ roomId }) => {
            // Closing: the business host (and its store) may be gone before the ingest.
            if (!shuttingDown) replays.update(roomId, roomStateView.stateOf(roomId))
          })
        }
      }
      setLive(defaultRoomId, false)
    }
    const started = ingest

    let closing: Promise<void> | undefined
    return {
      httpUrl,
      wsUrl: `ws://${urlHost(host)}:${port}${PROTOCOL_PATH}`,
      port,
      sdkAppId,
      defaultRoomId,
      ownerId,
      adminIdentifiers,
      signUserSig: sign,
      onCallback: (command, listener) => dispatcher.on(command, listener),
      viewerUrl: (roomId = defaultRoomId) => `${httpUrl}/room/${encodeURIComponent(roomId)}`,
      ingest: started
        ? {
            rtmpPort: started.rtmpPort,
            publishUrl: (roomId = defaultRoomId, seconds?: number) =>
              started.publishUrl(roomId, seconds),
            playUrl: (roomId = defaultRoomId) => `${httpUrl}${flvPath(roomId)}`,
            isLive: (roomId = defaultRoomId) => started.isLive(roomId),
            on: started.on.bind(started),
            off: started.off.bind(started),
          }
        : null,
      mountHttp: (mount) => void mounted.push(mount),
      get maxMessagesPerSecond() {
        return engine.maxMessagesPerSecond
      },
      setMaxMessagesPerSecond(cap) {
        if (!isMessageCap(cap)) {
          throw new Error(`maxMessagesPerSecond must be a whole number from 1 to ${maxMessageCap}`)
        }
        engine.setMaxMessagesPerSecond(cap)
        log(`liveroom: message cap ${cap}/s`)
      },
      close() {
        closing ??= (async () => {
          shuttingDown = true
          stopPruning()
          business?.close()
          // Its parts read this server's FLV: they write their last fragment before it goes.
          await replays?.close()
          await started?.close()
          await clientServer.close()
          dispatcher.close()
          await new Promise<void>((resolve) => {
            httpServer.close(() => resolve())
            httpServer.closeAllConnections()
          })
          store.close()
          log('liveroom: closed')
        })()
        return closing
      },
    }
  } catch (error) {
    business?.close()
    await recorder?.close()
    await ingest?.close()
    callbacks?.close()
    await clients?.close()
    server?.close()
    store.close()
    throw error
  }
}
