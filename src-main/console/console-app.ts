import { join } from 'node:path'
import {
  ContractCode,
  defaultGiftSettings,
  defaultRoomSettings,
  GiftSettings,
  RoomSettings,
  type RoomSettingsSnapshot,
  connectionLocalOnlyChanges,
  stageLocalOnlyChanges,
  type AccessSnapshot,
  type AppInfo,
  type PortChange,
} from '../../src-shared/contract'
import type { ChatMessage } from '../../src-shared/contract/chat'
import { DEFAULT_APP_ADMIN } from '../../src-shared/protocol/codes'
import { startLiveRoom, type ForkIngest, type LiveRoom } from '../liveroom'
import type { LotteryView } from '../../src-shared/protocol/lottery'
import { realTimer } from '../common/clock'
import { createDispatch, type Caller, type Dispatch } from './contract/dispatch'
import { ModerationNotices } from './moderation/moderation-notices'
import { EventBatcher } from './contract/event-batcher'
import { ImRestClient } from '../common/im-rest-client'
import { privateDir } from '../common/private-files'
import { defaultWatermarkPath } from '../common/resources-dir'
import { LocalRoomBackend } from './room/local-backend'
import { NoticeHistoryStore } from './room/notice-history'
import { NoticeFollower } from './room/notice-follow'
import type { RoomBackend } from './room/room-backend'
import {
  anchorUserSig,
  buildTencentBackend,
  RoomConnectionService,
  type TencentBackendDeps,
} from './room/room-connection'
import { BusinessClient, noBusinessHost } from './room-state/business-client'
import { LotteryWatch } from './room-state/lottery-watch'
// Audience and levels (issue 12 §3).
import { AudienceWatch } from './room-state/audience-watch'
import { saveLevelRules } from './room-state/level-rules'
import { RoomSession } from './room/room-session'
import { FileSecretStore, type SecretStore } from './secret-store'
import { openConsoleDatabase } from './store/database'
import { SettingsStore } from './store/settings'
import { openMonitorTap } from './stream/monitor-tap'
import { StageService } from './stream/stage-service'
import type { TrtcIdentity } from './stream/trtc-engine'
import type { TrtcCloudPort } from './stream/trtc-port'
import type { RoomConnectionSettings } from '../../src-shared/contract/room-connection'
// Moderation (issue 13).
import { BusinessApi } from './moderation/business-api'
import { FiltersService } from './moderation/filters-service'
import { ReviewService } from './moderation/review-service'
import { AuditService } from './moderation/audit-service'
import { SafetyService } from './moderation/safety-service'
import { GiftFeedService } from './gifts/gift-feed-service'
import { MessageGiftFeed } from './gifts/message-gift-feed'
import { systemClock } from '../common/clock'
import { startTimeline } from './timeline/timeline-service'
// Keyboard shortcuts (issue 15 §2).
import { HotkeysService } from './hotkeys/hotkeys-service'
import { LayoutService, stayOnTopUnavailable, type LayoutOwner } from './layout/layout-service'
// Moderators with their own identities (issue 13 §4).
import type { Clock } from '../common/clock'
import type { AuditReport, TargetRole } from '../../src-shared/contract'
import { InviteStore } from './moderators/invite-store'
import { ModeratorTeam, ModeratorError, type RoomAdmins } from './moderators/moderator-team'
import { guardRoles } from './moderators/role-guard'
import { signWithSecretKey } from './room/tencent-user-sig'
import { ModeratorCode } from '../../src-shared/contract/moderators'

/** The App admin's REST UserSig: made for each call, so an hour allows only for a skewed clock. */
export const ADMIN_USERSIG_SECONDS = 3600

/**
 * How the console is reached, as the host that serves it knows (src-main/host/access-link.ts for
 * the browser console): the link with its token, and the ports kept from the last start.
 */
export interface ConsoleReach {
  /** Moderators on the LAN can open the console. */
  readonly lan: boolean
  /** The browser console is served over HTTPS/WSS. */
  readonly encrypted: boolean
  /** The console link with its token; null when no browser console runs (or not yet). */
  consoleUrl(): string | null
  /** The same link at this machine's LAN addresses. */
  lanConsoleUrls(): string[]
  /** Saved ports that were taken at this start, and the ones chosen instead. */
  portChanges(): PortChange[]
  /** A new token (kept until the next reset): the old link stops working. */
  resetAccessLink(): void
}

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
  /** How the room's ingest child is started: the desktop app's utilityProcess (issue 16 §5). */
  forkIngest?: ForkIngest
  /** The desktop app's TRTC host window, where Tencent's TRTC SDK loads (issue 17). */
  trtcHost?: () => Promise<TrtcCloudPort>
  /** Where keys go; default a file only the user can read (the browser host's store). */
  secrets?: SecretStore
  /** `--msg-cap`: the embedded room's message cap for this run, over the saved one. */
  msgCap?: number
  /** How the console is reached (the host's); without it, no browser console runs. */
  reach?: ConsoleReach
  /** Test seam for the Tencent backend (its SDK port, fetch and timers). */
  tencent?: TencentBackendDeps
  log?: (line: string) => void
  /** The moderators' invites' clock (their expiry); tests pass a manual one. */
  moderatorClock?: Clock
}

export interface ConsoleApp {
  readonly dispatch: Dispatch
  readonly events: EventBatcher
  readonly room: LiveRoom
  readonly info: AppInfo
  /**
   * The owner's moderators and their invites (issue 13 §4); the browser host checks them. Absent
   * in a console made without them (the contract bench's).
   */
  readonly moderators?: ModeratorTeam
  /** A window's connection ended (Caller.connection): the panels it showed dock back. */
  connectionClosed?(connection: object): void
  close(): Promise<void>
}

/** A change only this machine may make, asked for over the LAN: dispatch passes it on as coded. */
class LocalOnlyError extends Error {
  readonly code = ContractCode.localOnly
  constructor(
    message: string,
    readonly params: { command: string; field: string },
  ) {
    super(message)
    this.name = 'LocalOnlyError'
  }
}

/** Refuses a caller off this machine a change to `fields` (src-shared/contract/local-only.ts). */
function refuseFromAfar(caller: Caller, command: string, fields: readonly string[]): void {
  const field = fields[0]
  if (caller.thisMachine || field === undefined) return
  throw new LocalOnlyError(
    `${command}: ${fields.join(', ')} can be changed only on the computer running LiveDesk`,
    { command, field },
  )
}

/** Who enters the TRTC room: the Tencent connection's anchor; none for the embedded room. */
function trtcIdentity(
  chosen: RoomConnectionSettings,
  secretKey: string | null,
  deps: TencentBackendDeps | undefined,
): (() => Promise<TrtcIdentity>) | null {
  if (chosen.backend !== 'tencent') return null
  const { sdkAppId, userId, groupId } = chosen.tencent
  const userSig = anchorUserSig(chosen.tencent, secretKey, deps)
  return async () => ({ sdkAppId, userId, userSig: await userSig(), strRoomId: groupId })
}

/**
 * The console's main-process services, the same under Electron and the browser host: the embedded
 * live room (hosted in-process), the anchor's session in it, the Stage (stream and recording), and
 * the contract's handlers.
 */
export async function startConsole(options: ConsoleOptions): Promise<ConsoleApp> {
  const log = options.log ?? ((line: string) => console.error(line))
  // Everything under the data folder is the user's alone (issue 9 §4): folders 0700, files 0600.
  privateDir(options.dataDir)
  privateDir(join(options.dataDir, 'liveroom'))
  const recordingsDir = join(options.dataDir, 'recordings')
  privateDir(recordingsDir)
  // The console's gift setting, read at each new wallet (the settings open after the room).
  let giftSettings = (): GiftSettings => defaultGiftSettings
  const room = await startLiveRoom({
    business: { gifts: { startingBalance: () => giftSettings().startingBalance } },
    dataDir: join(options.dataDir, 'liveroom'),
    host: options.roomHost ?? '127.0.0.1',
    port: options.roomPort ?? 0,
    rendererDir: options.rendererDir,
    sqliteNativeBinding: options.sqliteNativeBinding,
    ingest: { rtmpPort: options.rtmpPort ?? 0, fork: options.forkIngest },
    ...(options.msgCap !== undefined ? { maxMessagesPerSecond: options.msgCap } : {}),
    log,
  })
  const events = new EventBatcher()
  const db = openConsoleDatabase(join(options.dataDir, 'console.db'), options.sqliteNativeBinding)
  const settings = new SettingsStore(db)
  giftSettings = () => settings.get('gifts', GiftSettings, defaultGiftSettings)
  const roomSettings = () => settings.get('room', RoomSettings, defaultRoomSettings)
  // Nobody is in the room yet: the saved cap applies from the first message on.
  if (options.msgCap === undefined) room.setMaxMessagesPerSecond(roomSettings().messageCap)
  let capFromCommandLine = options.msgCap !== undefined
  const secrets = options.secrets ?? new FileSecretStore(options.dataDir)
  const connection = new RoomConnectionService(settings, secrets)
  // The room session is built at startup (and again by a retry): saved connection settings apply
  // at the next start.
  const chosen = connection.settings()
  const roomSettingsSnapshot = (): RoomSettingsSnapshot => ({
    settings: roomSettings(),
    messageCap: room.maxMessagesPerSecond,
    fromCommandLine: capFromCommandLine,
    tencentRoom: chosen.backend === 'tencent',
  })
  let roomId: string
  let viewerUrl: string
  let makeBackend: () => RoomBackend
  /** The business host that keeps this room's state; null where the console knows none. */
  let business: BusinessClient | null = null
  /** The IM REST API as the App admin, where the console has it (group admins, issue 13 §4). */
  let adminRest: ImRestClient | null = null
  if (chosen.backend === 'tencent') {
    const tencent = chosen.tencent
    const secretKey = connection.secretKey()
    makeBackend = () => buildTencentBackend(tencent, secretKey, options.tencent)
    adminRest = secretKey
      ? new ImRestClient({
          baseUrl: tencent.restBaseUrl,
          sdkAppId: tencent.sdkAppId,
          identifier: tencent.adminUserId,
          userSig: () =>
            signWithSecretKey(
              tencent.sdkAppId,
              secretKey,
              tencent.adminUserId,
              ADMIN_USERSIG_SECONDS,
            ),
          ...(options.tencent?.fetch ? { fetch: options.tencent.fetch } : {}),
        })
      : null
    roomId = tencent.groupId
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
      // Signed afresh for every call; it rides in the request URL, so it lives an hour, not the
      // room's default 180 days.
      userSig: () => room.signUserSig(admin, ADMIN_USERSIG_SECONDS),
    })
    adminRest = rest
    const localRoomId = roomId
    // The embedded room's own business host, asked as the room's owner (who may drive its state).
    business = new BusinessClient({
      baseUrl: room.httpUrl,
      userId: room.ownerId,
      userSig: () => room.signUserSig(room.ownerId, ADMIN_USERSIG_SECONDS),
    })
    makeBackend = () =>
      new LocalRoomBackend({
        wsUrl: room.wsUrl,
        sdkAppId: room.sdkAppId,
        roomId: localRoomId,
        userId: room.ownerId,
        // Asked for at every (re)login: a few hours is plenty, and a leaked one soon worthless.
        userSig: () => room.signUserSig(room.ownerId, ADMIN_USERSIG_SECONDS),
        rest,
      })
  }
  // The gift feed is the embedded business host's; a Tencent room's has no URL here (issue 11 §7).
  const giftFeed =
    chosen.backend === 'tencent'
      ? undefined
      : new GiftFeedService({
          businessUrl: room.httpUrl,
          roomId,
          userId: room.ownerId,
          userSig: () => room.signUserSig(room.ownerId, ADMIN_USERSIG_SECONDS),
          clock: systemClock,
          emit: (snapshot) => events.emit('gifts:changed', snapshot),
          log,
        })
  giftFeed?.start()
  // A Tencent room's Gifts panel is built from its gift messages (no ledger of ours to read).
  const messageGifts =
    chosen.backend === 'tencent'
      ? new MessageGiftFeed({
          roomId,
          trustedSender: chosen.tencent.adminUserId,
          clock: systemClock,
          emit: (snapshot) => events.emit('gifts:changed', snapshot),
        })
      : undefined
  const giftsUnavailable = { available: false, feed: null, since: Date.now() }
  const noticeHistory = new NoticeHistoryStore(db)
  const noticeFollower = new NoticeFollower({
    settings,
    room: () => ({
      roomId,
      notice: () => session.currentNotice(),
      publish: (notification, introduction) =>
        session.setNoticeForRoomState(notification, introduction),
    }),
    log,
  })
  const newSession = () =>
    new RoomSession({
      backend: makeBackend(),
      roomId,
      viewerUrl,
      emit: (name, payload) => {
        // The Stage draws what the room delivered into the picture (danmaku).
        if (name === 'room:messages-received') stage.chatReceived(payload as ChatMessage[])
        events.emit(name, payload)
      },
      noticeHistory,
      onRoomState: (state) => noticeFollower.roomStateChanged(state),
      onGiftEvent: (event) => {
        if (event.type === 'like') return messageGifts?.like(event.like, event.time)
        messageGifts?.gift(event.gift, event.from, event.time)
        stage.giftReceived(event.gift)
      },
    })
  // The monitor plays the program from the encoder itself while only recording (issue 14 §1).
  const monitorTap = await openMonitorTap({ log })
  room.mountHttp(monitorTap.handleHttp)
  const stage = new StageService({
    settings,
    secrets,
    ingest: room.ingest,
    monitor: { port: monitorTap.port, url: `${room.httpUrl}${monitorTap.path}` },
    // The embedded ingest's stream belongs to the embedded room, whichever room chat runs in.
    roomId: room.defaultRoomId,
    roomTitle: () => session.snapshot().name,
    recordingsDir,
    defaultWatermark: defaultWatermarkPath(options.resourcesDir),
    emit: events.emit,
    log,
    // TRTC enters the Tencent room's own id as the anchor, signed like the IM login (issue 17).
    trtc: {
      identity: trtcIdentity(chosen, connection.secretKey(), options.tencent),
      openHost: options.trtcHost,
    },
  })
  // After the Stage: the session hands it the chat lines the room delivers.
  let session = newSession()
  // Moderation (issue 13): the embedded room's business host keeps the filters; a Tencent room's
  // business host is not known to the console yet.
  const businessApi =
    chosen.backend === 'tencent'
      ? undefined
      : new BusinessApi({
          baseUrl: room.httpUrl,
          userId: room.ownerId,
          userSig: () => room.signUserSig(room.ownerId, ADMIN_USERSIG_SECONDS),
        })
  const filters = new FiltersService(businessApi, roomId, events.emit)
  const review = new ReviewService(businessApi, roomId, events.emit, log)
  const audit = new AuditService(businessApi, roomId, events.emit, log)
  const safety = new SafetyService(businessApi, roomId, events.emit)
  const notices = new ModerationNotices(adminRest, roomId, log)
  /** Audited as the caller's, then told to the room as theirs (moderation-notices.ts). */
  const moderated = async <T>(
    entry: AuditReport,
    action: () => Promise<T>,
    caller: Caller,
    targetNick?: string,
  ): Promise<T> => {
    const result = await audit.audited(entry, action, caller.moderator?.name)
    const snapshot = session.snapshot()
    // A member read over REST is known by userId only until a line of theirs names them.
    const member = snapshot.people.members.find((m) => m.userId === entry.target)
    const nick =
      targetNick ??
      (member && member.nick !== member.userId ? member.nick : undefined) ??
      snapshot.messages.findLast((m) => m.from === entry.target)?.nick ??
      ''
    void notices.announce(entry, caller, { ownerId: snapshot.selfUserId, targetNick: nick })
    return result
  }
  review.start()
  const layouts = new LayoutService(db, ({ userId, role }) =>
    events.emit('layout:changed', { userId, role }),
  )
  /** Each console's layout is its user's in its role: a moderator's own, the owner's own. */
  const layoutOwner = (caller: Caller): LayoutOwner =>
    caller.moderator
      ? { userId: caller.moderator.userId, role: caller.moderator.role }
      : { userId: session.snapshot().selfUserId, role: 'owner' }
  const hotkeys = new HotkeysService(settings, (snapshot) =>
    events.emit('hotkeys:changed', snapshot),
  )
  // Moderators (issue 13 §4): admins are the room's own group admins, through modify_admin.
  const groupAdmins = (client: ImRestClient): RoomAdmins => ({
    async list() {
      const answer = await client.call('group_open_avchatroom_http_svc', 'get_admin_list', {
        GroupId: roomId,
      })
      return ((answer.Admin_List as { Admin_Account?: string }[] | undefined) ?? []).flatMap(
        (admin) => (admin.Admin_Account ? [admin.Admin_Account] : []),
      )
    },
    async set(userId, admin) {
      await client.call('group_open_avchatroom_http_svc', 'modify_admin', {
        GroupId: roomId,
        CommandType: admin ? 1 : 2,
        Admin_Account: [userId],
      })
    },
  })
  const moderators = new ModeratorTeam({
    store: new InviteStore(db),
    admins: adminRest ? groupAdmins(adminRest) : undefined,
    ownerId: chosen.backend === 'tencent' ? chosen.tencent.userId : room.ownerId,
    clock: options.moderatorClock ?? systemClock,
    emit: (snapshot) => events.emit('moderators:changed', snapshot),
    log,
  })
  /** Who a person is in the room, for the rank rule (owner > admin > moderator > viewer). */
  const targetRole = (userId: string): TargetRole => {
    const snapshot = session.snapshot()
    if (userId === snapshot.selfUserId) return 'owner'
    const team = moderators.roleOf(userId)
    if (team) return team
    const member = snapshot.people.members.find((m) => m.userId === userId)
    return member?.role === 'Owner' ? 'owner' : member?.role === 'Admin' ? 'admin' : 'viewer'
  }
  /** The invite's link at the console's own address(es): the token rides in it, shown once. */
  const inviteLinks = (token: string): { link: string; lanLinks: string[] } => {
    const at = (url: string) => {
      const link = new URL(url)
      link.search = ''
      link.searchParams.set('invite', token)
      return link.toString()
    }
    const base = options.reach?.consoleUrl()
    if (!base) {
      throw new ModeratorError(
        ModeratorCode.noBrowserConsole,
        'No browser console runs: start LiveDesk with --host or --port to invite moderators',
      )
    }
    return { link: at(base), lanLinks: (options.reach?.lanConsoleUrls() ?? []).map(at) }
  }
  let closed = false

  /**
   * A Tencent room may be unreachable or misconfigured: the console opens at once and the join
   * goes on behind it, each step within its time limit (room-connection.ts). When it ends, every
   * console gets the room as it now is, or the connection settings say in words what failed.
   */
  const joinInBackground = (): void => {
    const attempt = session
    connection.joinStarted()
    attempt.start().then(
      () => {
        if (closed || session !== attempt) return
        connection.joined()
        events.emit('room:snapshot-replaced', attempt.snapshot())
      },
      (err: unknown) => {
        if (closed || session !== attempt) return
        const error = connection.failedToStart(err)
        log(`room: could not join the Tencent room ${roomId}: ${error.message} (${error.code})`)
        events.emit('room:snapshot-replaced', attempt.snapshot())
      },
    )
  }

  try {
    if (chosen.backend === 'tencent') {
      joinInBackground()
      await stage.init()
    } else {
      // The embedded room is ours and must join.
      await Promise.all([session.start(), stage.init()])
    }
  } catch (err) {
    closed = true
    review.stop()
    giftFeed?.close()
    await session.stop()
    db.close()
    await monitorTap.close()
    await room.close()
    throw err
  }
  // The show's timeline (issue 15 §3), sampled from here on.
  const timeline = startTimeline({
    db,
    events,
    clock: systemClock,
    start: {
      room: session.snapshot(),
      stream: stage.snapshot().status,
      gifts: giftFeed?.snapshot() ?? messageGifts?.snapshot() ?? null,
    },
    log,
  })
  const info: AppInfo = {
    version: options.version,
    host: options.host,
    roomId,
    viewerUrl,
  }
  const reach = options.reach
  const access = (caller: Caller): AccessSnapshot => {
    const here = caller.thisMachine
    return {
      thisMachine: here,
      browserConsole: reach?.consoleUrl() != null,
      // The link is a key: only this machine's callers are shown it (a moderator holds theirs).
      consoleUrl: here ? (reach?.consoleUrl() ?? null) : null,
      lanConsoleUrls: here ? (reach?.lanConsoleUrls() ?? []) : [],
      lan: reach?.lan ?? false,
      encrypted: reach?.encrypted ?? false,
      portChanges: reach?.portChanges() ?? [],
    }
  }
  const needBusiness = (): BusinessClient => {
    if (!business) throw noBusinessHost()
    return business
  }
  const lotteryWatch = business
    ? new LotteryWatch({
        business,
        groupId: roomId,
        current: () => session.currentLottery(),
        apply: (view) => session.applyLottery(view),
        setTimer: realTimer,
      })
    : undefined
  // A lottery opened by another console or an admin's tool is watched too.
  events.subscribe((batch) => {
    if (batch.some((e) => e.name === 'room:lottery-changed' && e.payload.phase === 'open')) {
      lotteryWatch?.kick()
    }
  })
  const audienceWatch = business
    ? new AudienceWatch({
        business,
        groupId: roomId,
        members: () => session.snapshot().people.members,
        applyAudience: (view) => session.applyAudience(view),
        applyLevels: (levels) => session.applyLevels(levels),
        setTimer: realTimer,
      })
    : undefined
  audienceWatch?.start()
  events.subscribe((batch) => {
    if (batch.some((e) => e.name === 'room:people-changed')) audienceWatch?.peopleChanged()
    if (batch.some((e) => e.name === 'room:connection-changed' && e.payload.state === 'connected'))
      audienceWatch?.readAudienceNow()
  })
  /** Shown at once, and watched for its entrant count while open. */
  const lotteryAnswer = (view: LotteryView): LotteryView => {
    session.applyLottery(view)
    lotteryWatch?.kick()
    return view
  }
  const dispatch = createDispatch(
    guardRoles(
      {
        'app:get-info': () => info,
        'app:get-access': (_input, caller) => access(caller),
        'app:reset-access-link': (_input, caller) => {
          refuseFromAfar(caller, 'app:reset-access-link', ['accessLink'])
          reach?.resetAccessLink()
          return access(caller)
        },
        'room:get-snapshot': () => session.snapshot(),
        'room:send-message': async ({ text }) => ({ message: await session.sendText(text) }),
        // Each moderation action goes to the audit log too (issue 13 §5), and the room hears who did it.
        'moderation:mute': ({ userId, seconds }, caller) =>
          moderated(
            seconds > 0
              ? { action: 'mute', target: userId, durationSeconds: seconds }
              : { action: 'unmute', target: userId },
            () => session.mute(userId, seconds),
            caller,
          ),
        'moderation:unmute': ({ userId }, caller) =>
          moderated({ action: 'unmute', target: userId }, () => session.unmute(userId), caller),
        'moderation:kick': ({ userId, reason }, caller) =>
          moderated(
            { action: 'kick', target: userId, reason },
            () => session.kick(userId, reason),
            caller,
          ),
        'moderation:ban': async ({ userId, seconds, reason, deleteRecent }, caller) => {
          const banned = await moderated(
            seconds > 0
              ? { action: 'ban', target: userId, reason, durationSeconds: seconds }
              : { action: 'unban', target: userId, reason },
            () => session.ban(userId, seconds, reason),
            caller,
          )
          if (!deleteRecent || seconds === 0) return banned
          // Their lines still in the chat go too, one recall each (the room tells everyone).
          // (A moderation line names its actor as sender; it is the room's notice, not theirs.)
          const lines = session
            .snapshot()
            .messages.filter((m) => m.from === userId && !m.moderation)
          let deleted = 0
          for (const line of lines) {
            await audit
              .audited(
                {
                  action: 'delete-message',
                  target: userId,
                  reason,
                  message: line.text.slice(0, 200),
                },
                () => session.recall(line.sequence, reason),
                caller.moderator?.name,
              )
              .then(
                () => (deleted += 1),
                (error: unknown) => log(`ban: could not delete ${line.sequence}: ${String(error)}`),
              )
          }
          return { ...banned, deleted }
        },
        'room:set-mute-all': ({ on }, caller) =>
          moderated(
            { action: on ? 'mute-all' : 'unmute-all' },
            () => session.setMuteAll(on),
            caller,
          ),
        'room:get-members': async () => ({ members: await session.refreshMembers() }),
        'room:set-notice': ({ notification, introduction }) =>
          session.setNotice(notification, introduction),
        'notice:get-follow': () => noticeFollower.get(),
        'notice:save-follow': (next) => noticeFollower.save(next),
        'lottery:open': async (open) =>
          lotteryAnswer(await needBusiness().openLottery(roomId, open)),
        'lottery:draw': async () => lotteryAnswer(await needBusiness().drawLottery(roomId)),
        'lottery:redraw': async ({ userId }) =>
          lotteryAnswer(await needBusiness().redrawLottery(roomId, userId)),
        'lottery:export': () => needBusiness().lotteryResult(roomId),
        'levels:get-rules': () => needBusiness().levelRules(roomId),
        'levels:save-rules': async (rules) => {
          const saved = await saveLevelRules(needBusiness(), roomId, rules)
          // Applied at once on the host: the member list shows the new levels now.
          void audienceWatch?.refreshLevels()
          return saved
        },
        'levels:set-member': async ({ userId, member }) => {
          const set = await needBusiness().setLevelMember(roomId, userId, member)
          // The member list's badge and the Moderate menu show it at once.
          session.applyLevels({
            levels: { [userId]: set.level },
            memberships: { [userId]: set.member },
          })
          return set
        },
        'room-state:act': async (action) => {
          if (!business) throw noBusinessHost()
          const state = await business.roomStateAction(roomId, action)
          // Shown at once; the room's message and attribute (the same state) come behind it.
          if (state) session.applyRoomState(state)
          return state
        },
        'room:get-connection': () => connection.snapshot(chosen.backend),
        'room:save-connection': (next, caller) => {
          const changed = connectionLocalOnlyChanges(connection.settings(), next)
          refuseFromAfar(caller, 'room:save-connection', changed)
          connection.save(next)
          return connection.snapshot(chosen.backend)
        },
        'room:retry-connection': async () => {
          // The embedded room is this process's own: there is nothing to retry.
          if (chosen.backend === 'tencent' && !connection.snapshot(chosen.backend).joining) {
            const old = session
            session = newSession()
            await old.stop()
            events.emit('room:snapshot-replaced', session.snapshot())
            joinInBackground()
          }
          return connection.snapshot(chosen.backend)
        },
        'room:set-secret-key': ({ value }) => {
          connection.setSecretKey(value)
          return connection.snapshot(chosen.backend)
        },
        'stage:get-snapshot': () => stage.snapshot(),
        'stage:save-settings': (next, caller) => {
          const changed = stageLocalOnlyChanges(stage.settings(), next)
          refuseFromAfar(caller, 'stage:save-settings', changed)
          return stage.saveSettings(next)
        },
        'stage:set-secret': ({ name, value }) => stage.setSecret(name, value),
        'stage:list-devices': () => stage.listDevices(),
        'stream:go-live': () => stage.goLive(),
        'stream:record': () => stage.record(),
        'stream:end-live': () => stage.endLive(),
        'stream:stop-recording': () => stage.stopRecording(),
        'stream:stop': () => stage.stop(),
        'stream:reconnect-now': () => stage.reconnectNow(),
        'stream:switch-scene': ({ id }) => stage.switchScene(id),
        'moderation:delete-message': ({ sequence, reason }, caller) => {
          const line = session.snapshot().messages.find((m) => m.sequence === sequence)
          return moderated(
            {
              action: 'delete-message',
              target: line?.from ?? '',
              reason,
              message: (line?.text ?? '').slice(0, 200),
            },
            () => session.recall(sequence, reason),
            caller,
            line?.nick,
          )
        },
        'audit:get-entries': (query) => audit.entries(query),
        'safety:get-settings': () => safety.settings(),
        'safety:save-settings': (change, caller) => safety.save(change, caller.moderator?.name),
        'filters:get-snapshot': () => filters.snapshot(),
        'filters:add-rule': (rule, caller) => filters.add(rule, caller.moderator?.name),
        'filters:remove-rule': ({ id }, caller) => filters.remove(id, caller.moderator?.name),
        'review:get-snapshot': () => review.snapshot(),
        'review:claim': ({ id }, caller) => review.claim(id, caller.moderator?.name),
        'review:decide': ({ id, decision }, caller) =>
          review.decide(id, decision, caller.moderator?.name),
        'gifts:get-settings': () => giftSettings(),
        'gifts:save-settings': (next, caller) => {
          if (next.startingBalance !== giftSettings().startingBalance) {
            refuseFromAfar(caller, 'gifts:save-settings', ['startingBalance'])
          }
          settings.put('gifts', next)
          return giftSettings()
        },
        'gifts:get-snapshot': () =>
          giftFeed?.snapshot() ?? messageGifts?.snapshot() ?? giftsUnavailable,
        'gifts:mark-thanked': async ({ comboId }) =>
          giftFeed
            ? giftFeed.markThanked(comboId)
            : (messageGifts?.markThanked(comboId) ?? giftsUnavailable),
        'room:get-settings': () => roomSettingsSnapshot(),
        'room:save-settings': (next, caller) => {
          if (next.messageCap !== room.maxMessagesPerSecond) {
            refuseFromAfar(caller, 'room:save-settings', ['messageCap'])
          }
          settings.put('room', next)
          room.setMaxMessagesPerSecond(next.messageCap)
          capFromCommandLine = false
          return roomSettingsSnapshot()
        },
        ...timeline.handlers,
        'hotkeys:get': () => hotkeys.snapshot(),
        'hotkeys:save': ({ bindings }) => hotkeys.save(bindings),
        'layout:get': (_input, caller) => layouts.snapshot(layoutOwner(caller)),
        'layout:choose-preset': ({ preset }, caller) =>
          layouts.choosePreset(layoutOwner(caller), preset),
        'layout:arrange': ({ panels }, caller) => layouts.arrange(layoutOwner(caller), panels),
        'layout:pop-out': ({ panel }, caller) =>
          layouts.popOut(layoutOwner(caller), panel, caller.connection ?? caller),
        'layout:dock': ({ panel }, caller) => layouts.dock(layoutOwner(caller), panel),
        // Only a desktop pop-out window can (the shell names it, src-main/shell/pop-out-window.ts).
        'layout:stay-on-top': ({ on }, caller) => {
          if (!caller.popOut) throw stayOnTopUnavailable()
          return { on: caller.popOut.stayOnTop(on) }
        },
        'app:get-identity': (_input, caller) =>
          caller.moderator
            ? {
                role: caller.moderator.role,
                name: caller.moderator.name,
                userId: caller.moderator.userId,
              }
            : { role: 'owner' as const, name: '', userId: session.snapshot().selfUserId },
        'moderators:get-snapshot': () => moderators.snapshot(),
        'moderators:invite': async (request) => {
          inviteLinks('') // refuses before an invite is made when no link could reach anyone
          const { entry, token } = await moderators.invite(request)
          return { entry, ...inviteLinks(token), snapshot: moderators.snapshot() }
        },
        'moderators:revoke': ({ id }) => moderators.revoke(id),
      },
      {
        team: moderators,
        targetRole,
        senderOf: (sequence) =>
          session.snapshot().messages.find((m) => m.sequence === sequence)?.from,
      },
    ),
    log,
  )
  return {
    dispatch,
    events,
    room,
    info,
    moderators,
    connectionClosed: (connection) => layouts.connectionClosed(connection),
    async close() {
      closed = true
      moderators.close()
      review.stop()
      giftFeed?.close()
      lotteryWatch?.stop()
      timeline.close()
      audienceWatch?.stop()
      // The recording is finalized before anything else goes away.
      await stage.close()
      events.close()
      await session.stop()
      db.close()
      await monitorTap.close()
      await room.close()
    },
  }
}
