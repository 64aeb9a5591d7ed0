import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AppInfo } from '../../src-shared/contract'
import { startLiveRoom, type LiveRoom } from '../liveroom'
import { createDispatch, type Dispatch } from './contract/dispatch'
import { EventBatcher } from './contract/event-batcher'
import { LocalRoomBackend } from './room/local-backend'
import { RoomSession } from './room/room-session'

export interface ConsoleOptions {
  dataDir: string
  host: AppInfo['host']
  version: string
  /** Built renderer (out/renderer), for the room's viewer page. */
  rendererDir?: string
  /** Interface the embedded room listens on; 127.0.0.1 unless the user asks. */
  roomHost?: string
  roomPort?: number
  /** The embedded room's RTMP ingest port; 0 picks a free one. */
  rtmpPort?: number
  sqliteNativeBinding?: string
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
 * live room (hosted in-process), the anchor's session in it, and the contract's handlers.
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
  const roomId = room.defaultRoomId
  const backend = new LocalRoomBackend({
    wsUrl: room.wsUrl,
    sdkAppId: room.sdkAppId,
    roomId,
    userId: room.ownerId,
    userSig: () => room.signUserSig(room.ownerId),
  })
  const session = new RoomSession(backend, roomId, room.viewerUrl(roomId), events.emit)
  try {
    await session.start()
  } catch (err) {
    await room.close()
    throw err
  }
  const info: AppInfo = {
    version: options.version,
    host: options.host,
    roomId,
    viewerUrl: room.viewerUrl(roomId),
  }
  const dispatch = createDispatch(
    {
      'app:get-info': () => info,
      'room:get-snapshot': () => session.snapshot(),
      'room:send-message': async ({ text }) => ({ message: await session.sendText(text) }),
      'moderation:mute': ({ userId, seconds }) => session.mute(userId, seconds),
    },
    log,
  )
  return {
    dispatch,
    events,
    room,
    info,
    async close() {
      events.close()
      await session.stop()
      await room.close()
    },
  }
}
