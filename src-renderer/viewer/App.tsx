import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import { ContractCode, roomErrorParams } from '../../src-shared/contract/result'
import type { ChatMessage } from '../../src-shared/contract/chat'
import { chatLinesOf, readWire, wireToChat } from '../../src-shared/contract/wire-to-chat'
import { ErrorCode, Limits } from '../../src-shared/protocol/codes'
import {
  PROTOCOL_PATH,
  PROTOCOL_VERSION,
  type ViewerSession,
  type StreamState,
} from '../../src-shared/protocol/frames'
import { BusinessId } from '../../src-shared/protocol/business-messages'
import { LotteryView } from '../../src-shared/protocol/lottery'
import { AudienceView, newerAudience } from '../../src-shared/protocol/audience'
import { z } from 'zod'
import { newerRoomState, type RoomState, roomStateOf } from '../../src-shared/protocol/room-state'
import { RoomClient, type PushFrame } from '../../src-shared/protocol/room-client'
import { appendBounded, CHAT_LIMIT } from '../shared/bounded'
import { AppearanceControls } from '../shared/AppearanceControls'
import { browserSocket, sameHostSocketUrl } from '../shared/browser-socket'
import { ChatLog } from '../shared/ChatLog'
import { NoticeView } from '../shared/NoticeView'
import { FlvPlayer } from '../shared/FlvPlayer'
import { Composer } from '../shared/Composer'
import { closeMessage, errorMessage, muteUntilOf } from '../shared/error-message'
import { t } from '../shared/i18n'
import { formatClock, formatUntil } from '../shared/time'
import { useNow } from '../shared/use-now'
import { BeRightBack, LotteryCard, Replay, RoomStateStatus } from './room-state/ShowParts'
import { requestViewerSession } from './session'
import { encodeLike } from '../../src-shared/protocol/gift-messages'
import { GiftPanel, GiftStrip } from './gifts/GiftPanel'
import { useGifts } from './gifts/use-gifts'
import { OwnLines } from './own-lines'
import { rejoinDelay, rejoinsAfter } from './rejoin'

type Phase =
  | { kind: 'form'; error: string | null }
  | { kind: 'joining' }
  | { kind: 'joined' }
  /** `retryAt`: local ms at which the page joins again by itself (see rejoin.ts). */
  | { kind: 'ended'; reason: string; retryAt?: number }

const MAX_TIMER_MS = 2 ** 31 - 1
const PING_MS = 25_000
/** Reuse a session for a rejoin only if it has this long left. */
const SESSION_MARGIN_MS = 60_000
/** A ban this long is Tencent's "permanent" (Duration 4294967295 s), not a date to show. */
const PERMANENT_BAN_MS = 100 * 365 * 86_400_000
/** Sign-in failures a rejoin cures only with a fresh session. */
const SESSION_ERRORS = new Set<number>([
  ErrorCode.userSigExpired,
  ErrorCode.userSigInvalid,
  ErrorCode.userSigVerificationFailed,
  ErrorCode.identifierMismatch,
  ErrorCode.sdkAppIdMismatch,
])

/** The audience page: pick a nickname, join the room, chat. */
export function App({ roomId }: { roomId: string }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'form', error: null })
  // The room remembers who this browser is (its credential cookie); the page, what they are called.
  const [nickname, setNickname] = useState(lastNickname)
  const [session, setSession] = useState<ViewerSession | null>(null)
  const [roomName, setRoomName] = useState('')
  const [online, setOnline] = useState(0)
  const [lines, setLines] = useState<readonly ChatMessage[]>([])
  /** Local-clock ms until which this viewer is muted; 0 when not muted. */
  const [muteUntil, setMuteUntilLocal] = useState(0)
  /** The room's mute-all, and whether it holds this viewer (the owner and admins may still chat). */
  const [muteAll, setMuteAll] = useState(false)
  const [stream, setStream] = useState<StreamState | null>(null)
  const [privileged, setPrivileged] = useState(false)
  /** The business host's room state: its High message, or the room_state attribute. */
  const [liveState, setLiveState] = useState<RoomState | null>(null)
  const [notification, setNotification] = useState('')
  const [lottery, setLottery] = useState<LotteryView | null>(null)
  /** The business host's audience figures: its Low message, or GET /business/audience at the join. */
  const [audience, setAudience] = useState<AudienceView | null>(null)
  const client = useRef<RoomClient | null>(null)
  const staleSession = useRef(false)
  /** serverTime − local time at login, so the server's muteUntil maps to the local clock. */
  const skew = useRef(0)
  /** Rejoins in a row since the last join that held (see rejoin.ts). */
  const rejoinAttempts = useRef(0)
  const ownLines = useRef(new OwnLines())

  /** One like message with `count` taps, at Low (the seed: likes are the room's lowest). */
  const sendLike = useCallback(
    async (count: number): Promise<boolean> => {
      const room = client.current
      if (!room || !session) return false
      const data = encodeLike(
        { userId: session.userId, userName: session.nick, avatarUrl: '', level: '0' },
        count,
      )
      const ack = await room.request({
        type: 'send',
        groupId: roomId,
        priority: 'Low',
        msgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: data } }],
      })
      return ack.ok
    },
    [session, roomId],
  )
  const gifts = useGifts({ session, roomId, sendLike })
  /** The latest gift handlers, for the room's push listener set up at the join. */
  const giftsNow = useRef(gifts)
  useEffect(() => {
    giftsNow.current = gifts
  })

  const setMuteFromServer = useCallback((serverUntil: number) => {
    const local = serverUntil - skew.current
    setMuteUntilLocal(local > Date.now() ? local : 0)
  }, [])

  /** The facts of an error's data for its wording, with the server's times on the local clock. */
  const localParams = (data: unknown) => {
    const params = roomErrorParams(data)
    if (!params) return undefined
    for (const name of ['muteUntil', 'bannedUntil', 'retryAfter']) {
      const value = params[name]
      if (typeof value === 'number') params[name] = value - skew.current
    }
    return params
  }

  // Re-enable the composer by itself when the mute runs out.
  useEffect(() => {
    if (muteUntil === 0) return
    const delay = Math.min(Math.max(0, muteUntil - Date.now()) + 50, MAX_TIMER_MS)
    const timer = setTimeout(() => setMuteUntilLocal(0), delay)
    return () => clearTimeout(timer)
  }, [muteUntil])

  useEffect(() => {
    document.title = roomName ? `${roomName} · ${t('appName')}` : t('appName')
  }, [roomName])

  useEffect(() => () => client.current?.close(), [])

  const enterRoom = async (viewer: ViewerSession) => {
    client.current?.close()
    const room = new RoomClient({ url: sameHostSocketUrl(PROTOCOL_PATH), connect: browserSocket })
    client.current = room
    setPhase({ kind: 'joining' })
    /** The code of the `kicked` frame the server sent before closing, if it sent one. */
    let kickedCode: number | null = null
    /** The host took this viewer out of the room; the socket stays open, so we close it. */
    const removed = (reason: string) => {
      if (client.current !== room) return
      client.current = null
      room.close()
      setPhase({ kind: 'ended', reason })
    }

    const onPush = (frame: PushFrame) => {
      if (client.current !== room) return
      switch (frame.type) {
        case 'message':
          if (frame.message.to !== roomId) break
          {
            const read = readWire(frame.message, viewer.userId)
            if (read.kind === 'chat') {
              // An approved line of ours comes back with a new ID: it replaces the one shown.
              const replaced = ownLines.current.arrived(read.chat)
              setLines((previous) =>
                appendBounded(
                  replaced ? previous.filter((line) => line.id !== replaced) : previous,
                  [read.chat],
                  CHAT_LIMIT,
                ),
              )
            } else if (read.kind === 'gift') {
              giftsNow.current.received(read.gift)
            } else if (read.kind === 'like') {
              giftsNow.current.liked(read.like)
            } else if (
              read.kind === 'business' &&
              read.business.businessID === BusinessId.onlineCount
            ) {
              // The business host's count (the seed's server push, every 5 s when it moved): what
              // a viewer of a Tencent Cloud room gets too. The join's snapshot gave the first one.
              setOnline(read.business.count)
            } else if (
              read.kind === 'business' &&
              read.business.businessID === BusinessId.roomState
            ) {
              const offered = read.business
              setLiveState((current) => newerRoomState(current ?? undefined, offered) ?? null)
            } else if (
              read.kind === 'business' &&
              read.business.businessID === BusinessId.lottery
            ) {
              setLottery(read.business)
            } else if (
              read.kind === 'business' &&
              read.business.businessID === BusinessId.audience
            ) {
              const offered = read.business
              setAudience((current) => newerAudience(current, offered))
            }
          }
          break
        case 'message-recalled':
          // A moderator deleted the line (issue 13 §3): it leaves every viewer's chat.
          if (frame.groupId !== roomId) break
          setLines((previous) => previous.filter((line) => line.sequence !== frame.sequence))
          break
        case 'member-muted':
          if (frame.groupId !== roomId || frame.userId !== viewer.userId) break
          if (frame.muteTime === 0) setMuteUntilLocal(0)
          else setMuteFromServer(frame.muteUntil)
          break
        case 'member-kicked':
          if (frame.groupId === roomId && frame.userIds.includes(viewer.userId)) {
            removed(t('viewer.removed'))
          }
          break
        case 'member-banned':
          if (frame.groupId === roomId && frame.userIds.includes(viewer.userId)) {
            removed(banReason(frame.bannedUntil - skew.current))
          }
          break
        case 'stream-state-changed':
          if (frame.groupId === roomId) setStream(frame.stream)
          break
        case 'group-profile-changed':
          if (frame.groupId !== roomId) break
          if (frame.changes.muteAllMembers !== undefined) setMuteAll(frame.changes.muteAllMembers)
          if (frame.changes.name !== undefined) setRoomName(frame.changes.name)
          if (frame.changes.notification !== undefined) {
            setNotification(frame.changes.notification)
          }
          break
        case 'group-attributes-changed':
          // The message may have been shed: the attribute carries the same state.
          if (frame.groupId === roomId) {
            const { roomState } = roomStateOf(frame.groupAttributes)
            setLiveState((current) => newerRoomState(current ?? undefined, roomState) ?? null)
          }
          break
        case 'kicked':
          kickedCode = frame.code
          if (SESSION_ERRORS.has(frame.code)) staleSession.current = true
          break
        default:
          break
      }
    }
    room.on(onPush)
    room.onClose((info) => {
      if (client.current !== room) return
      client.current = null
      // The server's reason text is for logs; the close code says why in the viewer's language.
      const code = kickedCode ?? info.code
      const delay = rejoinsAfter(code) ? rejoinDelay(rejoinAttempts.current) : null
      if (delay !== null) rejoinAttempts.current += 1
      setPhase({
        kind: 'ended',
        reason: closeMessage(code),
        ...(delay !== null && { retryAt: Date.now() + delay }),
      })
    })

    const giveUp = (code: number, message: string, data?: unknown) => {
      if (client.current !== room) return // closed meanwhile; onClose has said why
      if (SESSION_ERRORS.has(code)) staleSession.current = true
      client.current = null
      room.close()
      const bannedUntil = bannedUntilOf(data)
      setPhase({
        kind: 'ended',
        reason:
          bannedUntil !== undefined
            ? banReason(bannedUntil - skew.current)
            : t('viewer.joinFailed', {
                reason: errorMessage({ code, message, params: localParams(data) }),
              }),
      })
    }

    if (!(await room.open())) return // onClose has said why
    const login = await room.request({
      type: 'login',
      version: PROTOCOL_VERSION,
      sdkAppId: viewer.sdkAppId,
      userId: viewer.userId,
      userSig: viewer.userSig,
      nick: viewer.nick,
    })
    if (!login.ok) return giveUp(login.code, login.message, login.data)
    skew.current = login.data.serverTime - Date.now()
    const join = await room.request({ type: 'join', groupId: roomId })
    if (!join.ok) return giveUp(join.code, join.message, join.data)
    if (client.current !== room) return
    setRoomName(join.data.group.name)
    setOnline(join.data.group.onlineCount)
    setLines(chatLinesOf(join.data.history, viewer.userId).slice(-CHAT_LIMIT))
    setMuteFromServer(join.data.self.muteUntil)
    setMuteAll(join.data.group.muteAllMembers ?? false)
    setStream(join.data.group.stream ?? null)
    setLiveState(roomStateOf(join.data.group.groupAttributes).roomState ?? null)
    setNotification(join.data.group.notification ?? '')
    // A lottery opened before this viewer came: its messages went by, the business host knows it.
    void fetch(`/business/lottery?groupId=${encodeURIComponent(roomId)}`)
      .then((response) => (response.ok ? response.json() : null))
      .then((answer: unknown) => {
        const parsed = z.object({ lottery: LotteryView.nullable() }).safeParse(answer)
        if (parsed.success && parsed.data.lottery && client.current === room) {
          const found = parsed.data.lottery
          setLottery((current) => current ?? found)
        }
      })
      .catch(() => {})
    // The audience figures are told only when they change: a joiner asks for them.
    void fetch(`/business/audience?groupId=${encodeURIComponent(roomId)}`)
      .then((response) => (response.ok ? response.json() : null))
      .then((answer: unknown) => {
        const parsed = z.object({ audience: AudienceView.nullable() }).safeParse(answer)
        if (parsed.success && parsed.data.audience && client.current === room) {
          const found = parsed.data.audience
          setAudience((current) => newerAudience(current, found))
        }
      })
      .catch(() => {})
    setPrivileged(join.data.self.role !== 'Member')
    setPhase({ kind: 'joined' })
    rejoinAttempts.current = 0
    const ping = setInterval(() => void room.request({ type: 'ping' }), PING_MS)
    room.onClose(() => clearInterval(ping))
  }

  const join = async (nick: string) => {
    setPhase({ kind: 'joining' })
    rememberNickname(nick)
    const result = await requestViewerSession(nick)
    if (!result.ok) {
      const error =
        'code' in result
          ? result.code === ErrorCode.invalidParameter && !roomErrorParams(result.data)?.reason
            ? // The nickname is the only thing this request lets a person get wrong.
              t('viewer.nicknameInvalid', { max: Limits.maxNickChars })
            : errorMessage({
                code: result.code,
                message: result.message,
                params: roomErrorParams(result.data),
              })
          : t('viewer.joinFailed', {
              reason:
                result.status === 0
                  ? errorMessage({ code: ContractCode.notConnected, message: '' })
                  : t('viewer.httpFailed', { status: result.status }),
            })
      setPhase({ kind: 'form', error })
      return
    }
    staleSession.current = false
    setSession(result.session)
    await enterRoom(result.session)
  }

  const rejoin = () => {
    const reusable =
      session && !staleSession.current && session.expiresAt - SESSION_MARGIN_MS > Date.now()
    if (reusable) void enterRoom(session)
    else void join(session?.nick ?? nickname)
  }
  /** The latest `rejoin`, for the timer below (it closes over this render's session). */
  const rejoinNow = useRef(rejoin)
  useEffect(() => {
    rejoinNow.current = rejoin
  })
  const retryAt = phase.kind === 'ended' ? phase.retryAt : undefined
  useEffect(() => {
    if (retryAt === undefined) return
    const timer = setTimeout(() => rejoinNow.current(), Math.max(0, retryAt - Date.now()))
    return () => clearTimeout(timer)
  }, [retryAt])

  const onJoinSubmit = (event: FormEvent) => {
    event.preventDefault()
    const nick = nickname.trim()
    if (nick) void join(nick)
  }

  const send = async (text: string): Promise<string | null> => {
    const room = client.current
    if (!room || !session) return errorMessage({ code: ContractCode.notConnected, message: '' })
    const ack = await room.request({
      type: 'send',
      groupId: roomId,
      msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
    })
    if (ack.ok) {
      const line = wireToChat(ack.data.message, session.userId)
      ownLines.current.sent(line)
      setLines((previous) => appendBounded(previous, [line], CHAT_LIMIT))
      return null
    }
    if (ack.code === ErrorCode.muted && mutedByAll(ack.data)) setMuteAll(true)
    const serverUntil = ack.code === ErrorCode.muted ? muteUntilOf(ack.data) : undefined
    if (serverUntil !== undefined) setMuteFromServer(serverUntil)
    return errorMessage({ code: ack.code, message: ack.message, params: localParams(ack.data) })
  }

  const inRoom = phase.kind === 'joined' || phase.kind === 'ended'
  const joining = phase.kind === 'joining'

  return (
    <div className="viewer">
      <header className="viewer-header">
        <span className="brand">{t('appName')}</span>
        <h1 className="viewer-room">{roomName || roomId}</h1>
        {inRoom && (
          <p className="online" role="group" aria-label={t('online')}>
            <span className="online-dot" aria-hidden="true" />
            <span aria-hidden="true">{t('online')}</span> <strong>{online}</strong>
          </p>
        )}
        {inRoom && (
          <p className="online room-heat" role="status" aria-label={t('viewer.roomHeat')}>
            <span className="heat-dot" aria-hidden="true" />
            {t('viewer.heatValue', { heat: audience?.heat ?? '–' })}
          </p>
        )}
        {inRoom && <RoomStateStatus state={liveState} />}
        <AppearanceControls page="viewer" />
      </header>
      <main className={inRoom ? 'viewer-main viewer-main-room' : 'viewer-main'}>
        {!inRoom && (
          <section className="card join-card" aria-labelledby="join-title">
            <h2 id="join-title">{t('viewer.welcome')}</h2>
            <p className="muted-text">{t('viewer.intro')}</p>
            <form className="join-form" onSubmit={onJoinSubmit}>
              <label htmlFor="nickname">{t('viewer.nickname')}</label>
              <div className="join-row">
                <input
                  id="nickname"
                  value={nickname}
                  maxLength={Limits.maxNickChars}
                  autoComplete="nickname"
                  onChange={(event) => setNickname(event.target.value)}
                />
                <button
                  type="submit"
                  className="button button-primary"
                  disabled={joining || nickname.trim() === ''}
                >
                  {t('viewer.join')}
                </button>
              </div>
            </form>
            {joining && <p aria-live="polite">{t('viewer.joining')}</p>}
            {phase.kind === 'form' && phase.error && (
              <p className="error-text" role="alert">
                {phase.error}
              </p>
            )}
          </section>
        )}
        {inRoom && liveState?.state === 'paused' && (
          <section className="card player-card" aria-label={t('viewer.stream')}>
            <BeRightBack />
          </section>
        )}
        {inRoom && liveState?.state === 'replay' && liveState.replayUrl && (
          <section className="card player-card" aria-label={t('viewer.stream')}>
            <Replay url={liveState.replayUrl} />
          </section>
        )}
        {inRoom && stream && liveState?.state !== 'paused' && liveState?.state !== 'replay' && (
          <section className="card player-card" aria-label={t('viewer.stream')}>
            <FlvPlayer
              url={stream.flvPath}
              active={stream.live}
              label={t('viewer.stream')}
              muted={false}
            />
          </section>
        )}
        {inRoom && <GiftStrip gifts={gifts} />}
        {inRoom && (
          <section className="card chat-card" aria-labelledby="chat-title">
            <div className="chat-card-head">
              <h2 id="chat-title">{t('viewer.chatPanel')}</h2>
              {session && (
                <span className="muted-text">{t('viewer.chattingAs', { nick: session.nick })}</span>
              )}
            </div>
            {notification && (
              // Pinned above the chat; the room's text rendered as text.
              <section className="notice-pinned" aria-label={t('notice.title')}>
                <NoticeView stored={notification} />
              </section>
            )}
            {lottery && <LotteryCard lottery={lottery} />}
            <ChatLog lines={lines} />
            {phase.kind === 'ended' ? (
              <div className="ended" role="alert">
                <p>{phase.reason}</p>
                {phase.retryAt !== undefined && <RejoinCountdown at={phase.retryAt} />}
                <button type="button" className="button button-primary" onClick={rejoin}>
                  {t(phase.retryAt !== undefined ? 'viewer.rejoinNow' : 'viewer.rejoin')}
                </button>
              </div>
            ) : (
              <Composer
                onSend={send}
                blockedReason={
                  muteUntil > 0
                    ? t('viewer.mutedUntil', { time: formatClock(muteUntil) })
                    : muteAll && !privileged
                      ? t('viewer.mutedAll')
                      : null
                }
              />
            )}
          </section>
        )}
        {phase.kind === 'joined' && <GiftPanel gifts={gifts} />}
      </main>
    </div>
  )
}

/** "Joining again in 3 s…", counting down to `at` (local ms). */
function RejoinCountdown({ at }: { at: number }) {
  const now = useNow(250)
  const seconds = Math.max(0, Math.ceil((at - now) / 1000))
  return (
    // Hidden from screen readers: inside the alert, a ticking number would be read every second.
    <p className="muted-text" aria-hidden="true">
      {t('viewer.rejoinIn', { seconds })}
    </p>
  )
}

const nicknameKey = 'livedesk.viewer.nickname'

/** The nickname this browser last joined with (the form starts with it). */
function lastNickname(): string {
  try {
    return localStorage.getItem(nicknameKey) ?? ''
  } catch {
    return '' // storage off (a private window's policy): the form starts empty
  }
}

function rememberNickname(nick: string): void {
  try {
    localStorage.setItem(nicknameKey, nick)
  } catch {
    // Not remembered; nothing else depends on it.
  }
}

function banReason(localUntil: number): string {
  const now = Date.now()
  return localUntil - now > PERMANENT_BAN_MS
    ? t('viewer.bannedPermanent')
    : t('viewer.banned', { time: formatUntil(localUntil, now) })
}

/** `data.bannedUntil` of a refused join (the room's ban), when the server sent one. */
function bannedUntilOf(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const value = (data as { bannedUntil?: unknown }).bannedUntil
  return typeof value === 'number' ? value : undefined
}

/** A 10017 caused by mute-all carries `data.muteAll` (docs/rest-api.md). */
function mutedByAll(data: unknown): boolean {
  return (
    typeof data === 'object' && data !== null && (data as { muteAll?: unknown }).muteAll === true
  )
}
