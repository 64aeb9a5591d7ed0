/**
 * Error and close codes of the embedded live room. Numeric codes reuse Tencent IM's public codes
 * (shared/reference/tencent-im-css.md §3.1, §6.1) wherever one exists, so a client that handles
 * Tencent's errors handles ours.
 */
export const ErrorCode = {
  ok: 0,
  internal: 10002,
  invalidCommand: 10003,
  invalidParameter: 10004,
  noPermission: 10007,
  groupNotFound: 10010,
  notInGroup: 10012,
  rejectedByCallback: 10016,
  muted: 10017,
  sendFrequencyLimit: 10023,
  /**
   * A recall names a message that does not exist (or is not stored). Not in the reference's
   * table: the value Tencent's group_msg_recall doc shows in its RecallRetList example.
   */
  messageNotFound: 10030,
  /** Group attribute writes over 5 per second per group (reference §2.2). */
  groupAttrRateLimit: 10049,
  /** Not in the reference table; Tencent's "group ID already used" as remembered. */
  groupIdInUse: 10021,
  messageTooLong: 80002,
  // 60000–79999: public / signature errors (reference §3.1, §12); docs/protocol.md and
  // docs/rest-api.md list which the room answers when.
  /** A client frame (or the viewer-session body) that is not JSON. Tencent's "HTTP parse error". */
  parseError: 60002,
  /** A REST request body that is not a JSON object (reference §12: 60003, not 60002). */
  requestJsonInvalid: 60003,
  badSignature: 60004,
  badAccount: 60005,
  sdkAppIdInvalid: 60006,
  restRateLimit: 60007,
  badRequest: 60008,
  badResourceUrl: 60009,
  needsAppAdmin: 60010,
  sdkAppIdMissing: 60012,
  /** The UserSig expired, or an im_open_login_svc/kick revoked it (reference §12). */
  userSigExpired: 70001,
  /** The UserSig could not be parsed: not a TLS sig v2 token (reference §12). */
  userSigInvalid: 70003,
  /**
   * The UserSig parsed but did not verify: signed with another key, or for another SDKAppID, or
   * a PrivateMapKey (reference §12: "e.g. signed with another SDKAppID's key").
   */
  userSigVerificationFailed: 70009,
  /** Not in the reference: Tencent's "UserID does not match the UserSig's", as remembered. */
  identifierMismatch: 70013,
  /**
   * Not in the reference: Tencent's "SDKAppID does not match the UserSig's", as remembered; here
   * a login frame naming another SDKAppID than this server's.
   */
  sdkAppIdMismatch: 70014,
  /** Native SDK's "not logged in" (ERR_SDK_NOT_LOGGED_IN). */
  notLoggedIn: 6014,
} as const
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode]

/** WebSocket close codes used by the room server (4000–4999 is the application range). */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  /** RFC 6455: message too big (frames over the 4 KB limit). */
  tooBig: 1009,
  userSigInvalid: 4001,
  userSigExpired: 4002,
  loginTimeout: 4003,
  /** The same user logged in elsewhere (Tencent: KICKED_OUT_MULT_ACCOUNT). */
  replaced: 4004,
  protocolVersion: 4005,
  /** The app's backend kicked the user (REST im_open_login_svc/kick). */
  kickedByAdmin: 4006,
  /**
   * The client did not read its frames: more than `Limits.maxBufferedBytes` waited to be sent to
   * it. It may connect again, join, and take the history it missed from the join ack.
   */
  slowConsumer: 4007,
  /**
   * Its address already holds `maxConnectionsPerAddress` connections to the room server (64 by
   * default); one of them must close first.
   */
  tooManyConnections: 4008,
} as const

/** Limits of the client protocol (Owncast's chat limits, STYLE.md). */
export const Limits = {
  /** Largest frame a client may send; larger ones close the socket with 1009. */
  maxFrameBytes: 4096,
  /** Longest text message, in UTF-8 bytes. */
  maxTextBytes: 2048,
  /** Longest nickname, in characters. */
  maxNickChars: 32,
  /** UserID: ≤ 32 bytes of [A-Za-z0-9_-] (reference §7). */
  maxUserIdBytes: 32,
  /**
   * Bytes the server may hold waiting for one client to read; past it the client is closed with
   * 4007 (slowConsumer). 1 MiB is over a minute of a full room's messages at the 40/s cap.
   */
  maxBufferedBytes: 1024 * 1024,
  /** A client must log in within this many ms of connecting. */
  loginTimeoutMs: 10_000,
  /** Viewer UserSigs issued by /api/viewer-session live this long. */
  viewerSigSeconds: 24 * 3600,
  /** Longest mute (Tencent's "permanent"). */
  maxMuteSeconds: 4_294_967_295,
  /** A whole message (MsgBody + CloudCustomData as JSON), reference §3.3. */
  maxMessageBytes: 8000,
  /** CloudCustomData on a client `send` (the 4 KB frame is the real cap). */
  maxCloudCustomDataBytes: 4096,
  /** Reason of a ban, kick or recall, in UTF-8 bytes (Tencent's recall Reason: 100). */
  maxReasonBytes: 100,
  /** Group attributes (reference §2.2): keys per group. */
  maxGroupAttrKeys: 16,
  /** One attribute key, in UTF-8 bytes (SDK 3.6.6 d.ts, reference §12). */
  maxGroupAttrKeyBytes: 32,
  /** One attribute value, in UTF-8 bytes; its key does not count here (reference §12). */
  maxGroupAttrBytes: 4096,
  /** All of a group's attributes, keys plus values, in UTF-8 bytes. */
  maxGroupAttrTotalBytes: 16384,
  /** Group attribute writes per second per group (reference §2.2; over it: 10049). */
  maxGroupAttrWritesPerSecond: 5,
  /** Members listed by `get-members` (Tencent Premium's online list: the latest 1,000). */
  maxMembersListed: 1000,
  /**
   * Joiners, and leavers, named in one `members-changed` notice (the rest are only counted).
   * Tencent admits about 40 messages per second per AVChatRoom and sheds join/quit tips first
   * (reference §1, §1.1), so a client there never sees more than ~40 of them a second either.
   */
  maxMemberChangesListed: 40,
} as const

/**
 * The App admin account a new Tencent IM app has (the seed's 관리자 계정 구성; REST callers
 * identify as an App admin, reference §3.1). The embedded room's default App admin too.
 */
export const DEFAULT_APP_ADMIN = 'administrator'
