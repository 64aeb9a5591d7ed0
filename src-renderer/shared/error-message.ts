import type {
  ConnectionLocalOnlyField,
  StageLocalOnlyField,
} from '../../src-shared/contract/local-only'
import {
  ContractCode,
  RestTransportCode,
  type ContractError,
  type ErrorParams,
  type ErrorReason,
} from '../../src-shared/contract/result'
import {
  StreamErrorCode,
  VideoEncoder,
  type StreamErrorName,
  type StreamErrorReason,
} from '../../src-shared/contract/stream'
import { CloseCode, ErrorCode, type ErrorCodeValue } from '../../src-shared/protocol/codes'
import { FILTER_RULES_MAX, FilterCode } from '../../src-shared/contract/filters'
import { SLOW_MODE_CODE } from '../../src-shared/contract/room-safety'
import { type RecordingMissing, RoomStateCode } from '../../src-shared/protocol/room-state'
import { LotteryCode } from '../../src-shared/protocol/lottery'
import { TimelineCode } from '../../src-shared/contract/timeline'
import { LayoutCode } from '../../src-shared/contract/layout'
// Keyboard shortcuts (issue 15 §2).
import { FIXED_KEYS, HotkeyAction, HotkeyCode } from '../../src-shared/contract/hotkeys'
import { fixedKeyName, hotkeyActionName } from './hotkey-words'
import { MAX_ROOM_ADMINS, ModeratorCode } from '../../src-shared/contract/moderators'
import { LevelRulesCode } from '../../src-shared/protocol/levels'
import { levelRulesError } from './level-rules-text'
import { locales, placeholders, t, type MessageKey } from './i18n'
import { formatUntil } from './time'

/**
 * The one place that turns an error into words a person can act on, in the user's language.
 *
 * - Every code LiveDesk can put on a screen is worded here: the room's (Tencent's codes,
 *   src-shared/protocol/codes.ts), the contract's and the REST client's (contract/result.ts), the
 *   stream engine's (contract/stream.ts), and the room's close codes (`closeMessage`). The tables
 *   below are typed over those code tables, so a new code without a wording breaks the build.
 * - A sentence is built from the code and its `params` — facts such as a host, a size, a field or
 *   a time (Unix ms, shown with time.ts) — never from `message`. `message` is the developer's text
 *   for logs (often English, or the room server's own ErrorInfo) and is never shown for a code
 *   worded here. A sentence whose facts did not come falls back to the code's general sentence.
 * - `params.reason` picks the sentence for codes that cover several situations; a reason this
 *   module does not know (a newer main) gets the code's general sentence.
 * - `params.detail` is a third party's own words (an ffmpeg line, an errno text, a push server's
 *   reply). It follows the sentence in parentheses, marked "Details:", in its own language.
 * - An unknown code (a newer server, an SDK's own code) is named — "Error 12345", worded per
 *   language — and, because nothing else says what happened, followed by the server's message,
 *   quoted and marked as the server's: `Error 12345 (the server says: “…”)`.
 */

/** An error to word: the contract's, or a room frame's `{code, message}` with its params. */
export interface ErrorLike {
  code: ContractError['code']
  message?: string
  params?: ErrorParams | undefined
}

type Wording = (facts: ErrorParams, now: number) => string

/** A mute or ban this far off is Tencent's "permanent" (4294967295 s), not a date to show. */
const PERMANENT_MS = 100 * 365 * 86_400_000

function text(facts: ErrorParams, name: string): string | undefined {
  const value = facts[name]
  return value === undefined || value === '' ? undefined : String(value)
}

function num(facts: ErrorParams, name: string): number | undefined {
  const value = facts[name]
  return typeof value === 'number' ? value : undefined
}

/** A table's entry for a name that came in params, never a property of Object's. */
function own<V>(table: Record<string, V>, name: string | undefined): V | undefined {
  return name !== undefined && Object.hasOwn(table, name) ? table[name] : undefined
}

/** The steps of a Tencent IM start that may time out (`params.step` of imTimeout). */
const imSteps: Record<string, MessageKey> = {
  sdk: 'imStep.sdk',
  login: 'imStep.login',
  join: 'imStep.join',
  profile: 'imStep.profile',
  request: 'imStep.request',
}

/** The settings only this machine may change (src-shared/contract/local-only.ts), by name. */
const localOnlyFields: Record<
  StageLocalOnlyField | ConnectionLocalOnlyField | 'accessLink',
  MessageKey
> = {
  ffmpegPath: 'localOnly.field.ffmpegPath',
  'source.path': 'localOnly.field.source.path',
  'overlays.image': 'localOnly.field.overlays.image',
  'record.dir': 'localOnly.field.record.dir',
  'target.destination': 'localOnly.field.target.destination',
  'tencent.restBaseUrl': 'localOnly.field.tencent.restBaseUrl',
  'tencent.userSigUrl': 'localOnly.field.tencent.userSigUrl',
  accessLink: 'localOnly.field.accessLink',
}

/** The key's sentence when every fact it names came; else the fallback's. */
function say(key: MessageKey, facts: ErrorParams, otherwise: () => string): string {
  const missing = placeholders(locales.en[key]).some((name) => facts[name] === undefined)
  return missing ? otherwise() : t(key, facts)
}

/** " (name)" after a noun — the host, the device — or nothing when it is not known. */
function where(name: string | undefined): string {
  return name ? t('error.where', { name }) : ''
}

/** Picks the reason's wording; an unknown or missing reason gets the general one. */
function byReason<R extends string>(
  reasons: Record<R, MessageKey | Wording>,
  general: Wording,
): Wording {
  return (facts, now) => {
    const reason = facts.reason
    if (typeof reason !== 'string' || !Object.hasOwn(reasons, reason)) return general(facts, now)
    const wording = reasons[reason as R]
    return typeof wording === 'function'
      ? wording(facts, now)
      : say(wording, facts, () => general(facts, now))
  }
}

/** A time the room sent; the mute or ban has no shown end when it is "permanent" or unknown. */
function until(facts: ErrorParams, name: string, now: number): string | 'permanent' | undefined {
  const ms = num(facts, name)
  if (ms === undefined || ms <= now) return undefined
  return ms - now > PERMANENT_MS ? 'permanent' : formatUntil(ms, now)
}

const plain =
  (key: MessageKey): Wording =>
  () =>
    t(key)

const onPushServer =
  (key: MessageKey): Wording =>
  (facts) =>
    t(key, { where: where(text(facts, 'host')) })

const exitOf = (facts: ErrorParams) => {
  const exit = text(facts, 'exit')
  return exit ? t('error.stream.exit', { exit }) : ''
}

type ContractCodeValue = (typeof ContractCode)[keyof typeof ContractCode]
type RestTransportCodeValue = (typeof RestTransportCode)[keyof typeof RestTransportCode]
type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode]
type RoomStateCodeValue = (typeof RoomStateCode)[keyof typeof RoomStateCode]
type LotteryCodeValue = (typeof LotteryCode)[keyof typeof LotteryCode]
type TimelineCodeValue = (typeof TimelineCode)[keyof typeof TimelineCode]
type LayoutCodeValue = (typeof LayoutCode)[keyof typeof LayoutCode]
type LevelRulesCodeValue = (typeof LevelRulesCode)[keyof typeof LevelRulesCode]

/** The room's codes (Tencent's), the contract's and the REST client's. */
const roomWordings: Record<
  | Exclude<ErrorCodeValue, 0>
  | ContractCodeValue
  | RestTransportCodeValue
  | RoomStateCodeValue
  | LotteryCodeValue
  | TimelineCodeValue
  | LayoutCodeValue
  | LevelRulesCodeValue,
  Wording
> = {
  [ErrorCode.internal]: byReason<ErrorReason<typeof ErrorCode.internal>>(
    { noAnswer: 'error.roomInternal.noAnswer' },
    plain('error.roomInternal'),
  ),
  [ErrorCode.invalidCommand]: plain('error.invalidCommand'),
  [ErrorCode.invalidParameter]: byReason<ErrorReason<typeof ErrorCode.invalidParameter>>(
    {
      nicknameEmpty: 'error.invalid.nicknameEmpty',
      nicknameTooLong: 'error.invalid.nicknameTooLong',
      nicknameInvisible: 'error.invalid.nicknameInvisible',
      nicknameControl: 'error.invalid.nicknameControl',
      nicknameDirection: 'error.invalid.nicknameDirection',
      nicknameMalformed: 'error.invalid.nicknameMalformed',
      nicknameMarks: 'error.invalid.nicknameMarks',
      nicknameLooksLikeHost: 'error.invalid.nicknameLooksLikeHost',
    },
    plain('error.invalid'),
  ),
  [ErrorCode.noPermission]: (facts, now) => {
    const banned = until(facts, 'bannedUntil', now)
    if (banned === 'permanent') return t('error.bannedPermanent')
    return banned ? t('error.banned', { time: banned }) : t('error.noPermission')
  },
  [ErrorCode.groupNotFound]: plain('error.groupNotFound'),
  [ErrorCode.notInGroup]: plain('error.notInGroup'),
  [ErrorCode.rejectedByCallback]: plain('error.rejected'),
  [ErrorCode.muted]: (facts, now) => {
    if (num(facts, 'muteAll')) return t('error.mutedAll')
    const muted = until(facts, 'muteUntil', now)
    return muted && muted !== 'permanent'
      ? t('error.muted', { time: muted })
      : t('error.mutedNoTime')
  },
  [ErrorCode.sendFrequencyLimit]: (facts, now) => {
    const retryAfter = num(facts, 'retryAfter')
    const seconds = retryAfter === undefined ? 0 : Math.ceil((retryAfter - now) / 1000)
    return seconds > 0 ? t('error.rateLimitedFor', { seconds }) : t('error.rateLimited')
  },
  [ErrorCode.messageNotFound]: plain('error.messageNotFound'),
  [ErrorCode.groupAttrRateLimit]: plain('error.attrRateLimit'),
  [ErrorCode.groupIdInUse]: plain('error.groupIdInUse'),
  [ErrorCode.messageTooLong]: plain('error.tooLong'),
  // Tencent's "HTTP or JSON parse error": the REST client's non-200 answer carries its status.
  [ErrorCode.parseError]: (facts) => say('error.restHttp', facts, () => t('error.parseError')),
  [ErrorCode.requestJsonInvalid]: plain('error.requestJsonInvalid'),
  [ErrorCode.badSignature]: plain('error.badSignature'),
  [ErrorCode.badAccount]: plain('error.badSignature'),
  [ErrorCode.sdkAppIdInvalid]: plain('error.sdkAppIdInvalid'),
  [ErrorCode.restRateLimit]: plain('error.restRateLimit'),
  [ErrorCode.badRequest]: plain('error.badRequest'),
  [ErrorCode.badResourceUrl]: plain('error.badResourceUrl'),
  [ErrorCode.needsAppAdmin]: byReason<ErrorReason<typeof ErrorCode.needsAppAdmin>>(
    { noSecretKey: 'error.needsAppAdmin.noSecretKey' },
    plain('error.needsAppAdmin'),
  ),
  [ErrorCode.sdkAppIdMissing]: plain('error.sdkAppIdMissing'),
  [ErrorCode.userSigExpired]: plain('error.sigExpired'),
  [ErrorCode.userSigInvalid]: byReason<ErrorReason<typeof ErrorCode.userSigInvalid>>(
    {
      noUserSigSource: 'error.sigInvalid.noUserSigSource',
      userSigUnreachable: 'error.sigInvalid.userSigUnreachable',
      userSigBadAnswer: 'error.sigInvalid.userSigBadAnswer',
    },
    plain('error.sigInvalid'),
  ),
  [ErrorCode.userSigVerificationFailed]: plain('error.sigVerificationFailed'),
  [ErrorCode.identifierMismatch]: plain('error.identifierMismatch'),
  [ErrorCode.sdkAppIdMismatch]: plain('error.sdkAppIdMismatch'),
  [ErrorCode.notLoggedIn]: byReason<ErrorReason<typeof ErrorCode.notLoggedIn>>(
    {
      signingInAgain: 'error.notLoggedIn.signingInAgain',
      signedInElsewhere: 'error.notLoggedIn.signedInElsewhere',
      signedOut: 'error.notLoggedIn.signedOut',
    },
    plain('error.notLoggedIn'),
  ),

  [ContractCode.unknownCommand]: plain('error.unknownCommand'),
  [ContractCode.invalidPayload]: (facts) =>
    say('error.invalidPayload', facts, () => t('error.invalidPayloadAny')),
  [ContractCode.forbiddenSender]: plain('error.forbiddenSender'),
  [ContractCode.internal]: plain('error.internal'),
  [ContractCode.notConnected]: byReason<ErrorReason<typeof ContractCode.notConnected>>(
    {
      restUnreachable: 'error.notConnected.restUnreachable',
      restTimeout: 'error.notConnected.restTimeout',
      imNotReady: 'error.notConnected.imNotReady',
      imTimeout: (facts) => {
        const step = own(imSteps, text(facts, 'step')) ?? 'imStep.request'
        return say('error.notConnected.imTimeout', { ...facts, step: t(step) }, () =>
          t('error.notConnected'),
        )
      },
    },
    plain('error.notConnected'),
  ),
  [ContractCode.localOnly]: (facts) => {
    const field = own(localOnlyFields, text(facts, 'field'))
    return field ? t('error.localOnly', { field: t(field) }) : t('error.localOnlyAny')
  },

  [RestTransportCode.badResponse]: plain('error.restBadResponse'),

  [RoomStateCode.notNow]: (facts) => {
    const state = own(roomStateNames, text(facts, 'state')) ?? 'roomState.name.none'
    return t('error.roomState.notNow', { state: t(state) })
  },
  [RoomStateCode.badSchedule]: plain('error.roomState.badSchedule'),
  [RoomStateCode.badReplayUrl]: plain('error.roomState.badReplayUrl'),
  [RoomStateCode.noBusinessHost]: plain('error.roomState.noBusinessHost'),
  [RoomStateCode.noRecording]: (facts) =>
    t(own(recordingMissing, text(facts, 'reason')) ?? 'error.roomState.noRecording.not-recorded'),
  [LotteryCode.alreadyOpen]: plain('error.lottery.alreadyOpen'),
  [LotteryCode.noLottery]: plain('error.lottery.noLottery'),
  [LotteryCode.noneLeft]: plain('error.lottery.noneLeft'),
  [TimelineCode.noSuchShow]: plain('error.timeline.noSuchShow'),
  [LayoutCode.stayOnTopUnavailable]: plain('error.layout.stayOnTopUnavailable'),
  [LevelRulesCode.badRules]: (facts) =>
    levelRulesError(text(facts, 'field') ?? '', text(facts, 'reason') ?? ''),
}

const recordingMissing: Record<RecordingMissing, MessageKey> = {
  'no-recorder': 'error.roomState.noRecording.no-recorder',
  'no-ffmpeg': 'error.roomState.noRecording.no-ffmpeg',
  'not-recorded': 'error.roomState.noRecording.not-recorded',
  joining: 'error.roomState.noRecording.joining',
  'join-failed': 'error.roomState.noRecording.join-failed',
}

const roomStateNames: Record<string, MessageKey> = {
  none: 'roomState.name.none',
  scheduled: 'roomState.name.scheduled',
  live: 'roomState.name.live',
  paused: 'roomState.name.paused',
  ended: 'roomState.name.ended',
  replay: 'roomState.name.replay',
}

const profileFields: Record<string, MessageKey> = {
  width: 'stage.profile.width',
  height: 'stage.profile.height',
  fps: 'stage.profile.fps',
  videoBitrate: 'stage.profile.videoBitrate',
}

function encoderName(name: string): string {
  const encoder = VideoEncoder.safeParse(name.trim())
  return encoder.success ? t(`stage.encoder.${encoder.data}`) : name
}

const invalidSettings: Record<
  StreamErrorReason<'STREAM_INVALID_SETTINGS'>,
  MessageKey | Wording
> = {
  schema: 'error.stream.invalidSettings.schema',
  customRequired: (facts) => {
    const field = text(facts, 'field') ?? ''
    const label = profileFields[field]
    return t('error.stream.invalidSettings.customRequired', { field: label ? t(label) : field })
  },
  unknownProfile: 'error.stream.invalidSettings.unknownProfile',
  resolutionTooSmall: 'error.stream.invalidSettings.resolutionTooSmall',
  resolutionTooLarge: 'error.stream.invalidSettings.resolutionTooLarge',
  resolutionOdd: 'error.stream.invalidSettings.resolutionOdd',
  fpsRange: 'error.stream.invalidSettings.fpsRange',
  videoBitrateRange: 'error.stream.invalidSettings.videoBitrateRange',
  maxrateBelowBitrate: 'error.stream.invalidSettings.maxrateBelowBitrate',
  bufsizeZero: 'error.stream.invalidSettings.bufsizeZero',
  keyframeRange: 'error.stream.invalidSettings.keyframeRange',
  audioBitrate: 'error.stream.invalidSettings.audioBitrate',
  audioSampleRate: 'error.stream.invalidSettings.audioSampleRate',
  nothingToDo: 'error.stream.invalidSettings.nothingToDo',
  sourceMissing: 'error.stream.invalidSettings.sourceMissing',
  overlayMissing: 'error.stream.invalidSettings.overlayMissing',
  pushUrl: 'error.stream.invalidSettings.pushUrl',
  encoderMissing: (facts) =>
    t('error.stream.invalidSettings.encoderMissing', {
      encoder: encoderName(text(facts, 'encoder') ?? ''),
      available: (text(facts, 'available') ?? '').split(',').map(encoderName).join(', '),
    }),
  encoderUnusable: (facts) =>
    t('error.stream.invalidSettings.encoderUnusable', {
      encoder: encoderName(text(facts, 'encoder') ?? ''),
    }),
  sceneMissing: 'error.stream.invalidSettings.sceneMissing',
  noIngest: 'error.stream.invalidSettings.noIngest',
  cssPushKey: 'error.stream.invalidSettings.cssPushKey',
  cssDomain: 'error.stream.invalidSettings.cssDomain',
  cssAppName: 'error.stream.invalidSettings.cssAppName',
  cssStreamName: 'error.stream.invalidSettings.cssStreamName',
  trtcSource: 'error.stream.invalidSettings.trtcSource',
  trtcResolution: 'error.stream.invalidSettings.trtcResolution',
}

const reconnectGaveUp = byReason<StreamErrorReason<'STREAM_RECONNECT_FAILED'>>(
  {
    stopped: 'error.stream.reconnectFailed.stopped',
    recordingContinues: 'error.stream.reconnectFailed.recordingContinues',
  },
  plain('error.stream.reconnectFailed'),
)

/** The stream engine's codes, by name (the names are what the contract lists reasons under). */
const streamWordings: Record<StreamErrorName, Wording> = {
  FFMPEG_NOT_FOUND: byReason<StreamErrorReason<'FFMPEG_NOT_FOUND'>>(
    {
      notInstalled: 'error.stream.ffmpegNotFound',
      noneWorks: 'error.stream.ffmpegNotFound.noneWorks',
    },
    plain('error.stream.ffmpegNotFound'),
  ),
  STREAM_INVALID_SETTINGS: byReason(invalidSettings, plain('error.stream.invalidSettings')),
  STREAM_DEVICE_UNAVAILABLE: (facts) =>
    t('error.stream.deviceUnavailable', { where: where(text(facts, 'device')) }),
  STREAM_ENCODER_FAILED: byReason<StreamErrorReason<'STREAM_ENCODER_FAILED'>>(
    {
      hardware: (facts) =>
        t('error.stream.encoderFailed.hardware', {
          encoder: encoderName(text(facts, 'encoder') ?? ''),
        }),
    },
    plain('error.stream.encoderFailed'),
  ),
  STREAM_HOST_NOT_FOUND: byReason<StreamErrorReason<'STREAM_HOST_NOT_FOUND'>>(
    { ffmpegCrashed: onPushServer('error.stream.hostNotFound.ffmpegCrashed') },
    onPushServer('error.stream.hostNotFound'),
  ),
  STREAM_CONNECTION_REFUSED: onPushServer('error.stream.connectionRefused'),
  STREAM_AUTH_REJECTED: byReason<StreamErrorReason<'STREAM_AUTH_REJECTED'>>(
    { closedOnPublish: onPushServer('error.stream.authRejected.closedOnPublish') },
    onPushServer('error.stream.authRejected'),
  ),
  STREAM_CONNECTION_LOST: byReason<StreamErrorReason<'STREAM_CONNECTION_LOST'>>(
    {
      pushExited: (facts) => t('error.stream.connectionLost.pushExited', { exit: exitOf(facts) }),
    },
    onPushServer('error.stream.connectionLost'),
  ),
  STREAM_DISK_FULL: byReason<StreamErrorReason<'STREAM_DISK_FULL'>>(
    {
      full: 'error.stream.diskFull',
      belowFloor: 'error.stream.diskFull.belowFloor',
      stoppedBelowFloor: 'error.stream.diskFull.stoppedBelowFloor',
      liveWithoutRecording: 'error.stream.diskFull.liveWithoutRecording',
    },
    plain('error.stream.diskFull'),
  ),
  STREAM_RECORD_UNWRITABLE: byReason<StreamErrorReason<'STREAM_RECORD_UNWRITABLE'>>(
    {
      folder: 'error.stream.recordUnwritable.folder',
      exists: 'error.stream.recordUnwritable.exists',
      write: 'error.stream.recordUnwritable.write',
      trtcRecord: 'error.stream.recordUnwritable.trtcRecord',
    },
    plain('error.stream.recordUnwritable'),
  ),
  STREAM_STALLED: byReason<StreamErrorReason<'STREAM_STALLED'>>(
    {
      encoder: 'error.stream.stalled.encoder',
      push: 'error.stream.stalled.push',
      firstFrame: 'error.stream.stalled.firstFrame',
    },
    plain('error.stream.stalled'),
  ),
  STREAM_RECONNECT_FAILED: (facts, now) => {
    const gaveUp = reconnectGaveUp(facts, now)
    // The problem that made each attempt fail, worded by its own code (without its facts).
    const lastCode = num(facts, 'lastCode')
    const last = lastCode === undefined ? undefined : wordingOf(lastCode)
    return last ? t('error.lastProblem', { text: gaveUp, last: last({}, now) }) : gaveUp
  },
  STREAM_ALREADY_RUNNING: byReason<StreamErrorReason<'STREAM_ALREADY_RUNNING'>>(
    {
      ffmpegChange: 'error.stream.alreadyRunning.ffmpegChange',
      live: 'error.stream.alreadyRunning.live',
      recording: 'error.stream.alreadyRunning.recording',
      otherEngine: 'error.stream.alreadyRunning.otherEngine',
    },
    plain('error.stream.alreadyRunning'),
  ),
  STREAM_FAILED: (facts) => t('error.stream.failed', { exit: exitOf(facts) }),
  TRTC_UNAVAILABLE: byReason<StreamErrorReason<'TRTC_UNAVAILABLE'>>(
    {
      notElectron: 'error.trtc.unavailable.notElectron',
      platform: 'error.trtc.unavailable.platform',
      notInstalled: 'error.trtc.unavailable.notInstalled',
      nativeMissing: 'error.trtc.unavailable.nativeMissing',
      loadFailed: 'error.trtc.unavailable.loadFailed',
      needsTencentRoom: 'error.trtc.unavailable.needsTencentRoom',
    },
    plain('error.trtc.unavailable'),
  ),
  TRTC_ENTER_ROOM_FAILED: byReason<StreamErrorReason<'TRTC_ENTER_ROOM_FAILED'>>(
    {
      userSig: 'error.trtc.enterRoom.userSig',
      account: 'error.trtc.enterRoom.account',
      params: 'error.trtc.enterRoom.params',
      network: 'error.trtc.enterRoom.network',
    },
    plain('error.trtc.enterRoom'),
  ),
  TRTC_PUBLISH_FAILED: byReason<StreamErrorReason<'TRTC_PUBLISH_FAILED'>>(
    {
      refused: 'error.trtc.publish.refused',
      relayLost: 'error.trtc.publish.relayLost',
    },
    plain('error.trtc.publish'),
  ),
  TRTC_EXITED: byReason<StreamErrorReason<'TRTC_EXITED'>>(
    { kicked: 'error.trtc.exited.kicked', dismissed: 'error.trtc.exited.dismissed' },
    plain('error.trtc.exited'),
  ),
  TRTC_HOST_FAILED: byReason<StreamErrorReason<'TRTC_HOST_FAILED'>>(
    {
      noAnswer: 'error.trtc.host.noAnswer',
      closed: 'error.trtc.host.closed',
      threw: 'error.trtc.host.threw',
      refused: 'error.trtc.host.refused',
    },
    plain('error.trtc.host'),
  ),
}

// Moderation (issue 13): the business host's filter codes (src-shared/contract/filters.ts).
const filterWordings: Record<
  (typeof FilterCode)[keyof typeof FilterCode] | typeof SLOW_MODE_CODE,
  Wording
> = {
  [FilterCode.badPattern]: (facts) =>
    t(
      own<MessageKey>(
        {
          runaway: 'error.filters.badPattern.runaway',
          invalid: 'error.filters.badPattern.invalid',
        },
        text(facts, 'reason'),
      ) ?? 'error.filters.badPattern',
    ),
  [FilterCode.tooManyRules]: (facts) =>
    say('error.filters.tooManyRules', facts, () =>
      t('error.filters.tooManyRules', { max: FILTER_RULES_MAX }),
    ),
  [FilterCode.ruleNotFound]: plain('error.filters.ruleNotFound'),
  [FilterCode.notModerator]: plain('error.filters.notModerator'),
  [FilterCode.unavailable]: plain('error.filters.unavailable'),
  [FilterCode.reviewNotFound]: plain('error.review.notFound'),
  // Slow mode's before-send refusal, in Tencent's pass-through range (contract/room-safety.ts).
  [SLOW_MODE_CODE]: plain('error.slowMode'),
}

// Keyboard shortcuts (issue 15 §2): a refused binding names the key and what already has it.
const hotkeyWordings: Record<(typeof HotkeyCode)[keyof typeof HotkeyCode], Wording> = {
  [HotkeyCode.badChord]: (facts) =>
    say('error.hotkeys.badChord', facts, () => t('error.hotkeys.badChordGeneral')),
  [HotkeyCode.conflict]: (facts) => {
    const other = HotkeyAction.safeParse(facts.other)
    return other.success && text(facts, 'chord')
      ? t('error.hotkeys.conflict', {
          chord: String(facts.chord),
          other: hotkeyActionName(other.data),
        })
      : t('error.hotkeys.conflictGeneral')
  },
  [HotkeyCode.reserved]: (facts) => {
    const chord = text(facts, 'chord')
    const fixed = FIXED_KEYS.find((f) => f.key === facts.fixed)
    if (chord && fixed)
      return t('error.hotkeys.reservedFixed', { chord, fixed: fixedKeyName(fixed.key) })
    return chord ? t('error.hotkeys.reserved', { chord }) : t('error.hotkeys.reservedGeneral')
  },
}

// Moderators with their own identities (issue 13 §4; src-shared/contract/moderators.ts).
const moderatorWordings: Record<(typeof ModeratorCode)[keyof typeof ModeratorCode], Wording> = {
  [ModeratorCode.roleForbidden]: plain('error.moderators.roleForbidden'),
  [ModeratorCode.targetProtected]: (facts) =>
    t(
      text(facts, 'targetRole') === 'unknown'
        ? 'error.moderators.targetUnknown'
        : 'error.moderators.targetProtected',
    ),
  [ModeratorCode.adminLimit]: (facts) =>
    t('error.moderators.adminLimit', { max: text(facts, 'max') ?? MAX_ROOM_ADMINS }),
  [ModeratorCode.inviteNotFound]: plain('error.moderators.inviteNotFound'),
  [ModeratorCode.nameTaken]: plain('error.moderators.nameTaken'),
  [ModeratorCode.sessionEnded]: plain('error.moderators.sessionEnded'),
  [ModeratorCode.noBrowserConsole]: plain('error.moderators.noBrowserConsole'),
}

const wordings = new Map<number, Wording>([
  ...Object.entries(hotkeyWordings).map(([code, wording]): [number, Wording] => [
    Number(code),
    wording,
  ]),
  ...Object.entries(moderatorWordings).map(([code, wording]): [number, Wording] => [
    Number(code),
    wording,
  ]),
  ...Object.entries(filterWordings).map(([code, wording]): [number, Wording] => [
    Number(code),
    wording,
  ]),
  ...Object.entries(roomWordings).map(([code, wording]): [number, Wording] => [
    Number(code),
    wording,
  ]),
  ...(Object.keys(StreamErrorCode) as StreamErrorName[]).map((name): [number, Wording] => [
    StreamErrorCode[name],
    streamWordings[name],
  ]),
])

function wordingOf(code: number): Wording | undefined {
  return wordings.get(code)
}

/** Whether this module words the code itself (tests check every code table against it). */
export function hasWording(code: number): boolean {
  return wordings.has(code)
}

/** The words a person sees for an error; `now` places the times it names. */
export function errorMessage(error: ErrorLike, now: number = Date.now()): string {
  const facts = error.params ?? {}
  const wording = wordingOf(error.code)
  if (!wording) {
    const message = error.message?.trim()
    return message && message !== `Error ${error.code}`
      ? t('error.unknownWithMessage', { code: error.code, message })
      : t('error.unknown', { code: error.code })
  }
  const sentence = wording(facts, now)
  const detail = text(facts, 'detail')
  return detail ? t('error.detail', { text: sentence, detail }) : sentence
}

const closeWordings: Record<CloseCodeValue, MessageKey> = {
  [CloseCode.normal]: 'viewer.closedNoReason',
  [CloseCode.goingAway]: 'close.goingAway',
  [CloseCode.tooBig]: 'close.tooBig',
  [CloseCode.userSigInvalid]: 'error.sigInvalid',
  [CloseCode.userSigExpired]: 'error.sigExpired',
  [CloseCode.loginTimeout]: 'close.loginTimeout',
  [CloseCode.replaced]: 'close.replaced',
  [CloseCode.protocolVersion]: 'close.protocolVersion',
  [CloseCode.kickedByAdmin]: 'close.kickedByAdmin',
  [CloseCode.slowConsumer]: 'close.slowConsumer',
  [CloseCode.tooManyConnections]: 'close.tooManyConnections',
}

/** RFC 6455's "closed abnormally": the socket went away without a close frame. */
const ABNORMAL_CLOSURE = 1006

/**
 * Why the room closed a viewer's connection, from its close code (or a `kicked` frame's code);
 * the close reason text is the server's and is not shown.
 */
export function closeMessage(code: number): string {
  if (Object.hasOwn(closeWordings, code)) return t(closeWordings[code as CloseCodeValue])
  return code === ABNORMAL_CLOSURE ? t('close.lost') : t('close.unknown', { code })
}

/** `data.muteUntil` of an error, when the server sent one. */
export function muteUntilOf(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const value = (data as { muteUntil?: unknown }).muteUntil
  return typeof value === 'number' ? value : undefined
}
