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
  'viewer.kicked': 'You were disconnected: {reason}',
  'viewer.closed': 'The connection closed: {reason}',
  'viewer.closedNoReason': 'The connection closed.',
  'viewer.noRoom': 'This link does not name a room.',
  'viewer.joinFailed': 'Could not join: {reason}',
  'viewer.httpFailed': 'The server answered {status}.',

  // Errors (shared/error-message.ts)
  'error.muted': 'You are muted until {time}.',
  'error.mutedNoTime': 'You are muted in this room.',
  'error.tooLong': 'The message is too long.',
  'error.noPermission': 'You do not have permission to do that.',
  'error.invalid': 'That request was not valid: {message}',
  'error.notConnected': 'Not connected. Wait for the connection to come back, then try again.',
  'error.notLoggedIn': 'Not logged in.',
  'error.sigExpired': 'Your sign-in has expired. Join again.',
  'error.sigInvalid': 'Your sign-in was not accepted. Join again.',
  'error.rejected': 'The room did not accept that message.',
  'error.rateLimited': 'Too many messages. Slow down a little.',
  'error.groupNotFound': 'This room does not exist (any more).',
  'error.notInGroup': 'You are not in this room.',
  'error.fallback': '{message} (code {code})',
} as const

export type MessageKey = keyof typeof en
export type Messages = Record<MessageKey, string>
