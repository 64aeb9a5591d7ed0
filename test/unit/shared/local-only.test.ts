import { describe, expect, it } from 'vitest'
import {
  RoomConnectionSettings,
  StageSettings,
  connectionLocalOnlyChanges,
  isTencentRestBaseUrl,
  stageLocalOnlyChanges,
} from '../../../src-shared/contract'

const stage = StageSettings.parse({
  source: { kind: 'test-pattern' },
  profile: { preset: '720p30' },
  target: { kind: 'rtmp', url: 'rtmp://live.example.com/app' },
  record: { dir: '/home/anchor/Videos' },
  overlays: [{ kind: 'image', path: '/opt/livedesk/watermark.png' }],
})

describe('local-only settings (issue 9 §5)', () => {
  it('names each Stage field that runs a program, reads a file here or says where the key goes', () => {
    const changed = (over: Partial<StageSettings>) =>
      stageLocalOnlyChanges(stage, StageSettings.parse({ ...stage, ...over }))
    expect(changed({ profile: { ...stage.profile, preset: '1080p60' } })).toEqual([])
    expect(changed({ record: { ...stage.record, fileName: 'show-{date}' } })).toEqual([])
    expect(changed({ ffmpegPath: '/tmp/x' })).toEqual(['ffmpegPath'])
    expect(changed({ source: { kind: 'file', path: '/etc/passwd' } })).toEqual(['source.path'])
    // Leaving a file source for the test pattern reads nothing.
    expect(changed({ source: { kind: 'test-pattern', clock: true } })).toEqual([])
    expect(changed({ overlays: [] })).toEqual(['overlays.image'])
    expect(changed({ record: { ...stage.record, dir: '/tmp' } })).toEqual(['record.dir'])
    expect(changed({ target: { kind: 'rtmp', url: 'rtmp://evil.example/app' } })).toEqual([
      'target.destination',
    ])
    expect(changed({ target: { kind: 'embedded' } })).toEqual(['target.destination'])
    // A file behind picture in picture, or in a saved scene, is a file here too.
    const pip = (path: string) => ({
      kind: 'pip' as const,
      main: { kind: 'test-pattern' as const, clock: true },
      inset: { kind: 'image' as const, path },
      corner: 'bottom-right' as const,
      size: 0.3,
    })
    expect(changed({ source: pip('/home/anchor/.ssh/id_rsa') })).toEqual(['source.path'])
    expect(changed({ scenes: [{ id: 's1', name: 'Intro', source: pip('/etc/shadow') }] })).toEqual([
      'source.path',
    ])
    // Switching among the saved ones changes nothing here.
    const saved = StageSettings.parse({
      ...stage,
      scenes: [{ id: 's1', name: 'Intro', source: { kind: 'file', path: '/v/intro.mp4' } }],
    })
    expect(
      stageLocalOnlyChanges(saved, {
        ...saved,
        source: { kind: 'file', path: '/v/intro.mp4' },
        scene: 's1',
      }),
    ).toEqual([])
  })

  it('names the room connection URLs, and lets the rest through', () => {
    const tencent = {
      sdkAppId: 1400000001,
      groupId: '@TGS#a1',
      userId: 'anchor',
      restBaseUrl: 'https://adminapikr.im.qcloud.com',
    }
    const before = RoomConnectionSettings.parse({ backend: 'tencent', tencent })
    const after = (over: object) =>
      RoomConnectionSettings.parse({ backend: 'tencent', tencent: { ...tencent, ...over } })
    expect(connectionLocalOnlyChanges(before, after({ groupId: '@TGS#a2' }))).toEqual([])
    expect(
      connectionLocalOnlyChanges(
        before,
        after({ restBaseUrl: 'https://adminapisgp.im.qcloud.com' }),
      ),
    ).toEqual(['tencent.restBaseUrl'])
    expect(
      connectionLocalOnlyChanges(before, after({ userSigUrl: 'https://evil.example/sig' })),
    ).toEqual(['tencent.userSigUrl'])
    expect(connectionLocalOnlyChanges(before, { backend: 'embedded' })).toEqual([])
    // Tencent chosen from the embedded room names URLs that were not there: local-only.
    expect(connectionLocalOnlyChanges({ backend: 'embedded' }, before)).toEqual([
      'tencent.restBaseUrl',
    ])
  })

  it("takes only Tencent's REST domains over https, unless a custom server is chosen", () => {
    expect(isTencentRestBaseUrl('https://adminapisgp.im.qcloud.com')).toBe(true)
    expect(isTencentRestBaseUrl('https://adminapisgp.im.qcloud.com/')).toBe(true)
    for (const url of [
      'http://adminapisgp.im.qcloud.com',
      'https://adminapisgp.im.qcloud.com.evil.example',
      'https://user:pw@adminapisgp.im.qcloud.com',
      'https://adminapisgp.im.qcloud.com/v4?x',
      'https://evil.example',
    ]) {
      expect([url, isTencentRestBaseUrl(url)]).toEqual([url, false])
    }
    const settings = (over: object) =>
      RoomConnectionSettings.safeParse({
        backend: 'tencent',
        tencent: { sdkAppId: 1400000001, groupId: 'g', userId: 'anchor', ...over },
      })
    expect(settings({ restBaseUrl: 'http://127.0.0.1:8090' })).toMatchObject({ success: false })
    expect(
      settings({ restBaseUrl: 'http://127.0.0.1:8090', customRestBaseUrl: true }),
    ).toMatchObject({ success: true })
    expect(settings({})).toMatchObject({
      success: true,
      data: { tencent: { restBaseUrl: 'https://console.tim.qq.com', customRestBaseUrl: false } },
    })
  })
})
