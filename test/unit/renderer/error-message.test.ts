import { afterEach, describe, expect, it } from 'vitest'
import {
  closeMessage,
  errorMessage,
  hasWording,
  muteUntilOf,
} from '../../../src-renderer/shared/error-message'
import { setLocale, type Locale } from '../../../src-renderer/shared/i18n'
import { formatClock, formatDateTime } from '../../../src-renderer/shared/time'
import {
  ContractCode,
  errorReasons,
  RestTransportCode,
  type ErrorParams,
} from '../../../src-shared/contract/result'
import { StreamErrorCode, StreamErrorReasons } from '../../../src-shared/contract/stream'
import { CloseCode, ErrorCode } from '../../../src-shared/protocol/codes'

afterEach(() => setLocale('en'))

const locales: Locale[] = ['en', 'ko', 'zh-CN']
const SERVER_WORDS = 'server words that must not show'

/** Every code a screen can get, table by table. */
const codeTables = {
  ErrorCode: Object.values(ErrorCode).filter((code) => code !== ErrorCode.ok),
  ContractCode: Object.values(ContractCode),
  RestTransportCode: Object.values(RestTransportCode),
  StreamErrorCode: Object.values(StreamErrorCode),
}

/** A value for every fact a wording may name, so no placeholder is left unfilled. */
const facts: ErrorParams = {
  host: 'push.example.com',
  device: '/dev/video0',
  path: '/rec/a.mp4',
  dir: '/rec',
  freeMb: 120,
  floorMb: 500,
  width: 1281,
  height: 720,
  min: 1,
  max: 60,
  maxWidth: 4096,
  maxHeight: 2160,
  fps: 120,
  kbps: 2500,
  maxrateKbps: 1000,
  seconds: 10,
  allowed: '64, 96, 128',
  hz: 22050,
  url: 'ftp://x/y',
  encoder: 'h264_nvenc',
  available: 'libx264, h264_qsv',
  domain: 'bad/domain',
  value: 'a/b',
  preset: '4k',
  field: 'width',
  tried: '/usr/bin/ffmpeg',
  method: 'enterRoom',
  attempts: 20,
  exit: 1,
  status: 502,
  command: 's/c',
}

/** The words in en, ko and zh-CN, in that order; English is current again afterwards. */
function inEvery(error: Parameters<typeof errorMessage>[0], now?: number): string[] {
  const words = locales.map((locale) => {
    setLocale(locale)
    return errorMessage(error, now)
  })
  setLocale('en')
  return words
}

describe('every code has its own words', () => {
  it.each(Object.entries(codeTables))('%s: worded in ko, en and zh-CN', (_table, codes) => {
    for (const code of codes) {
      expect(hasWording(code), `code ${code}`).toBe(true)
      const [en, ko, zh] = inEvery({ code, message: SERVER_WORDS })
      for (const words of [en, ko, zh]) {
        expect(words, `code ${code}`).not.toContain(SERVER_WORDS)
        expect(words, `code ${code}`).not.toMatch(/[{}]/)
        expect(words?.trim(), `code ${code}`).not.toBe('')
      }
      expect(ko, `code ${code}`).not.toBe(en)
      expect(zh, `code ${code}`).not.toBe(en)
    }
  })

  const reasonsByCode: [string, number, readonly string[]][] = [
    ...Object.entries(errorReasons).map(([code, reasons]): [string, number, readonly string[]] => [
      code,
      Number(code),
      reasons,
    ]),
    ...Object.entries(StreamErrorReasons).map(
      ([name, reasons]): [string, number, readonly string[]] => [
        name,
        StreamErrorCode[name as keyof typeof StreamErrorCode],
        reasons,
      ],
    ),
  ]

  it.each(reasonsByCode)(
    '%s: each reason reads differently, in every locale',
    (_n, code, reasons) => {
      for (const locale of locales) {
        setLocale(locale)
        const sentences = reasons.map((reason) =>
          errorMessage({ code, message: SERVER_WORDS, params: { ...facts, reason } }),
        )
        for (const words of sentences) {
          expect(words).not.toContain(SERVER_WORDS)
          expect(words).not.toMatch(/[{}]/)
        }
        expect(new Set(sentences).size).toBe(reasons.length)
      }
    },
  )

  it('words every close code the room sends, never its reason text', () => {
    for (const code of Object.values(CloseCode)) {
      for (const locale of locales) {
        setLocale(locale)
        expect(closeMessage(code)).not.toBe(closeMessage(4999))
      }
    }
    setLocale('en')
    expect(closeMessage(CloseCode.replaced)).toBe(
      'You joined from another window or device, so this one was disconnected.',
    )
    expect(closeMessage(1006)).toBe('The connection to the room was lost.')
    expect(closeMessage(4999)).toBe('The connection closed (code 4999).')
    setLocale('ko')
    expect(closeMessage(CloseCode.goingAway)).toBe('방 서버가 종료되었습니다.')
  })
})

describe('errorMessage', () => {
  const now = new Date(2030, 0, 1, 12, 0, 0).getTime()

  it('says until when a muted sender may speak again, in the local time', () => {
    const until = new Date(2030, 0, 1, 13, 5, 9).getTime()
    expect(formatClock(until)).toBe('13:05:09')
    expect(inEvery({ code: 10017, message: 'muted', params: { muteUntil: until } }, now)).toEqual([
      'You are muted until 13:05:09.',
      '13:05:09까지 채팅이 금지되었습니다.',
      '你已被禁言至 13:05:09。',
    ])
    // Over a day away: the date too; no time, or a "permanent" one: no time shown.
    const later = new Date(2030, 0, 3, 9, 30).getTime()
    expect(errorMessage({ code: 10017, message: '', params: { muteUntil: later } }, now)).toBe(
      `You are muted until ${formatDateTime(later)}.`,
    )
    expect(errorMessage({ code: 10017, message: 'muted' })).toBe('You are muted in this room.')
    const forever = now + 4_294_967_295 * 1000
    expect(errorMessage({ code: 10017, message: '', params: { muteUntil: forever } }, now)).toBe(
      'You are muted in this room.',
    )
    expect(errorMessage({ code: 10017, message: '', params: { muteAll: 1 } })).toBe(
      'Chat is off for everyone except the host and admins.',
    )
  })

  it('tells a ban from other refusals by its end, and says when a flood block ends', () => {
    const until = new Date(2030, 0, 1, 13, 0, 0).getTime()
    expect(
      errorMessage({ code: 10007, message: 'banned', params: { bannedUntil: until } }, now),
    ).toBe('You are banned from this room until 13:00:00.')
    expect(errorMessage({ code: 10007, message: 'no' }, now)).toBe(
      'You do not have permission to do that.',
    )
    expect(
      inEvery({ code: 10023, message: 'slow', params: { retryAfter: now + 7_500 } }, now),
    ).toEqual([
      'Too many messages. Wait 8 s, then send again.',
      '메시지를 너무 자주 보냈습니다. 8초 후에 다시 보내세요.',
      '发送太频繁了，请 8 秒后再发。',
    ])
  })

  it.each([
    [80002, 'The message is too long.'],
    [10007, 'You do not have permission to do that.'],
    [10004, 'The room did not accept that request: something in it is missing or not valid.'],
    [1005, 'Not connected. Wait for the connection to come back, then try again.'],
    [6014, 'Not logged in.'],
    [70001, 'Your sign-in has expired. Join again.'],
    [70003, 'Your sign-in was not accepted. Join again.'],
  ])('maps %i to words a person can act on, never the server message', (code, words) => {
    expect(errorMessage({ code, message: 'GroupId is empty' })).toBe(words)
  })

  it('words a stream error from its params, in three languages', () => {
    const refused = { code: 1106, message: 'The push server 10.0.0.5:1935 refused …' }
    expect(inEvery({ ...refused, params: { host: '10.0.0.5:1935' } })).toEqual([
      'The push server (10.0.0.5:1935) refused the connection. Is the ingest running, and is the port right?',
      '푸시 서버(10.0.0.5:1935)가 연결을 거부했습니다. 수신 서버가 실행 중인지, 포트가 맞는지 확인하세요.',
      '推流服务器（10.0.0.5:1935）拒绝了连接，请确认接收服务正在运行且端口正确。',
    ])
    expect(errorMessage(refused)).toBe(
      'The push server refused the connection. Is the ingest running, and is the port right?',
    )
    const disk = {
      code: 1109,
      message: 'Only 120 MB free …',
      params: { reason: 'belowFloor', freeMb: 120, floorMb: 500, dir: '/rec' },
    }
    expect(inEvery(disk)).toEqual([
      'Only 120 MB is free on the recording disk (/rec); recording needs at least 500 MB. Free some space or record to another disk.',
      '녹화 디스크(/rec)에 남은 공간이 120 MB뿐입니다. 녹화하려면 500 MB 이상이 필요합니다. 공간을 확보하거나 다른 디스크에 녹화하세요.',
      '录制磁盘（/rec）仅剩 120 MB，录制至少需要 500 MB。请清理空间或录制到其他磁盘。',
    ])
    // A reason whose facts did not all come gets the code's general sentence.
    expect(errorMessage({ ...disk, params: { reason: 'belowFloor' } })).toBe(
      'The disk is full, so the recording stopped. Free some space or record to another disk.',
    )
    // So does a reason a newer main knows and this renderer does not.
    expect(errorMessage({ ...disk, params: { reason: 'quotaExceeded' } })).toBe(
      'The disk is full, so the recording stopped. Free some space or record to another disk.',
    )
  })

  it('names fields and encoders the way the Stage settings do', () => {
    expect(
      errorMessage({
        code: 1102,
        message: 'A custom profile needs a width',
        params: { reason: 'customRequired', field: 'width' },
      }),
    ).toBe('The custom profile is missing a value: Width (px).')
    setLocale('ko')
    expect(
      errorMessage({
        code: 1102,
        message: 'This ffmpeg has no h264_nvenc encoder',
        params: { reason: 'encoderMissing', encoder: 'h264_nvenc', available: 'libx264, h264_qsv' },
      }),
    ).toBe(
      '이 ffmpeg에는 NVIDIA NVENC 인코더가 없습니다. 다음 중에서 고르세요: x264 (소프트웨어), Intel Quick Sync',
    )
  })

  it("marks a third party's words as details and words the last problem of a give-up", () => {
    expect(
      errorMessage({
        code: 1107,
        message: 'rejected',
        params: { host: 'live.example.com', detail: 'Authentication failed.' },
      }),
    ).toBe(
      'The push server (live.example.com) rejected the stream. Check the stream key, or whether the signed URL has expired. (Details: Authentication failed.)',
    )
    setLocale('zh-CN')
    expect(
      errorMessage({
        code: 1112,
        message: 'Gave up',
        params: { reason: 'recordingContinues', attempts: 20, lastCode: 1106 },
      }),
    ).toBe(
      '尝试 20 次后已放弃推流，录制仍在继续。最后的问题：推流服务器拒绝了连接，请确认接收服务正在运行且端口正确。',
    )
  })

  it('words the console-side reasons of room codes', () => {
    expect(
      inEvery({
        code: 70003,
        message: 'The UserSig server (biz.example) could not be reached',
        params: { reason: 'userSigUnreachable', host: 'biz.example' },
      }),
    ).toEqual([
      'The UserSig server biz.example could not be reached. Check the UserSig URL and your network.',
      'UserSig 서버(biz.example)에 연결하지 못했습니다. UserSig URL과 네트워크를 확인하세요.',
      '无法连接 UserSig 服务器（biz.example），请检查 UserSig URL 和网络。',
    ])
    expect(errorMessage({ code: 60002, message: 'HTTP 502', params: { status: 502 } })).toBe(
      "The room's REST API answered HTTP 502. Check the REST API domain in Room connection settings.",
    )
    expect(errorMessage({ code: 60002, message: 'Frame is not valid JSON' })).toBe(
      'The room server could not read the request.',
    )
  })

  it("names an unknown code and quotes the server's words as the server's", () => {
    expect(inEvery({ code: 99999, message: 'Something odd' })).toEqual([
      'Error 99999 (the server says: “Something odd”)',
      '오류 99999 (서버 메시지: “Something odd”)',
      '错误 99999（服务器消息：“Something odd”）',
    ])
    expect(errorMessage({ code: 2024, message: 'Error 2024' })).toBe('Error 2024')
    expect(errorMessage({ code: 2024, message: '  ' })).toBe('Error 2024')
  })
})

describe('muteUntilOf', () => {
  it('reads data.muteUntil only when it is a number', () => {
    expect(muteUntilOf({ muteUntil: 5 })).toBe(5)
    expect(muteUntilOf({ muteUntil: '5' })).toBeUndefined()
    expect(muteUntilOf(undefined)).toBeUndefined()
  })
})
