import type { Messages } from './en'

export const ko: Messages = {
  appName: 'LiveDesk',
  menuRoom: '방',
  menuOpenViewer: '시청자 페이지 열기',
  loading: '불러오는 중…',

  room: '방',
  roomId: 'ID {id}',
  online: '접속자',
  onlinePeak: '최고 {count}',
  onlineChart: '최근 1시간 접속자 수, 최고 {count}',
  'connection.connecting': '연결 중…',
  'connection.connected': '연결됨',
  'connection.reconnecting': '다시 연결 중…',
  'connection.disconnected': '연결 끊김',
  roomConnection: '방 연결 상태',
  linkLost: 'LiveDesk와의 연결이 끊겼습니다. 다시 연결하는 중…',
  viewerLink: '시청자 링크',
  copyViewerLink: '시청자 링크 복사',
  viewerLinkCopied: '시청자 링크를 복사했습니다',
  viewerLinkCopyFailed: '복사하지 못했습니다. 링크를 선택해 직접 복사하세요.',

  stage: '무대',
  members: '멤버',
  chatPanel: '채팅 관리',

  chat: '채팅',
  chatEmpty: '아직 메시지가 없습니다',
  newMessages: '새 메시지',
  you: '나',
  message: '메시지',
  messagePlaceholder: '방에 메시지를 보내세요',
  send: '보내기',
  sending: '보내는 중…',
  mutedBadge: '채팅 금지',
  mutedBadgeTitle: '{time}까지 채팅 금지',

  moderate: '{nick} 관리',
  moderationMenu: '{nick} 관리 메뉴',
  mute60: '1분 채팅 금지',
  mute600: '10분 채팅 금지',
  mute3600: '1시간 채팅 금지',
  unmute: '채팅 금지 해제',
  moderating: '{nick} 님을 채팅 금지하는 중…',
  mutedResult: '{nick} 님은 {time}까지 채팅 금지입니다',
  unmutedResult: '{nick} 님이 다시 채팅할 수 있습니다',
  moderationFailed: '{nick} 님을 관리하지 못했습니다: {reason}',
  muteAll: '전체 채팅 금지',
  muteAllOnResult: '전체 채팅 금지가 켜졌습니다: 나와 관리자만 채팅할 수 있습니다',
  muteAllOffResult: '전체 채팅 금지가 꺼졌습니다: 모두 채팅할 수 있습니다',
  muteAllFailed: '전체 채팅 금지를 바꾸지 못했습니다: {reason}',
  refreshMembers: '새로 고침',
  membersEmpty: '아직 아무도 참여하지 않았습니다',
  'membersMissing.members':
    '방이 접속자 목록을 주지 않습니다(오류 {code}). 입장하거나 채팅하는 멤버부터 표시됩니다.',
  'membersMissing.admins':
    '방이 관리자 목록을 주지 않습니다(오류 {code}). 역할이 빠질 수 있습니다.',
  'membersMissing.mutes':
    '방이 채팅 금지 목록을 주지 않습니다(오류 {code}). 다른 곳에서 건 채팅 금지가 안 보일 수 있습니다.',
  membersFailed: '멤버 목록을 불러오지 못했습니다: {reason}',
  memberOnline: '방에 있음',
  memberOffline: '나감',
  memberJoined: '{time}에 참여',
  'role.Owner': '진행자',
  'role.Admin': '관리자',
  'role.Member': '멤버',
  bannedBadge: '차단됨',
  bannedBadgeTitle: '{time}까지 차단',
  namesakeOne: '{id}와(과) 같은 닉네임',
  namesakeMany: '다른 {count}명과 같은 닉네임',
  namesakeTitle: '닉네임이 같아 보이는 다른 멤버: {ids}',
  muteCustom: '채팅 금지…',
  kick: '내보내기',
  ban3600: '1시간 차단',
  ban86400: '1일 차단',
  banPermanent: '영구 차단',
  unban: '차단 해제',
  cancel: '취소',
  muteDialogTitle: '{nick} 채팅 금지',
  muteDuration: '기간',
  muteUnit: '단위',
  'unit.minutes': '분',
  'unit.hours': '시간',
  'unit.days': '일',
  muteConfirm: '채팅 금지',
  'muteDuration.invalid': '1 이상의 정수를 입력하세요.',
  'muteDuration.tooLong': '방에서 허용하는 가장 긴 채팅 금지보다 깁니다.',
  kickConfirmTitle: '{nick} 님을 내보낼까요?',
  kickConfirmBody: '{nick} 님은 지금 방에서 나가며, 다시 참여할 수 있습니다.',
  banConfirmTitleHour: '{nick} 님을 1시간 차단할까요?',
  banConfirmTitleDay: '{nick} 님을 1일 차단할까요?',
  banConfirmTitlePermanent: '{nick} 님을 영구 차단할까요?',
  banConfirmTitle: '{nick} 님을 {time}까지 차단할까요?',
  banConfirmBody:
    '{nick} 님은 지금 방에서 나가며, 차단이 풀리거나 끝날 때까지 다시 참여할 수 없습니다.',
  banConfirm: '차단',
  unmuting: '{nick} 님의 채팅 금지를 해제하는 중…',
  kicking: '{nick} 님을 내보내는 중…',
  banning: '{nick} 님을 차단하는 중…',
  unbanning: '{nick} 님의 차단을 해제하는 중…',
  kickedResult: '{nick} 님을 방에서 내보냈습니다',
  bannedResult: '{nick} 님은 {time}까지 차단입니다',
  bannedPermanentResult: '{nick} 님을 영구 차단했습니다',
  unbannedResult: '{nick} 님이 다시 참여할 수 있습니다',

  'viewer.welcome': '라이브 채팅 참여',
  'viewer.intro': '닉네임을 정하고 진행자, 다른 시청자와 채팅하세요.',
  'viewer.chatPanel': '라이브 채팅',
  'viewer.nickname': '닉네임',
  'viewer.join': '참여',
  'viewer.joining': '참여하는 중…',
  'viewer.rejoin': '다시 참여',
  'viewer.chattingAs': '{nick}(으)로 채팅 중',
  'viewer.mutedUntil': '{time}까지 채팅 금지',
  'viewer.closedNoReason': '연결이 종료되었습니다.',
  'viewer.noRoom': '이 링크에는 방 정보가 없습니다.',
  'viewer.joinFailed': '참여하지 못했습니다: {reason}',
  'viewer.nicknameInvalid': '닉네임은 일반 문자로 1–{max}자까지 쓸 수 있습니다.',
  'viewer.httpFailed': '서버 응답: {status}',
  'viewer.removed': '진행자가 회원님을 방에서 내보냈습니다.',
  'viewer.banned': '진행자가 회원님을 {time}까지 이 방에서 차단했습니다.',
  'viewer.bannedPermanent': '진행자가 회원님을 이 방에서 차단했습니다.',
  'viewer.mutedAll': '진행자가 모든 사람의 채팅을 막았습니다.',

  'error.muted': '{time}까지 채팅이 금지되었습니다.',
  'error.mutedNoTime': '이 방에서 채팅이 금지되었습니다.',
  'error.tooLong': '메시지가 너무 깁니다.',
  'error.noPermission': '이 작업을 할 권한이 없습니다.',
  'error.invalid': '방에서 요청을 받아들이지 않았습니다. 빠졌거나 올바르지 않은 값이 있습니다.',
  'error.invalid.nicknameEmpty': '먼저 닉네임을 입력하세요.',
  'error.invalid.nicknameTooLong': '닉네임이 너무 깁니다. {max}자 이내로 입력하세요.',
  'error.invalid.nicknameInvisible':
    '보이지 않는 닉네임입니다. 다른 사람이 볼 수 있는 글자, 숫자, 이모지를 쓰세요.',
  'error.invalid.nicknameControl': '닉네임에는 제어 문자나 줄바꿈을 쓸 수 없습니다.',
  'error.invalid.nicknameDirection':
    '닉네임에는 텍스트 방향 문자를 쓸 수 없습니다. 주변 채팅이 뒤섞입니다.',
  'error.invalid.nicknameMalformed': '올바른 텍스트가 아닙니다. 닉네임을 다시 입력하세요.',
  'error.invalid.nicknameMarks': '한 글자에 붙은 기호가 너무 많습니다. 줄여 주세요.',
  'error.invalid.nicknameLooksLikeHost':
    '호스트나 운영자의 이름과 비슷한 닉네임입니다. 다른 닉네임을 고르세요.',
  'error.notConnected': '연결되어 있지 않습니다. 연결이 돌아오면 다시 시도하세요.',
  'error.notLoggedIn': '로그인되어 있지 않습니다.',
  'error.sigExpired': '로그인이 만료되었습니다. 다시 참여하세요.',
  'error.sigInvalid': '로그인 정보가 올바르지 않습니다. 다시 참여하세요.',
  'error.sigVerificationFailed':
    '로그인 정보가 다른 키나 다른 앱으로 만들어졌습니다. 새로 받으려면 다시 입장하세요.',
  'error.rejected': '방에서 이 메시지를 받아들이지 않았습니다.',
  'error.rateLimited': '메시지를 너무 자주 보냈습니다. 잠시 후 보내세요.',
  'error.groupNotFound': '이 방이 없습니다.',
  'error.notInGroup': '이 방에 참여하고 있지 않습니다.',

  // Errors: the room's codes (Tencent's, src-shared/protocol/codes.ts) and their reasons
  'error.roomInternal': '방 서버에 문제가 생겼습니다. 다시 시도하세요.',
  'error.roomInternal.noAnswer': '방 서버가 제시간에 응답하지 않았습니다. 다시 시도하세요.',
  'error.invalidCommand':
    '방 서버가 이 요청을 지원하지 않습니다. LiveDesk나 방 서버를 업데이트하세요.',
  'error.banned': '{time}까지 이 방에서 차단되었습니다.',
  'error.bannedPermanent': '이 방에서 차단되었습니다.',
  'error.mutedAll': '지금은 전체 채팅 금지 중입니다. 진행자와 관리자만 채팅할 수 있습니다.',
  'error.rateLimitedFor': '메시지를 너무 자주 보냈습니다. {seconds}초 후에 다시 보내세요.',
  'error.groupIdInUse': '같은 ID의 방이 이미 있습니다.',
  'error.messageNotFound': '이 메시지는 더 이상 방에 없습니다.',
  'error.attrRateLimit': '방 설정을 너무 자주 바꾸고 있습니다. 잠시 후 다시 시도하세요.',
  'error.parseError': '방 서버가 요청을 읽지 못했습니다.',
  'error.requestJsonInvalid': '방 서버가 요청을 읽을 수 없습니다: JSON이 아닙니다.',
  'error.badSignature':
    '방의 REST API가 계정이나 서명을 거부했습니다. App 관리자 계정과 IM 비밀 키를 확인하세요.',
  'error.sdkAppIdInvalid': '방 서버가 이 SDKAppID를 알지 못합니다. 방 연결 설정에서 확인하세요.',
  'error.restRateLimit': '방의 REST API를 너무 자주 호출했습니다. 잠시 후 다시 시도하세요.',
  'error.badRequest':
    '방의 REST API가 요청 형식이 잘못되었거나 시간이 초과되어 거부했습니다. 다시 시도하세요.',
  'error.badResourceUrl':
    '방의 REST API가 이 명령을 알지 못합니다. 방 연결 설정에서 REST API 도메인을 확인하세요.',
  'error.needsAppAdmin':
    'App 관리자 계정만 할 수 있는 작업입니다. 방 연결 설정에서 App 관리자 계정을 확인하세요.',
  'error.needsAppAdmin.noSecretKey':
    '강퇴, 차단, 멤버 목록에는 IM 앱의 비밀 키가 필요합니다. 방 연결 설정에 저장하세요.',
  'error.sdkAppIdMissing': '요청에 SDKAppID가 없습니다.',
  'error.identifierMismatch': '다른 사용자용 로그인 정보입니다. 다시 참여하세요.',
  'error.sdkAppIdMismatch': '다른 IM 앱(SDKAppID)용 로그인 정보입니다. SDKAppID를 확인하세요.',
  'error.sigInvalid.noUserSigSource':
    'Tencent IM에 로그인할 방법이 없습니다. 방 연결 설정에서 UserSig URL(비즈니스 서버)을 설정하거나, 개발용으로 IM 앱의 비밀 키를 저장하세요.',
  'error.sigInvalid.userSigUnreachable':
    'UserSig 서버({host})에 연결하지 못했습니다. UserSig URL과 네트워크를 확인하세요.',
  'error.sigInvalid.userSigBadAnswer':
    'UserSig 서버({host})가 UserSig 없이 HTTP {status} 응답을 보냈습니다. 비즈니스 서버를 확인하세요.',
  'error.notLoggedIn.signingInAgain':
    'UserSig가 만료되어 LiveDesk가 Tencent IM에 다시 로그인하는 중입니다. 잠시 후 다시 시도하세요.',
  'error.notLoggedIn.signedInElsewhere':
    '진행자 계정이 다른 곳에서 Tencent IM에 로그인해서 LiveDesk가 로그아웃되었습니다. 다시 로그인하려면 LiveDesk를 다시 시작하세요.',
  'error.notLoggedIn.signedOut':
    'Tencent IM이 LiveDesk를 로그아웃시켰습니다. 다시 로그인하려면 LiveDesk를 다시 시작하세요.',

  // Errors: the contract's codes and the REST client's (src-shared/contract/result.ts)
  'error.unknownCommand':
    'LiveDesk가 알 수 없는 요청입니다. 페이지를 새로 고치거나 LiveDesk를 다시 시작하세요.',
  'error.invalidPayload': 'LiveDesk가 요청을 받아들이지 않았습니다. {field} 값을 확인하세요.',
  'error.invalidPayloadAny': 'LiveDesk가 요청을 받아들이지 않았습니다.',
  'error.forbiddenSender': 'LiveDesk는 자체 창에서 온 요청만 받습니다.',
  'error.internal': 'LiveDesk 내부에서 문제가 생겼습니다. 자세한 내용은 로그를 확인하세요.',
  'error.notConnected.restUnreachable':
    '방의 REST API에 연결하지 못했습니다. REST API 도메인과 네트워크를 확인하세요.',
  'error.notConnected.restTimeout':
    '방의 REST API가 제시간에 응답하지 않았습니다. 다시 시도하세요.',
  'error.notConnected.imNotReady':
    '로그인하고 {seconds}초가 지나도 Tencent IM이 준비되지 않았습니다. 네트워크를 확인한 뒤 LiveDesk를 다시 시작하세요.',
  'error.restHttp':
    '방의 REST API가 HTTP {status} 응답을 보냈습니다. 방 연결 설정에서 REST API 도메인을 확인하세요.',
  'error.restBadResponse':
    '방의 REST API가 LiveDesk가 읽을 수 없는 응답을 보냈습니다. 방 연결 설정에서 REST API 도메인을 확인하세요.',

  // Errors: unknown codes, third-party details, pieces of sentences
  'error.unknown': '오류 {code}',
  'error.unknownWithMessage': '오류 {code} (서버 메시지: “{message}”)',
  'error.detail': '{text} (자세히: {detail})',
  'error.where': '({name})',
  'error.lastProblem': '{text} 마지막 문제: {last}',

  // Errors: the stream engine (StreamErrorCode and StreamErrorReasons, contract/stream.ts)
  'error.stream.ffmpegNotFound':
    'ffmpeg이 설치되어 있지 않습니다. 설치하거나 송출 설정에서 ffmpeg 경로를 지정하세요.',
  'error.stream.ffmpegNotFound.noneWorks':
    '실행되는 ffmpeg을 찾지 못했습니다(시도한 경로: {tried}). ffmpeg을 설치하거나 송출 설정에서 경로를 지정하세요.',
  'error.stream.invalidSettings': '송출 설정이 올바르지 않습니다. 확인한 뒤 다시 시도하세요.',
  'error.stream.invalidSettings.schema': '송출 설정이 올바르지 않습니다. {field} 값을 확인하세요.',
  'error.stream.invalidSettings.customRequired': '사용자 지정 프로필에 값이 빠졌습니다: {field}',
  'error.stream.invalidSettings.unknownProfile':
    '“{preset}” 프로필은 없습니다. 720p30, 1080p30, 1080p60, 사용자 지정 중에서 고르세요.',
  'error.stream.invalidSettings.resolutionTooSmall':
    '해상도가 너무 작습니다({width}×{height}). {min}×{min} 픽셀 이상으로 하세요.',
  'error.stream.invalidSettings.resolutionTooLarge':
    '해상도가 너무 큽니다({width}×{height}). 라이브 수신 서버는 최대 {maxWidth}×{maxHeight}까지 받습니다.',
  'error.stream.invalidSettings.resolutionOdd':
    'H.264에서는 너비와 높이가 짝수여야 합니다({width}×{height}).',
  'error.stream.invalidSettings.fpsRange':
    '프레임 레이트 {fps} fps는 범위를 벗어났습니다. {min}–{max} fps로 하세요.',
  'error.stream.invalidSettings.videoBitrateRange':
    '비디오 비트레이트 {kbps} kbps는 범위를 벗어났습니다. {min}–{max} kbps로 하세요.',
  'error.stream.invalidSettings.maxrateBelowBitrate':
    '최대 비트레이트({maxrateKbps} kbps)가 비디오 비트레이트({kbps} kbps)보다 낮습니다. 최대값을 높이거나 비트레이트를 낮추세요.',
  'error.stream.invalidSettings.bufsizeZero': '버퍼 크기는 0 kbps보다 커야 합니다.',
  'error.stream.invalidSettings.keyframeRange':
    '키프레임 간격 {seconds}초는 범위를 벗어났습니다. {min}–{max}초로 하세요(보통 2초).',
  'error.stream.invalidSettings.audioBitrate':
    '오디오 비트레이트 {kbps} kbps는 쓸 수 없습니다. {allowed} kbps 중에서 고르세요.',
  'error.stream.invalidSettings.audioSampleRate':
    '오디오 샘플 레이트 {hz} Hz는 쓸 수 없습니다. 44.1 kHz나 48 kHz를 고르세요.',
  'error.stream.invalidSettings.nothingToDo':
    '할 일이 없습니다. 송출 대상을 고르거나 녹화를 켜세요(둘 다 해도 됩니다).',
  'error.stream.invalidSettings.sourceMissing':
    '소스 파일을 찾을 수 없습니다: {path}. 다른 파일을 고르세요.',
  'error.stream.invalidSettings.overlayMissing':
    '워터마크 이미지를 찾을 수 없습니다: {path}. 다른 이미지를 고르거나 빼세요.',
  'error.stream.invalidSettings.pushUrl':
    '송출 주소가 RTMP URL(rtmp://host/app/stream)이 아닙니다: {url}',
  'error.stream.invalidSettings.encoderMissing':
    '이 ffmpeg에는 {encoder} 인코더가 없습니다. 다음 중에서 고르세요: {available}',
  'error.stream.invalidSettings.noIngest':
    '이 방 서버에는 자체 수신 서버가 없습니다. 다른 송출 대상을 고르세요.',
  'error.stream.invalidSettings.cssPushKey':
    '라이브를 시작하기 전에 송출 설정에서 CSS 푸시 키를 입력하세요.',
  'error.stream.invalidSettings.cssDomain':
    '푸시 도메인이 올바른 호스트 이름이 아닙니다: {domain}. 송출 설정에서 확인하세요.',
  'error.stream.invalidSettings.cssAppName':
    '앱 이름에는 영문자, 숫자, . _ ~ - 만 쓸 수 있습니다: {value}',
  'error.stream.invalidSettings.cssStreamName':
    '스트림 이름에는 영문자, 숫자, . _ ~ - 만 쓸 수 있습니다: {value}',
  'error.stream.deviceUnavailable':
    '캡처 장치{where}를 쓸 수 없습니다. 연결을 확인하거나, 장치를 쓰는 다른 앱을 닫거나, 다른 장치를 고르세요.',
  'error.stream.encoderFailed':
    '비디오 인코더를 시작하지 못했습니다. 다른 x264 프리셋이나 더 낮은 해상도를 써 보세요.',
  'error.stream.hostNotFound':
    '푸시 서버{where}를 찾을 수 없습니다. 푸시 도메인과 네트워크를 확인하세요.',
  'error.stream.hostNotFound.ffmpegCrashed':
    '이 ffmpeg 빌드는 푸시 서버{where} 주소를 찾다가 멈췄습니다. IP 주소나 다른 ffmpeg을 쓰세요.',
  'error.stream.connectionRefused':
    '푸시 서버{where}가 연결을 거부했습니다. 수신 서버가 실행 중인지, 포트가 맞는지 확인하세요.',
  'error.stream.authRejected':
    '푸시 서버{where}가 스트림을 거부했습니다. 스트림 키나 서명된 URL의 만료 여부를 확인하세요.',
  'error.stream.authRejected.closedOnPublish':
    '스트림을 시작하자마자 푸시 서버{where}가 연결을 끊었습니다. 스트림 키나 서명된 URL의 만료 여부를 확인하세요.',
  'error.stream.connectionLost': '푸시 서버{where}와의 연결이 끊겼습니다.',
  'error.stream.connectionLost.pushExited': '송출이 예기치 않게 멈췄습니다{exit}.',
  'error.stream.exit': '(종료 코드 {exit})',
  'error.stream.diskFull':
    '디스크가 가득 차서 녹화가 멈췄습니다. 공간을 확보하거나 다른 디스크에 녹화하세요.',
  'error.stream.diskFull.belowFloor':
    '녹화 디스크({dir})에 남은 공간이 {freeMb} MB뿐입니다. 녹화하려면 {floorMb} MB 이상이 필요합니다. 공간을 확보하거나 다른 디스크에 녹화하세요.',
  'error.stream.diskFull.stoppedBelowFloor':
    '녹화가 멈췄습니다. 녹화 디스크({dir})에 남은 공간이 {freeMb} MB로, 설정한 {floorMb} MB보다 적습니다. 공간을 확보하거나 다른 디스크에 녹화하세요.',
  'error.stream.recordUnwritable': '녹화 파일을 쓸 수 없습니다. 쓰기 가능한 폴더를 고르세요.',
  'error.stream.recordUnwritable.folder':
    '녹화 폴더를 쓸 수 없습니다: {dir}. 폴더가 없거나 쓰기 권한이 없습니다. 다른 폴더를 고르세요.',
  'error.stream.recordUnwritable.exists':
    '파일이 이미 있습니다: {path}. LiveDesk는 녹화 파일을 덮어쓰지 않습니다. 다른 파일 이름을 쓰세요.',
  'error.stream.recordUnwritable.write':
    '녹화 파일을 쓸 수 없습니다: {path}. 쓰기 가능한 폴더를 고르세요.',
  'error.stream.stalled': '방송이 진행되지 않고 멈췄습니다.',
  'error.stream.stalled.encoder':
    'ffmpeg이 {seconds}초 동안 진행되지 않아 LiveDesk가 다시 시작했습니다.',
  'error.stream.stalled.push': '송출이 {seconds}초 동안 진행되지 않아 다시 연결합니다.',
  'error.stream.reconnectFailed': '송출 재연결을 포기했습니다.',
  'error.stream.reconnectFailed.stopped':
    '{attempts}번 시도한 끝에 송출 재연결을 포기했습니다. 방송이 멈췄습니다.',
  'error.stream.reconnectFailed.recordingContinues':
    '{attempts}번 시도한 끝에 송출 재연결을 포기했습니다. 녹화는 계속됩니다.',
  'error.stream.alreadyRunning': '이미 방송이나 녹화가 진행 중입니다. 먼저 멈추세요.',
  'error.stream.alreadyRunning.ffmpegChange':
    '다른 ffmpeg을 고르기 전에 방송을 멈추세요. 아무것도 저장되지 않았습니다.',
  'error.stream.failed': 'ffmpeg이 예기치 않게 멈췄습니다{exit}.',

  // Errors: why the room closed the viewer's connection (CloseCode)
  'close.goingAway': '방 서버가 종료되었습니다.',
  'close.tooBig': '메시지가 너무 커서 연결이 종료되었습니다.',
  'close.loginTimeout': '로그인이 너무 오래 걸려 연결이 종료되었습니다. 다시 참여하세요.',
  'close.replaced': '다른 창이나 기기에서 참여해서 이 창의 연결이 끊겼습니다.',
  'close.protocolVersion': '이 페이지는 오래된 버전입니다. 새로 고치세요.',
  'close.kickedByAdmin': '앱이 이 방에서 로그아웃시켰습니다. 돌아오려면 다시 참여하세요.',
  'close.lost': '방과의 연결이 끊겼습니다.',
  'close.unknown': '연결이 종료되었습니다(코드 {code}).',

  'stage.title': '스테이지',
  'stage.monitor': '모니터',
  'player.none': '이 송출 대상은 모니터를 지원하지 않습니다',
  'player.failed': '모니터에서 이 스트림을 재생할 수 없습니다',
  'player.offAir': '방송 중 아님',
  'stage.confirmEndTitle': '라이브를 종료할까요?',
  'stage.confirmEnd': '시청자에게 방송 종료가 표시됩니다. 지금 라이브를 종료할까요?',
  'stage.endLive': '라이브 종료',
  'stage.goLive': '라이브 시작',
  'stage.record': '녹화',
  'stage.stopRecording': '녹화 중지',
  'stage.reconnectNow': '지금 다시 연결',
  'stage.state.starting': '시작 중…',
  'stage.state.started': '라이브',
  'stage.state.reconnecting': '다시 연결 중 ({attempt}번째 시도)',
  'stage.state.stopping': '중지 중…',
  'stage.state.stopped': '오프라인',
  'stage.state.recording': '녹화 중',
  'stage.fps': 'FPS',
  'stage.bitrate': '비트레이트',
  'stage.dropped': '드롭된 프레임',
  'stage.skipped': '건너뛴 프레임',
  'stage.speed': '인코딩 속도',
  'stage.cpu': 'CPU',
  'stage.sent': '전송량',
  'stage.duration': '방송 시간',
  'stage.health': '스트림 상태',
  'stage.bitrateChart': '최근 5분 비트레이트 (kbps)',
  'stage.fpsChart': '최근 5분 초당 프레임',
  'stage.recordingLabel': '녹화 파일',
  'stage.ffmpeg': 'ffmpeg {version} ({path})',
  'stage.obsHint': 'OBS로 송출하려면 사용자 지정 서버와 키를 사용하세요:',
  'stage.obsServer': '서버',
  'stage.obsKey': '스트림 키',
  'stage.settings': '송출 설정',
  'stage.source': '소스',
  'stage.source.test-pattern': '테스트 패턴',
  'stage.source.screen': '화면',
  'stage.source.camera': '카메라와 마이크',
  'stage.source.image': '이미지',
  'stage.source.file': '동영상 파일 (반복)',
  'stage.device': '카메라 장치',
  'stage.path': '파일 경로',
  'stage.profile': '프로필',
  'stage.target': '송출 대상',
  'stage.target.embedded': '이 방 (내장 인제스트)',
  'stage.target.css': 'Tencent Cloud Streaming Services',
  'stage.target.rtmp': '사용자 지정 RTMP 서버',
  'stage.pushDomain': '푸시 도메인',
  'stage.appName': '앱 이름',
  'stage.streamName': '스트림 이름',
  'stage.playDomain': '재생 도메인 (모니터용)',
  'stage.playKey': '재생 키 (재생 인증을 켠 경우에만)',
  'stage.serverUrl': '서버 URL',
  'stage.pushKey': '푸시 키',
  'stage.streamKey': '스트림 키',
  'stage.keySet': '저장됨 — 바꾸려면 입력하세요',
  'stage.secretFileWarning':
    '브라우저 콘솔에서는 키가 본인만 읽을 수 있는 파일에 저장되지만 암호화되지는 않습니다.',
  'stage.recordWhileLive': '라이브 중 녹화',
  'stage.recordDir': '녹화 폴더',
  'stage.recordFormat': '녹화 형식',
  'stage.format.fmp4': 'MP4 (조각화, 충돌에 안전)',
  'stage.format.mkv': 'MKV',
  'stage.format.flv': 'FLV',
  'stage.save': '설정 저장',
  'stage.saved': '설정을 저장했습니다',
  'viewer.stream': '라이브 방송',
  'stage.ffmpegPath': '사용할 ffmpeg (선택)',
  'stage.microphone': '마이크 (없으면 무음)',
  'stage.screen': '화면',
  'stage.overlays': '오버레이',
  'stage.overlay.clock': '시계',
  'stage.overlay.clockPosition': '시계 위치',
  'stage.overlay.title': '방 제목',
  'stage.overlay.titlePosition': '방 제목 위치',
  'stage.overlay.image': '워터마크 이미지 (경로, 비우면 없음)',
  'stage.overlay.imagePosition': '워터마크 위치',
  'stage.overlay.useDefault': 'LiveDesk 기본 워터마크 사용',
  'stage.overlay.opacity': '불투명도 (%)',
  'stage.position.top-left': '왼쪽 위',
  'stage.position.top-right': '오른쪽 위',
  'stage.position.bottom-left': '왼쪽 아래',
  'stage.position.bottom-right': '오른쪽 아래',
  'chat.priority': '우선순위 {priority}',
  'chat.type.custom': '사용자 정의',
  'chat.type.face': '스티커',
  'chat.type.image': '이미지',
  'chat.type.sound': '음성',
  'chat.type.location': '위치',
  'stage.recordFileName': '파일 이름 ({date}, {time}, {room} 자동 입력)',
  'stage.encoder': '비디오 인코더',
  'stage.encoder.libx264': 'x264 (소프트웨어)',
  'stage.encoder.h264_nvenc': 'NVIDIA NVENC',
  'stage.encoder.h264_qsv': 'Intel Quick Sync',
  'stage.encoder.h264_amf': 'AMD AMF',
  'stage.encoder.h264_videotoolbox': 'Apple VideoToolbox',
  'stage.profile.custom': '사용자 지정',
  'stage.profile.customTitle': '사용자 지정 프로필',
  'stage.profile.advanced': '고급',
  'stage.profile.width': '너비 (px)',
  'stage.profile.height': '높이 (px)',
  'stage.profile.fps': '프레임 레이트 (fps)',
  'stage.profile.videoBitrate': '비디오 비트레이트 (kbps)',
  'stage.profile.keyframeInterval': '키프레임 간격 (초)',
  'stage.profile.x264Preset': 'x264 프리셋 (빠를수록 CPU 사용이 적음)',
  'stage.profile.audioBitrate': '오디오 비트레이트 (kbps)',
  'stage.profile.audioSampleRate': '오디오 샘플 레이트',
  'stage.profile.sampleRateOption': '{khz} kHz',
  'stage.profile.error.required': '값을 입력하세요',
  'stage.profile.error.notNumber': '숫자만 입력하세요',
  'stage.profile.error.notWhole': '정수를 입력하세요',
  'stage.profile.error.odd': '짝수를 입력하세요 (H.264는 너비와 높이가 짝수여야 합니다)',
  'stage.profile.error.range': '{min}에서 {max} 사이의 값을 입력하세요',
  'stage.profile.fixErrors': '저장하지 않았습니다. 표시된 항목을 고쳐 주세요.',
  'stage.split': '녹화 분할',
  'stage.split.none': '분할 안 함',
  'stage.split.time': '시간 기준',
  'stage.split.size': '크기 기준',
  'stage.split.minutes': '파일 분할 간격 (분)',
  'stage.split.mb': '파일 분할 크기 (MB)',
  'stage.split.minutesInvalid': '1에서 1440 사이의 정수(분)를 입력하세요',
  'stage.split.mbInvalid': '10에서 1048576 사이의 정수(MB)를 입력하세요',
  'stage.minFreeDisk': '남은 공간이 이보다 적으면 녹화 중지 (MB)',
  'stage.minFreeDiskInvalid': '0 이상의 정수(MB)를 입력하세요',
  'stage.parts': '{part}번째 파일',
  'stage.partsTotal': '(전체 {size})',
  'stage.diskFree': '디스크 여유 공간 {free}',
  'stage.diskLeft': '약 {hours}시간 {minutes}분 더 녹화 가능',
  'stage.problem.slow-encoder':
    '이 컴퓨터가 따라가지 못합니다. 인코더가 실시간보다 느립니다. 더 빠른 x264 프리셋, 더 낮은 해상도나 프레임 레이트, 또는 하드웨어 인코더를 선택하세요.',
  'stage.problem.frames-lost':
    '프레임이 버려지거나 반복되고 있습니다. 소스나 이 컴퓨터에 부하가 큽니다. 무거운 프로그램을 닫거나 해상도나 프레임 레이트를 낮추세요.',

  // Room connection (embedded room or Tencent Cloud IM)
  'roomConnection.title': '방 연결 설정',
  'roomConnection.active': '현재 사용 중: {backend}',
  'roomConnection.backend': '방',
  'roomConnection.backend.embedded': '내장 방 (이 컴퓨터)',
  'roomConnection.backend.tencent': 'Tencent Cloud IM (AVChatRoom)',
  'roomConnection.sdkAppId': 'SDKAppID',
  'roomConnection.groupId': '그룹 ID (AVChatRoom)',
  'roomConnection.userId': '내 사용자 ID (앵커 계정)',
  'roomConnection.adminUserId': 'App 관리자 계정 (REST API)',
  'roomConnection.restBaseUrl': 'REST API 도메인',
  'roomConnection.userSigUrl': 'UserSig URL (비즈니스 서버)',
  'roomConnection.optional': '선택 사항',
  'roomConnection.secretKey': 'IM 비밀 키',
  'roomConnection.secretKeySet': '저장됨 — 바꾸려면 입력하세요',
  'roomConnection.secretKeyUse':
    '차단과 멤버 목록은 App 관리자로 Tencent REST API를 호출하므로 비밀 키가 필요합니다. 키가 없으면 강퇴는 IM SDK의 짧은 차단으로 처리됩니다.',
  'roomConnection.devWarning':
    '개발용입니다: UserSig URL이 없으면 이 컴퓨터에서 비밀 키로 UserSig를 만듭니다. 키를 가진 사람은 누구나 어떤 사용자로도 로그인할 수 있습니다. 운영 환경에서는 비즈니스 서버가 UserSig를 발급하게 하세요.',
  'roomConnection.restart':
    '저장한 설정은 LiveDesk를 다음에 시작할 때 적용됩니다. 연결하려면 LiveDesk를 다시 시작하세요.',
  'roomConnection.startError': 'Tencent 방에 들어가지 못했습니다: {reason}',
  'roomConnection.save': '방 연결 저장',
  'roomConnection.saved': '방 연결을 저장했습니다',
  'roomConnection.savedRestart': '저장했습니다. 연결하려면 LiveDesk를 다시 시작하세요.',
  'roomConnection.fixErrors': '표시된 항목을 고치세요. 아무것도 저장하지 않았습니다.',
  'roomConnection.error.sdkAppId': 'Tencent IM 콘솔의 SDKAppID(숫자)를 입력하세요.',
  'roomConnection.error.groupId': 'AVChatRoom의 그룹 ID를 입력하세요.',
  'roomConnection.error.userId': '영문자, 숫자, _ 또는 - 로 1–32자를 쓰세요.',
  'roomConnection.error.adminUserId': '영문자, 숫자, _ 또는 - 로 1–32자를 쓰세요.',
  'roomConnection.error.restBaseUrl':
    'Tencent의 REST API 도메인(https://…) 중 하나를 고르거나 “Tencent가 아닌 REST 서버 사용”을 선택하세요.',
  'roomConnection.error.userSigUrl': 'https:// 로 시작하는 URL을 입력하거나 비워 두세요.',
  // Delivery budget (the room's frequency control)
  'load.title': '메시지 전송 한도',
  'load.none': '아직 부하 보고가 없습니다. 내장 방만 보고합니다.',
  'load.offered': '초당 한도 {cap}개 중 {offered}개 보냄',
  'load.headroom': '{count}개 여유',
  'load.over': '한도를 {count}개 초과',
  'load.byPriority': '지난 1초, 우선순위별',
  'load.priority': '우선순위',
  'load.offeredCount': '보냄',
  'load.delivered': '전달됨',
  'load.shed': '버려짐',
  'load.priority.High': '높음',
  'load.priority.Normal': '보통',
  'load.priority.Low': '낮음',
  'load.priority.Lowest': '가장 낮음',
  'load.shedRecent': '최근 5분간 버려진 메시지: {count}개',

  'access.unauthorized':
    '이 콘솔 링크는 유효하지 않습니다(재설정되었을 수 있습니다). 앵커에게 현재 콘솔 링크를 요청하세요.',
  'access.wrongHost':
    'LiveDesk는 이 주소로 응답하지 않습니다. LiveDesk가 출력한 콘솔 링크를 여세요.',
  'access.title': '콘솔 접속',
  'access.link': '모더레이터용 콘솔 링크',
  'access.copy': '콘솔 링크 복사',
  'access.copied': '콘솔 링크를 복사했습니다',
  'access.lanLink': 'LAN에서: {url}',
  'access.reset': '접속 링크 재설정',
  'access.resetConfirm':
    '접속 링크를 재설정할까요? 지금 링크로 연 사람은 모두 연결이 끊기고 새 링크가 필요합니다.',
  'access.resetDone': '새 접속 링크를 만들었습니다. 모더레이터에게 보내세요.',
  'access.desktopOnly':
    '이 창에서만 콘솔이 실행 중입니다. 모더레이터가 브라우저로 열게 하려면 --host 0.0.0.0 으로 LiveDesk를 시작하세요.',
  'access.lanUnencrypted':
    'LAN 접속은 암호화되지 않습니다. 같은 네트워크의 누구나 콘솔, 채팅, 접속 링크를 볼 수 있습니다. HTTPS를 쓰려면 --tls-cert 와 --tls-key 로 LiveDesk를 시작하세요.',
  'access.lanEncrypted': 'LAN에서 콘솔을 HTTPS로 제공합니다.',
  'access.portChanged.console':
    '포트 {saved}이(가) 사용 중이라 이번에는 콘솔이 {chosen} 포트를 씁니다. 콘솔 링크가 바뀌었습니다.',
  'access.portChanged.room':
    '포트 {saved}이(가) 사용 중이라 이번에는 방 서버가 {chosen} 포트를 씁니다. 시청자 링크가 바뀌었으니 새 링크를 시청자에게 보내세요.',
  'access.portChanged.ingest':
    '포트 {saved}이(가) 사용 중이라 이번에는 RTMP 인제스트가 {chosen} 포트를 씁니다. OBS의 서버를 바꾸세요.',
  'localOnly.note':
    '“이 컴퓨터에서만” 표시가 있는 항목은 LiveDesk가 실행 중인 컴퓨터(그 창, 또는 그 컴퓨터의 브라우저)에서만 바꿀 수 있습니다.',
  'localOnly.badge': '이 컴퓨터에서만',
  'error.localOnly':
    '{field}은(는) 네트워크 너머가 아니라 LiveDesk가 실행 중인 컴퓨터에서만 바꿀 수 있습니다.',
  'error.localOnlyAny':
    '그 항목은 네트워크 너머가 아니라 LiveDesk가 실행 중인 컴퓨터에서만 바꿀 수 있습니다.',
  'localOnly.field.ffmpegPath': 'ffmpeg 경로',
  'localOnly.field.source.path': '소스 파일',
  'localOnly.field.overlays.image': '워터마크 이미지',
  'localOnly.field.record.dir': '녹화 폴더',
  'localOnly.field.target.destination': '송출 대상',
  'localOnly.field.tencent.restBaseUrl': 'REST API 도메인',
  'localOnly.field.tencent.userSigUrl': 'UserSig URL',
  'localOnly.field.accessLink': '접속 링크',
  'error.notConnected.imTimeout':
    'Tencent IM이 {seconds}초 안에 {step}에 응답하지 않았습니다. SDKAppID, 네트워크, 이 컴퓨터에서 Tencent Cloud에 닿는지 확인한 뒤 다시 시도하세요.',
  'imStep.sdk': 'SDK 시작',
  'imStep.login': '로그인',
  'imStep.join': '방 입장',
  'imStep.profile': '방 정보 조회',
  'imStep.request': '요청',
  'roomConnection.retry': '다시 시도',
  'roomConnection.joining': 'Tencent 방에 들어가는 중…',
  'roomConnection.customRestBaseUrl': 'Tencent가 아닌 REST 서버 사용',
  'roomConnection.customRestWarning':
    '호출할 때마다 App 관리자의 UserSig가 이 서버로 갑니다. 직접 운영하거나 믿을 수 있는 서버만 쓰세요.',
  // ---- room fan-out and connection limits (issue 10; issue 9's per-address cap) ----
  'close.slowConsumer':
    '연결이 방의 속도를 너무 많이 따라가지 못했습니다. 다시 참여하면 최근 메시지를 받습니다.',
  'close.tooManyConnections':
    '같은 네트워크에서 이 방에 연결이 너무 많습니다. 이 방의 다른 탭을 닫고 다시 시도하세요.',
}
