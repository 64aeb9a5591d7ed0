import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AppInfo } from '../../src-shared/contract'
import { DEFAULT_APP_ADMIN } from '../../src-shared/protocol/codes'
import { startLiveRoom, type LiveRoom } from '../liveroom'
import { createDispatch, type Dispatch } from './contract/dispatch'
import { EventBatcher } from './contract/event-batcher'
import { ImRestClient } from '../common/im-rest-client'
import { defaultWatermarkPath } from '../common/resources-dir'
import { LocalRoomBackend } from './room/local-backend'
import type { RoomBackend } from './room/room-backend'
import {
  buildTencentBackend,
  RoomConnectionService,
  type TencentBackendDeps,
} from './room/room-connection'
import { RoomSession } from './room/room-session'
import { FileSecretStore, type SecretStore } from './secret-store'
import { openConsoleDatabase } from './store/database'
import { SettingsStore } from './store/settings'
import { StageService } from './stream/stage-service'

export interface ConsoleOptions {
  dataDir: string
  host: AppInfo['host']
  version: string
  /** Built renderer (out/renderer), for the room's viewer page. */
  rendererDir?: string
  /** The top-level resources/ folder (the default watermark). */
  resourcesDir?: string
  /** Interface the embedded room listens on; 127.0.0.1 unless the user asks. */
  roomHost?: string
  roomPort?: number
  /** The embedded room's RTMP ingest port; 0 picks a free one. */
  rtmpPort?: number
  sqliteNativeBinding?: string
  /** Where keys go; default a file only the user can read (the browser host's store). */
  secrets?: SecretStore
  /** Test seam for the Tencent backend (its SDK port and fetch). */
  tencent?: TencentBackendDeps
  log?: (line: string) => void
}

export interface ConsoleApp {
  readonly dispatch: Dispatch
  readonly events: EventBatcher
  readonly room: LiveRoom
  readonly info: AppInfo
  close(): Promise<void>
}

/**
 * The console's main-process services, the same under Electron and the browser host: the embedded
 * live room (hosted in-process), the anchor's session in it, the Stage (stream and recording), and
 * the contract's handlers.
 */
export async function startConsole(options: ConsoleOptions): Promise<ConsoleApp> {
  const log = options.log ?? ((line: string) => console.error(line))
  mkdirSync(options.dataDir, { recursive: true })
  const room = await startLiveRoom({
    dataDir: join(options.dataDir, 'liveroom'),
    host: options.roomHost ?? '127.0.0.1',
    port: options.roomPort ?? 0,
    rendererDir: options.rendererDir,
    sqliteNativeBinding: options.sqliteNativeBinding,
    ingest: { rtmpPort: options.rtmpPort ?? 0 },
    log,
  })
  const events = new EventBatcher()
  const db = openConsoleDatabase(join(options.dataDir, 'console.db'), options.sqliteNativeBinding)
  const settings = new SettingsStore(db)
  const secrets = options.secrets ?? new FileSecretStore(options.dataDir)
  const connection = new RoomConnectionService(settings, secrets)
  // The room session is built once: saved connection settings apply at the next start.
  const chosen = connection.settings()
  let backend: RoomBackend
  let roomId: string
  let viewerUrl: string
  if (chosen.backend === 'tencent') {
    backend = buildTencentBackend(chosen.tencent, connection.secretKey(), options.tencent)
    roomId = chosen.tencent.groupId
    // Tencent's viewers watch in the app's own client; the embedded viewer page is not theirs.
    viewerUrl = ''
  } else {
    roomId = room.defaultRoomId
    viewerUrl = room.viewerUrl(roomId)
    const admin = room.adminIdentifiers[0] ?? DEFAULT_APP_ADMIN
    const rest = new ImRestClient({
      baseUrl: room.httpUrl,
      sdkAppId: room.sdkAppId,
      identifier: admin,
      userSig: () => room.signUserSig(admin),
    })
    backend = new LocalRoomBackend({
      wsUrl: room.wsUrl,
      sdkAppId: room.sdkAppId,
      roomId,
      userId: room.ownerId,
      userSig: () => room.signUserSig(room.ownerId),
      rest,
    })
  }
  const session = new RoomSession({ backend, roomId, viewerUrl, emit: events.emit })
  const stage = new StageService({
    settings,
    secrets,
    ingest: room.ingest,
    // The embedded ingest's stream belongs to the embedded room, whichever room chat runs in.
    roomId: room.defaultRoomId,
    roomTitle: () => session.snapshot().name,
    recordingsDir: join(options.dataDir, 'recordings'),
    defaultWatermark: defaultWatermarkPath(options.resourcesDir),
    emit: events.emit,
    log,
  })
  // The embedded room is ours and must join; a Tencent room may be unreachable or misconfigured,
  // and the console still opens so its settings can be fixed.
  const startSession =
    chosen.backend === 'tencent'
      ? session.start().catch((err: unknown) => {
          const error = connection.failedToStart(err)
          log(`room: could not join the Tencent room ${roomId}: ${error.message} (${error.code})`)
        })
      : session.start()
  try {
    await Promise.all([startSession, stage.init()])
  } catch (err) {
    await session.stop()
    db.close()
    await room.close()
    throw err
  }
  const info: AppInfo = {
    version: options.version,
    host: options.host,
    roomId,
    viewerUrl,
  }
  const dispatch = createDispatch(
    {
      'app:get-info': () => info,
      'room:get-snapshot': () => session.snapshot(),
      'room:send-message': async ({ text }) => ({ message: await session.sendText(text) }),
      'moderation:mute': ({ userId, seconds }) => session.mute(userId, seconds),
      'moderation:unmute': ({ userId }) => session.unmute(userId),
      'moderation:kick': ({ userId, reason }) => session.kick(userId, reason),
      'moderation:ban': ({ userId, seconds, reason }) => session.ban(userId, seconds, reason),
      'room:set-mute-all': ({ on }) => session.setMuteAll(on),
      'room:get-members': async () => ({ members: await session.refreshMembers() }),
      'room:get-connection': () => connection.snapshot(chosen.backend),
      'room:save-connection': (next) => {
        connection.save(next)
        return connection.snapshot(chosen.backend)
      },
      'room:set-secret-key': ({ value }) => {
        connection.setSecretKey(value)
        return connection.snapshot(chosen.backend)
      },
      'stage:get-snapshot': () => stage.snapshot(),
      'stage:save-settings': (settings) => stage.saveSettings(settings),
      'stage:set-secret': ({ name, value }) => stage.setSecret(name, value),
      'stage:list-devices': () => stage.listDevices(),
      'stream:go-live': () => stage.goLive(),
      'stream:record': () => stage.record(),
      'stream:stop': () => stage.stop(),
      'stream:reconnect-now': () => stage.reconnectNow(),
    },
    log,
  )
  return {
    dispatch,
    events,
    room,
    info,
    async close() {
      // The recording is finalized before anything else goes away.
      await stage.close()
      events.close()
      await session.stop()
      db.close()
      await room.close()
    },
  }
}
