/**
 * English strings: the reference locale. Every other locale has exactly these keys with the same
 * `{params}` (test/unit/renderer/i18n.test.ts).
 */
export const en = {
  appName: 'LiveDesk',
  menuRoom: 'Room',
  menuOpenViewer: 'Open viewer page',
  loading: 'Loading…',

  // Console header
  room: 'Room',
  roomId: 'ID {id}',
  online: 'Online',
  onlinePeak: 'peak {count}',
  onlineChart: 'Online over the last hour; peak {count}',
  'connection.connecting': 'Connecting…',
  'connection.connected': 'Connected',
  'connection.reconnecting': 'Reconnecting…',
  'connection.disconnected': 'Disconnected',
  roomConnection: 'Room connection',
  linkLost: 'Lost the link to LiveDesk. Reconnecting…',
  viewerLink: 'Viewer link',
  copyViewerLink: 'Copy viewer link',
  viewerLinkCopied: 'Viewer link copied',
  viewerLinkCopyFailed: 'Could not copy. Select the link and copy it by hand.',

  // Panels
  stage: 'Stage',
  members: 'Members',
  chatPanel: 'Chat moderation',

  // Chat
  chat: 'Chat',
  chatEmpty: 'No messages yet',
  newMessages: 'New messages',
  you: 'You',
  message: 'Message',
  messagePlaceholder: 'Say something to the room',
  send: 'Send',
  sending: 'Sending…',
  mutedBadge: 'Muted',
  mutedBadgeTitle: 'Muted until {time}',

  // Moderation
  moderate: 'Moderate {nick}',
  moderationMenu: 'Moderation for {nick}',
  mute60: 'Mute 1 minute',
  mute600: 'Mute 10 minutes',
  mute3600: 'Mute 1 hour',
  unmute: 'Unmute',
  moderating: 'Muting {nick}…',
  mutedResult: '{nick} is muted until {time}',
  unmutedResult: '{nick} can chat again',
  moderationFailed: 'Could not moderate {nick}: {reason}',
  muteAll: 'Mute all',
  muteAllOnResult: 'Mute all is on: only you and admins can chat',
  muteAllOffResult: 'Mute all is off: everyone can chat',
  muteAllFailed: 'Could not change mute all: {reason}',
  refreshMembers: 'Refresh',
  membersEmpty: 'Nobody has joined yet',
  'membersMissing.members':
    'The room does not list who is online (error {code}): members appear as they join and chat.',
  'membersMissing.admins':
    'The room does not list its admins (error {code}): roles may be missing.',
  'membersMissing.mutes':
    'The room does not list its mutes (error {code}): a mute set elsewhere may not show.',
  membersFailed: 'Could not load the members: {reason}',
  memberOnline: 'In the room',
  memberOffline: 'Left',
  memberJoined: 'Joined at {time}',
  'role.Owner': 'Host',
  'role.Admin': 'Admin',
  'role.Member': 'Member',
  bannedBadge: 'Banned',
  bannedBadgeTitle: 'Banned until {time}',
  namesakeOne: 'Same nickname as {id}',
  namesakeMany: 'Same nickname as {count} others',
  namesakeTitle: 'Another member has a nickname that reads the same: {ids}',
  muteCustom: 'Mute…',
  kick: 'Kick',
  ban3600: 'Ban 1 hour',
  ban86400: 'Ban 1 day',
  banPermanent: 'Ban permanently',
  unban: 'Unban',
  cancel: 'Cancel',
  muteDialogTitle: 'Mute {nick}',
  muteDuration: 'Duration',
  muteUnit: 'Unit',
  'unit.minutes': 'Minutes',
  'unit.hours': 'Hours',
  'unit.days': 'Days',
  muteConfirm: 'Mute',
  'muteDuration.invalid': 'Enter a whole number, 1 or more.',
  'muteDuration.tooLong': 'That is longer than the longest mute the room allows.',
  kickConfirmTitle: 'Kick {nick}?',
  kickConfirmBody: '{nick} leaves the room now and can join again.',
  banConfirmTitleHour: 'Ban {nick} for 1 hour?',
  banConfirmTitleDay: 'Ban {nick} for 1 day?',
  banConfirmTitlePermanent: 'Ban {nick} permanently?',
  banConfirmTitle: 'Ban {nick} until {time}?',
  banConfirmBody:
    '{nick} leaves the room now and cannot join again until the ban is lifted or ends.',
  banConfirm: 'Ban',
  unmuting: 'Unmuting {nick}…',
  kicking: 'Removing {nick}…',
  banning: 'Banning {nick}…',
  unbanning: 'Lifting the ban on {nick}…',
  kickedResult: '{nick} was removed from the room',
  bannedResult: '{nick} is banned until {time}',
  bannedPermanentResult: '{nick} is banned permanently',
  unbannedResult: '{nick} may join again',

  // Viewer
  'viewer.welcome': 'Join the live chat',
  'viewer.intro': 'Pick a nickname to chat with the host and other viewers.',
  'viewer.chatPanel': 'Live chat',
  'viewer.nickname': 'Nickname',
  'viewer.join': 'Join',
  'viewer.joining': 'Joining…',
  'viewer.rejoin': 'Rejoin',
  'viewer.chattingAs': 'Chatting as {nick}',
  'viewer.mutedUntil': 'Muted until {time}',
  'viewer.closedNoReason': 'The connection closed.',
  'viewer.noRoom': 'This link does not name a room.',
  'viewer.joinFailed': 'Could not join: {reason}',
  'viewer.nicknameInvalid': 'Use a nickname of 1–{max} characters, in plain text.',
  'viewer.httpFailed': 'The server answered {status}.',
  'viewer.removed': 'The host removed you from the room.',
  'viewer.banned': 'The host banned you from this room until {time}.',
  'viewer.bannedPermanent': 'The host banned you from this room.',
  'viewer.mutedAll': 'The host has turned chat off for everyone.',

  // Errors (shared/error-message.ts)
  'error.muted': 'You are muted until {time}.',
  'error.mutedNoTime': 'You are muted in this room.',
  'error.tooLong': 'The message is too long.',
  'error.noPermission': 'You do not have permission to do that.',
  'error.invalid': 'The room did not accept that request: something in it is missing or not valid.',
  'error.invalid.nicknameEmpty': 'Type a nickname first.',
  'error.invalid.nicknameTooLong': 'That nickname is too long: use at most {max} characters.',
  'error.invalid.nicknameInvisible':
    'That nickname would be invisible. Use letters, numbers or emoji others can see.',
  'error.invalid.nicknameControl': 'A nickname cannot contain control characters or line breaks.',
  'error.invalid.nicknameDirection':
    'A nickname cannot contain text-direction characters: they scramble the chat around it.',
  'error.invalid.nicknameMalformed': 'That nickname is not valid text. Type it again.',
  'error.invalid.nicknameMarks': 'That nickname stacks too many accents on one letter. Use fewer.',
  'error.invalid.nicknameLooksLikeHost':
    'That nickname looks like the host’s or a moderator’s name. Choose another.',
  'error.notConnected': 'Not connected. Wait for the connection to come back, then try again.',
  'error.notLoggedIn': 'Not logged in.',
  'error.sigExpired': 'Your sign-in has expired. Join again.',
  'error.sigInvalid': 'Your sign-in was not accepted. Join again.',
  'error.sigVerificationFailed':
    'Your sign-in was made with another key or for another app. Join again to get a fresh one.',
  'error.rejected': 'The room did not accept that message.',
  'error.rateLimited': 'Too many messages. Slow down a little.',
  'error.groupNotFound': 'This room does not exist (any more).',
  'error.notInGroup': 'You are not in this room.',

  // Errors: the room's codes (Tencent's, src-shared/protocol/codes.ts) and their reasons
  'error.roomInternal': 'The room server ran into a problem. Try again.',
  'error.roomInternal.noAnswer': 'The room server did not answer in time. Try again.',
  'error.invalidCommand':
    'The room server does not support that request. Update LiveDesk or the room server.',
  'error.banned': 'You are banned from this room until {time}.',
  'error.bannedPermanent': 'You are banned from this room.',
  'error.mutedAll': 'Chat is off for everyone except the host and admins.',
  'error.rateLimitedFor': 'Too many messages. Wait {seconds} s, then send again.',
  'error.groupIdInUse': 'A room with that ID already exists.',
  'error.messageNotFound': 'That message is no longer in the room.',
  'error.attrRateLimit': 'Room settings are changing too fast. Wait a moment and try again.',
  'error.parseError': 'The room server could not read the request.',
  'error.requestJsonInvalid': 'The room server could not read the request: it is not JSON.',
  'error.badSignature':
    "The room's REST API refused the account or its signature. Check the App admin account and the IM secret key.",
  'error.sdkAppIdInvalid':
    'This room server does not know that SDKAppID. Check it in Room connection settings.',
  'error.restRateLimit': "Too many calls to the room's REST API. Wait a moment and try again.",
  'error.badRequest':
    "The room's REST API refused the request as malformed or too slow. Try again.",
  'error.badResourceUrl':
    "The room's REST API does not know that command. Check the REST API domain in Room connection settings.",
  'error.needsAppAdmin':
    'Only an App admin account may do that. Check the App admin account in Room connection settings.',
  'error.needsAppAdmin.noSecretKey':
    "Kick, ban and the member list need the IM app's secret key. Save it in Room connection settings.",
  'error.sdkAppIdMissing': 'The request did not name an SDKAppID.',
  'error.identifierMismatch': 'This sign-in was issued for another user. Join again.',
  'error.sdkAppIdMismatch': 'This sign-in is for another IM app (SDKAppID). Check the SDKAppID.',
  'error.sigInvalid.noUserSigSource':
    "LiveDesk has no way to sign in to Tencent IM. In Room connection settings, set a UserSig URL (your business server) or, for development, the IM app's secret key.",
  'error.sigInvalid.userSigUnreachable':
    'The UserSig server {host} could not be reached. Check the UserSig URL and your network.',
  'error.sigInvalid.userSigBadAnswer':
    'The UserSig server {host} answered HTTP {status} without a UserSig. Check your business server.',
  'error.notLoggedIn.signingInAgain':
    'The UserSig expired; LiveDesk is signing in to Tencent IM again. Try again in a moment.',
  'error.notLoggedIn.signedInElsewhere':
    'The anchor account signed in to Tencent IM somewhere else, so LiveDesk was signed out. Restart LiveDesk to sign in again.',
  'error.notLoggedIn.signedOut':
    'Tencent IM signed LiveDesk out. Restart LiveDesk to sign in again.',

  // Errors: the contract's codes and the REST client's (src-shared/contract/result.ts)
  'error.unknownCommand':
    'LiveDesk does not know that request. Reload the page or restart LiveDesk.',
  'error.invalidPayload': 'LiveDesk did not accept that request: check {field}.',
  'error.invalidPayloadAny': 'LiveDesk did not accept that request.',
  'error.forbiddenSender': 'LiveDesk only takes requests from its own window.',
  'error.internal': 'Something went wrong inside LiveDesk. Its log has the details.',
  'error.notConnected.restUnreachable':
    "The room's REST API could not be reached. Check the REST API domain and your network.",
  'error.notConnected.restTimeout': "The room's REST API did not answer in time. Try again.",
  'error.notConnected.imNotReady':
    'Tencent IM was not ready {seconds} s after signing in. Check your network, then restart LiveDesk.',
  'error.restHttp':
    "The room's REST API answered HTTP {status}. Check the REST API domain in Room connection settings.",
  'error.restBadResponse':
    "The room's REST API sent an answer LiveDesk cannot read. Check the REST API domain in Room connection settings.",

  // Errors: unknown codes, third-party details, pieces of sentences
  'error.unknown': 'Error {code}',
  'error.unknownWithMessage': 'Error {code} (the server says: “{message}”)',
  'error.detail': '{text} (Details: {detail})',
  'error.where': ' ({name})',
  'error.lastProblem': '{text} Last problem: {last}',

  // Errors: the stream engine (StreamErrorCode and StreamErrorReasons, contract/stream.ts)
  'error.stream.ffmpegNotFound':
    'ffmpeg is not installed. Install it, or set the path to an ffmpeg in Stream settings.',
  'error.stream.ffmpegNotFound.noneWorks':
    'No working ffmpeg was found (tried {tried}). Install ffmpeg, or set its path in Stream settings.',
  'error.stream.invalidSettings': 'The stream settings are not valid. Check them and try again.',
  'error.stream.invalidSettings.schema': 'The stream settings are not valid: check {field}.',
  'error.stream.invalidSettings.customRequired': 'The custom profile is missing a value: {field}.',
  'error.stream.invalidSettings.unknownProfile':
    'There is no profile “{preset}”. Choose 720p30, 1080p30, 1080p60 or Custom.',
  'error.stream.invalidSettings.resolutionTooSmall':
    'The resolution {width}×{height} is too small. Use at least {min}×{min} pixels.',
  'error.stream.invalidSettings.resolutionTooLarge':
    'The resolution {width}×{height} is too large: live ingests take at most {maxWidth}×{maxHeight}.',
  'error.stream.invalidSettings.resolutionOdd':
    'The resolution {width}×{height} does not work with H.264: use an even width and height.',
  'error.stream.invalidSettings.fpsRange':
    'A frame rate of {fps} fps is out of range. Use {min}–{max} fps.',
  'error.stream.invalidSettings.videoBitrateRange':
    'A video bitrate of {kbps} kbps is out of range. Use {min}–{max} kbps.',
  'error.stream.invalidSettings.maxrateBelowBitrate':
    'The maximum rate ({maxrateKbps} kbps) is below the video bitrate ({kbps} kbps). Raise it or lower the bitrate.',
  'error.stream.invalidSettings.bufsizeZero': 'The buffer size must be above 0 kbps.',
  'error.stream.invalidSettings.keyframeRange':
    'A keyframe interval of {seconds} s is out of range. Use {min}–{max} s (2 s is usual).',
  'error.stream.invalidSettings.audioBitrate':
    'An audio bitrate of {kbps} kbps is not offered. Choose one of {allowed} kbps.',
  'error.stream.invalidSettings.audioSampleRate':
    'An audio sample rate of {hz} Hz is not offered. Choose 44.1 kHz or 48 kHz.',
  'error.stream.invalidSettings.nothingToDo':
    'Nothing to do: choose a destination, turn on recording, or both.',
  'error.stream.invalidSettings.sourceMissing':
    'The source file {path} does not exist. Choose another file.',
  'error.stream.invalidSettings.overlayMissing':
    'The watermark image {path} does not exist. Choose another image or remove it.',
  'error.stream.invalidSettings.pushUrl':
    'The destination {url} is not an RTMP URL (rtmp://host/app/stream).',
  'error.stream.invalidSettings.encoderMissing':
    'This ffmpeg has no {encoder} encoder. Choose one of: {available}.',
  'error.stream.invalidSettings.noIngest':
    'This room server has no ingest of its own. Choose another destination.',
  'error.stream.invalidSettings.cssPushKey':
    'Enter the CSS push key in Stream settings before going live.',
  'error.stream.invalidSettings.cssDomain':
    'The push domain “{domain}” is not a host name. Check it in Stream settings.',
  'error.stream.invalidSettings.cssAppName':
    'The app name “{value}” may only use letters, digits and . _ ~ -',
  'error.stream.invalidSettings.cssStreamName':
    'The stream name “{value}” may only use letters, digits and . _ ~ -',
  'error.stream.deviceUnavailable':
    'The capture device{where} is not available. Plug it in, close other apps that use it, or choose another.',
  'error.stream.encoderFailed':
    'The video encoder could not start. Try another x264 preset or a lower resolution.',
  'error.stream.hostNotFound':
    'The push server{where} cannot be found. Check the push domain and your network.',
  'error.stream.hostNotFound.ffmpegCrashed':
    'This ffmpeg build crashed looking up the push server{where}. Use an IP address or another ffmpeg.',
  'error.stream.connectionRefused':
    'The push server{where} refused the connection. Is the ingest running, and is the port right?',
  'error.stream.authRejected':
    'The push server{where} rejected the stream. Check the stream key, or whether the signed URL has expired.',
  'error.stream.authRejected.closedOnPublish':
    'The push server{where} hung up as soon as the stream started. Check the stream key, or whether the signed URL has expired.',
  'error.stream.connectionLost': 'The connection to the push server{where} dropped.',
  'error.stream.connectionLost.pushExited': 'The push stopped unexpectedly{exit}.',
  'error.stream.exit': ' (exit {exit})',
  'error.stream.diskFull':
    'The disk is full, so the recording stopped. Free some space or record to another disk.',
  'error.stream.diskFull.belowFloor':
    'Only {freeMb} MB is free on the recording disk ({dir}); recording needs at least {floorMb} MB. Free some space or record to another disk.',
  'error.stream.diskFull.stoppedBelowFloor':
    'Recording stopped: only {freeMb} MB is left on the recording disk ({dir}), below the {floorMb} MB you set. Free some space or record to another disk.',
  'error.stream.recordUnwritable':
    'The recording cannot be written. Choose a folder you can write to.',
  'error.stream.recordUnwritable.folder':
    'Cannot record into {dir}: the folder does not exist or is not writable. Choose another folder.',
  'error.stream.recordUnwritable.exists':
    'The file {path} already exists, and LiveDesk never overwrites a recording. Choose another file name.',
  'error.stream.recordUnwritable.write':
    'Cannot write the recording {path}. Choose a folder you can write to.',
  'error.stream.stalled': 'The stream stopped making progress.',
  'error.stream.stalled.encoder':
    'ffmpeg made no progress for {seconds} s, so LiveDesk restarted it.',
  'error.stream.stalled.push': 'The push made no progress for {seconds} s; reconnecting.',
  'error.stream.reconnectFailed': 'Gave up reconnecting the push.',
  'error.stream.reconnectFailed.stopped':
    'Gave up on the push after {attempts} attempts; the stream has stopped.',
  'error.stream.reconnectFailed.recordingContinues':
    'Gave up on the push after {attempts} attempts. Recording continues.',
  'error.stream.alreadyRunning': 'A stream or recording is already running. Stop it first.',
  'error.stream.alreadyRunning.ffmpegChange':
    'Stop the stream before choosing another ffmpeg. Nothing was saved.',
  'error.stream.failed': 'ffmpeg stopped unexpectedly{exit}.',

  // Errors: why the room closed the viewer's connection (CloseCode)
  'close.goingAway': 'The room server shut down.',
  'close.tooBig': 'The connection closed because a message was too large.',
  'close.loginTimeout': 'Signing in took too long, so the connection closed. Join again.',
  'close.replaced': 'You joined from another window or device, so this one was disconnected.',
  'close.protocolVersion': 'This page is out of date. Reload it.',
  'close.kickedByAdmin': 'The app signed you out of the room. Join again to come back.',
  'close.lost': 'The connection to the room was lost.',
  'close.unknown': 'The connection closed (code {code}).',

  'stage.title': 'Stage',
  'stage.monitor': 'Monitor',
  'player.none': 'No monitor for this target',
  'player.failed': 'The monitor cannot play this stream',
  'player.offAir': 'Off air',
  'stage.confirmEndTitle': 'End the live stream?',
  'stage.confirmEnd': 'Viewers will see the stream end. End the live stream now?',
  'stage.endLive': 'End live',
  'stage.goLive': 'Go live',
  'stage.record': 'Record',
  'stage.stopRecording': 'Stop recording',
  'stage.reconnectNow': 'Reconnect now',
  'stage.state.starting': 'Starting…',
  'stage.state.started': 'Live',
  'stage.state.reconnecting': 'Reconnecting (attempt {attempt})',
  'stage.state.stopping': 'Stopping…',
  'stage.state.stopped': 'Offline',
  'stage.state.recording': 'Recording',
  'stage.fps': 'FPS',
  'stage.bitrate': 'Bitrate',
  'stage.dropped': 'Dropped frames',
  'stage.skipped': 'Skipped frames',
  'stage.speed': 'Encoder speed',
  'stage.cpu': 'CPU',
  'stage.sent': 'Sent',
  'stage.duration': 'Duration',
  'stage.health': 'Stream health',
  'stage.bitrateChart': 'Bitrate, last 5 minutes (kbps)',
  'stage.fpsChart': 'Frames per second, last 5 minutes',
  'stage.recordingLabel': 'Recording file',
  'stage.ffmpeg': 'ffmpeg {version} ({path})',
  'stage.obsHint': 'To stream from OBS instead, use Custom server and key:',
  'stage.obsServer': 'Server',
  'stage.obsKey': 'Stream key',
  'stage.settings': 'Stream settings',
  'stage.source': 'Source',
  'stage.source.test-pattern': 'Test pattern',
  'stage.source.screen': 'Screen',
  'stage.source.camera': 'Camera and microphone',
  'stage.source.image': 'Image',
  'stage.source.file': 'Video file (looped)',
  'stage.device': 'Camera device',
  'stage.path': 'File path',
  'stage.profile': 'Profile',
  'stage.target': 'Destination',
  'stage.target.embedded': 'This room (embedded ingest)',
  'stage.target.css': 'Tencent Cloud Streaming Services',
  'stage.target.rtmp': 'Custom RTMP server',
  'stage.pushDomain': 'Push domain',
  'stage.appName': 'App name',
  'stage.streamName': 'Stream name',
  'stage.playDomain': 'Playback domain (for the monitor)',
  'stage.playKey': 'Play key (only if playback authentication is on)',
  'stage.serverUrl': 'Server URL',
  'stage.pushKey': 'Push key',
  'stage.streamKey': 'Stream key',
  'stage.keySet': 'Saved — type to replace',
  'stage.secretFileWarning':
    'Keys are kept in a file only you can read, but not encrypted, in the browser console.',
  'stage.recordWhileLive': 'Record while live',
  'stage.recordDir': 'Recordings folder',
  'stage.recordFormat': 'Recording format',
  'stage.format.fmp4': 'MP4 (fragmented, crash-safe)',
  'stage.format.mkv': 'MKV',
  'stage.format.flv': 'FLV',
  'stage.save': 'Save settings',
  'stage.saved': 'Settings saved',
  'viewer.stream': 'Live stream',
  'stage.ffmpegPath': 'ffmpeg to use (optional)',
  'stage.microphone': 'Microphone (none: silence)',
  'stage.screen': 'Screen',
  'stage.overlays': 'Overlays',
  'stage.overlay.clock': 'Clock',
  'stage.overlay.clockPosition': 'Clock position',
  'stage.overlay.title': 'Room title',
  'stage.overlay.titlePosition': 'Room title position',
  'stage.overlay.image': 'Watermark image (path; empty for none)',
  'stage.overlay.imagePosition': 'Watermark position',
  'stage.overlay.useDefault': 'Use the LiveDesk watermark',
  'stage.overlay.opacity': 'Opacity (%)',
  'stage.position.top-left': 'Top left',
  'stage.position.top-right': 'Top right',
  'stage.position.bottom-left': 'Bottom left',
  'stage.position.bottom-right': 'Bottom right',
  'chat.priority': '{priority} priority',
  'chat.type.custom': 'Custom',
  'chat.type.face': 'Sticker',
  'chat.type.image': 'Image',
  'chat.type.sound': 'Voice',
  'chat.type.location': 'Location',
  'stage.recordFileName': 'File name ({date}, {time}, {room} are filled in)',
  'stage.encoder': 'Video encoder',
  'stage.encoder.libx264': 'x264 (software)',
  'stage.encoder.h264_nvenc': 'NVIDIA NVENC',
  'stage.encoder.h264_qsv': 'Intel Quick Sync',
  'stage.encoder.h264_amf': 'AMD AMF',
  'stage.encoder.h264_videotoolbox': 'Apple VideoToolbox',
  'stage.profile.custom': 'Custom',
  'stage.profile.customTitle': 'Custom profile',
  'stage.profile.advanced': 'Advanced',
  'stage.profile.width': 'Width (px)',
  'stage.profile.height': 'Height (px)',
  'stage.profile.fps': 'Frame rate (fps)',
  'stage.profile.videoBitrate': 'Video bitrate (kbps)',
  'stage.profile.keyframeInterval': 'Keyframe interval (s)',
  'stage.profile.x264Preset': 'x264 preset (faster uses less CPU)',
  'stage.profile.audioBitrate': 'Audio bitrate (kbps)',
  'stage.profile.audioSampleRate': 'Audio sample rate',
  'stage.profile.sampleRateOption': '{khz} kHz',
  'stage.profile.error.required': 'Enter a value',
  'stage.profile.error.notNumber': 'Enter a number using digits only',
  'stage.profile.error.notWhole': 'Enter a whole number',
  'stage.profile.error.odd': 'Use an even number (H.264 needs even width and height)',
  'stage.profile.error.range': 'Use a value from {min} to {max}',
  'stage.profile.fixErrors': 'Nothing was saved. Correct the marked fields.',
  'stage.split': 'Split recording',
  'stage.split.none': "Don't split",
  'stage.split.time': 'By time',
  'stage.split.size': 'By size',
  'stage.split.minutes': 'Start a new file every (minutes)',
  'stage.split.mb': 'Start a new file every (MB)',
  'stage.split.minutesInvalid': 'Enter a whole number of minutes from 1 to 1440',
  'stage.split.mbInvalid': 'Enter a whole number of MB from 10 to 1048576',
  'stage.minFreeDisk': 'Stop recording when free space is below (MB)',
  'stage.minFreeDiskInvalid': 'Enter a whole number of MB (0 or more)',
  'stage.parts': 'part {part}',
  'stage.partsTotal': '({size} in all parts)',
  'stage.diskFree': '{free} free on the disk',
  'stage.diskLeft': 'room for about {hours} h {minutes} min more',
  'stage.problem.slow-encoder':
    'This computer cannot keep up: the encoder runs slower than real time. Choose a faster x264 preset, a lower resolution or frame rate, or a hardware encoder.',
  'stage.problem.frames-lost':
    'Frames are being dropped or repeated: the source or this computer is struggling. Close other heavy programs, or lower the resolution or frame rate.',

  // Room connection (embedded room or Tencent Cloud IM)
  'roomConnection.title': 'Room connection settings',
  'roomConnection.active': 'This run uses: {backend}',
  'roomConnection.backend': 'Room',
  'roomConnection.backend.embedded': 'Embedded room (this computer)',
  'roomConnection.backend.tencent': 'Tencent Cloud IM (AVChatRoom)',
  'roomConnection.sdkAppId': 'SDKAppID',
  'roomConnection.groupId': 'Group ID (AVChatRoom)',
  'roomConnection.userId': "Your user ID (the anchor's account)",
  'roomConnection.adminUserId': 'App admin account (REST API)',
  'roomConnection.restBaseUrl': 'REST API domain',
  'roomConnection.userSigUrl': 'UserSig URL (your business server)',
  'roomConnection.optional': 'Optional',
  'roomConnection.secretKey': 'IM secret key',
  'roomConnection.secretKeySet': 'Saved — type to replace',
  'roomConnection.secretKeyUse':
    "Ban and the member list call Tencent's REST API as the App admin and need the secret key; without it, kick goes through the IM SDK as a short ban.",
  'roomConnection.devWarning':
    'Development only: without a UserSig URL, your UserSig is made from the secret key on this computer. Anyone who has the key can sign in as any user. In production, let your business server issue UserSigs.',
  'roomConnection.restart':
    'Saved settings take effect the next time LiveDesk starts. Restart LiveDesk to connect.',
  'roomConnection.startError': 'Could not join the Tencent room: {reason}',
  'roomConnection.save': 'Save room connection',
  'roomConnection.saved': 'Room connection saved',
  'roomConnection.savedRestart': 'Saved. Restart LiveDesk to connect.',
  'roomConnection.fixErrors': 'Fix the marked fields; nothing was saved.',
  'roomConnection.error.sdkAppId': "Enter the SDKAppID, a number from Tencent's IM console.",
  'roomConnection.error.groupId': "Enter the AVChatRoom's group ID.",
  'roomConnection.error.userId': 'Use 1–32 letters, digits, _ or -.',
  'roomConnection.error.adminUserId': 'Use 1–32 letters, digits, _ or -.',
  'roomConnection.error.restBaseUrl':
    "Choose one of Tencent's REST API domains (https://…), or tick “Use a REST server that is not Tencent's”.",
  'roomConnection.error.userSigUrl': 'Enter a URL that starts with https://, or leave it empty.',
  // Delivery budget (the room's frequency control)
  'load.title': 'Delivery budget',
  'load.none': 'No load reported yet. Only the embedded room reports it.',
  'load.offered': 'Offered {offered} of {cap} per second',
  'load.headroom': '{count} to spare',
  'load.over': '{count} over the cap',
  'load.byPriority': 'Last second by priority',
  'load.priority': 'Priority',
  'load.offeredCount': 'Offered',
  'load.delivered': 'Delivered',
  'load.shed': 'Shed',
  'load.priority.High': 'High',
  'load.priority.Normal': 'Normal',
  'load.priority.Low': 'Low',
  'load.priority.Lowest': 'Lowest',
  'load.shedRecent': 'Shed in the last 5 minutes: {count}',

  // Console access: the browser console's link, LAN, ports kept across restarts (issue 9 §5, §6)
  'access.unauthorized':
    'This console link is not valid (it may have been reset). Ask the anchor for the current console link.',
  'access.wrongHost':
    'LiveDesk does not answer at this address. Open the console link LiveDesk printed.',
  'access.title': 'Console access',
  'access.link': 'Console link for moderators',
  'access.copy': 'Copy console link',
  'access.copied': 'Console link copied',
  'access.lanLink': 'On the LAN: {url}',
  'access.reset': 'Reset access link',
  'access.resetConfirm':
    'Reset the access link? Everyone who opened the current link is disconnected and needs the new one.',
  'access.resetDone': 'A new access link was made. Send it to your moderators.',
  'access.desktopOnly':
    'Only this window runs the console. To let moderators open it in a browser, start LiveDesk with --host 0.0.0.0.',
  'access.lanUnencrypted':
    'LAN access is not encrypted: anyone on this network can read the console, the chat and the access link. Start LiveDesk with --tls-cert and --tls-key for HTTPS.',
  'access.lanEncrypted': 'The console is served over HTTPS on the LAN.',
  'access.portChanged.console':
    'Port {saved} was taken: the console listens on {chosen} this time, so its link changed.',
  'access.portChanged.room':
    'Port {saved} was taken: the room server listens on {chosen} this time, so the viewer link changed. Send the new one to your audience.',
  'access.portChanged.ingest':
    'Port {saved} was taken: the RTMP ingest listens on {chosen} this time. Update the server in OBS.',
  'localOnly.note':
    'Fields marked “this computer only” can be changed only on the computer running LiveDesk (its window, or a browser on it).',
  'localOnly.badge': 'this computer only',
  'error.localOnly':
    '{field} can be changed only on the computer running LiveDesk, not over the network.',
  'error.localOnlyAny':
    'That can be changed only on the computer running LiveDesk, not over the network.',
  'localOnly.field.ffmpegPath': 'The ffmpeg path',
  'localOnly.field.source.path': "The source's file",
  'localOnly.field.overlays.image': 'The watermark image',
  'localOnly.field.record.dir': 'The recordings folder',
  'localOnly.field.target.destination': 'The push destination',
  'localOnly.field.tencent.restBaseUrl': 'The REST API domain',
  'localOnly.field.tencent.userSigUrl': 'The UserSig URL',
  'localOnly.field.accessLink': 'The access link',
  'error.notConnected.imTimeout':
    'Tencent IM did not answer {step} within {seconds} s. Check the SDKAppID, the network, and that this computer can reach Tencent Cloud, then Retry.',
  'imStep.sdk': 'while starting its SDK',
  'imStep.login': 'the sign-in',
  'imStep.join': 'the join of the room',
  'imStep.profile': "the room's profile",
  'imStep.request': 'a request',
  'roomConnection.retry': 'Retry',
  'roomConnection.joining': 'Joining the Tencent room…',
  'roomConnection.customRestBaseUrl': "Use a REST server that is not Tencent's",
  'roomConnection.customRestWarning':
    "The App admin's UserSig goes to this server with every call: use only a server you run or trust.",

  // Gifts and likes (issue 11: gift panel, like button, console gift feed)
  'gifts.panel': 'Gifts',
  'gifts.send': 'Send {name}',
  'gifts.price': '{price} coins',
  'gifts.count': 'Count',
  'gifts.balance': 'Balance',
  'gifts.coins': 'coins',
  'gifts.youSent': 'You sent {gift} ×{count}',
  'gifts.sent': '{nick} sent {gift} ×{count}',
  'gifts.like': 'Like',
  'gifts.likes': 'Likes',
  'gifts.loadFailed': 'Gifts are not available right now.',
  'gifts.error.insufficient': 'Not enough coins: this costs {amount} and you have {balance}.',
  'gifts.error.unknownGift': 'That gift is no longer offered.',
  'gifts.error.count': 'Send between {min} and {max} gifts at once.',
  'gifts.error.banned': 'You are banned from this room, so you cannot send gifts.',
  'gifts.error.notLive': 'Gifts open when the stream is live.',
  'gifts.error.reused': 'That order was already used. Try again.',
  'gifts.error.network': 'The gift did not go through and nothing was charged. Try again.',
  'gifts.topGifters': 'Top gifters',
  'gifts.thisShow': 'This show',
  'gifts.today': 'Today',
  'gifts.thanked': 'Thanked',
  'gifts.markThanked': 'Mark {nick}’s {gift} thanked',
  'gifts.waiting': '{count} waiting for thanks',
  'gifts.inProgress': 'in progress',
  'gifts.done': 'done',
  'gifts.value': '{coins} coins',
  'gifts.totals': '{coins} coins · {gifts} gifts · {senders} senders',
  'gifts.shed': '{count} billed gifts did not reach the room (shed); they are counted here.',
  'gifts.likeRate': '{count} in the last minute',
  'gifts.empty': 'No gifts yet.',
  'gifts.unavailable': 'The gift feed needs the embedded room’s business host.',
  'gifts.settings': 'Gift settings',
  'gifts.startingBalance': 'Starting balance of a new viewer (coins)',
  'gifts.startingBalanceHelp': 'Wallets already opened keep their balance.',
  'gifts.save': 'Save',
  'gifts.saved': 'Saved: new viewers start with {coins} coins.',
} as const

export type MessageKey = keyof typeof en
export type Messages = Record<MessageKey, string>
