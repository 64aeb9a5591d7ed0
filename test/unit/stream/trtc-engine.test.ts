import { afterEach, describe, expect, it } from 'vitest'
import * as trtcDefine from 'trtc-electron-sdk/liteav/trtc_define'
import type { StreamSettingsInput, StreamStatus } from '../../../src-shared/contract/stream'
import { cssPushUrl } from '../../../src-main/console/stream/css-url'
import { streamErrorName } from '../../../src-main/console/stream/stream-error'
import { TrtcEngine } from '../../../src-main/console/stream/trtc-engine'
import type { Clock } from '../../../src-main/common/clock'
import { manualClock } from '../../support/manual-clock'
import { FakeTrtcCloud, statistics, trtcOverRpc } from '../../support/fake-trtc-cloud'

/**
 * The engine drives the fake TRTCCloud through the real port: main's side of trtc-rpc.ts, the
 * host's side of trtc-host.ts, over a worker_threads MessageChannel (the same postMessage and
 * structured clone as Electron's MessageChannelMain, whose runtime cannot run here). The SDK
 * itself cannot load here (no Electron, no native module): nothing in these tests pushes
 * through TRTC.
 */
const channels: Array<() => void> = []
afterEach(() => {
  for (const close of channels.splice(0)) close()
})

const pushUrl = cssPushUrl({
  domain: 'push.example.com',
  stream: 'room1',
  key: 'push-key-secret',
  expires: new Date(Date.UTC(2030, 0, 1)),
})

const camera: StreamSettingsInput = {
  source: { kind: 'camera', video: 'FaceTime HD', audio: 'mic-1' },
  profile: { preset: '720p30' },
  push: { url: pushUrl },
}

function setup(options: { sizes?: Record<string, number>; rpcClock?: Clock } = {}) {
  const cloud = new FakeTrtcCloud()
  const clock = manualClock()
  const states: StreamStatus['state'][] = []
  const rpc = trtcOverRpc(cloud, { clock: options.rpcClock })
  channels.push(rpc.close)
  const engine = new TrtcEngine({
    sdk: rpc.sdk,
    identity: () =>
      Promise.resolve({ sdkAppId: 1400000001, userId: 'anchor', userSig: 'sig', strRoomId: 'g1' }),
    clock,
    fileSize: (path) => options.sizes?.[path] ?? null,
  })
  engine.onStatus((s) => {
    if (states.at(-1) !== s.state) states.push(s.state)
  })
  return { cloud, clock, engine, states, rpc, fire: rpc.fire }
}

/** Starts and answers as TRTC does when all goes well: entered in 180 ms, relay task task-1. */
async function goLive(
  { cloud, engine, fire }: ReturnType<typeof setup>,
  settings: StreamSettingsInput = camera,
) {
  const started = engine.start(settings)
  await cloud.called('enterRoom')
  await fire('onEnterRoom', 180)
  await cloud.called('startPublishMediaStream')
  await fire('onStartPublishMediaStream', 'task-1', 0, 'ok', '')
  return started
}

/** The engine left the room: TRTC confirms with onExitRoom(0). */
async function confirmExit({ cloud, fire }: { cloud: FakeTrtcCloud; fire: Fire }) {
  await cloud.called('exitRoom')
  await fire('onExitRoom', 0)
}
type Fire = ReturnType<typeof setup>['fire']

/** The engine's teardown awaits each of its calls to the host: wait for it to be stopped. */
function untilStopped(engine: TrtcEngine): Promise<void> {
  return new Promise((resolve) => {
    if (engine.status().state === 'stopped') return resolve()
    const off = engine.onStatus((status) => {
      if (status.state !== 'stopped') return
      off()
      resolve()
    })
  })
}

function errorName(status: StreamStatus) {
  return status.lastError ? streamErrorName(status.lastError.code) : undefined
}

describe('TRTC engine: entering the room and publishing', () => {
  it('enters as the anchor in the LIVE scene and relays the big stream to the signed CSS URL', async () => {
    const t = setup()
    const status = await goLive(t)
    const { cloud } = t

    expect(status.state).toBe('started')
    const secret = new URL(pushUrl).searchParams.get('txSecret') ?? 'missing'
    expect(status.push).toEqual({
      url: expect.not.stringContaining(secret) as string,
      active: true,
    })
    expect(t.states).toEqual(['starting', 'started'])
    const [params, scene] = cloud.args('enterRoom') ?? []
    expect(scene).toBe(trtcDefine.TRTCAppScene.TRTCAppSceneLIVE)
    // Rebuilt in the host with the SDK's own class: trtc.js checks `instanceof TRTCParams`.
    expect(params).toBeInstanceOf(trtcDefine.TRTCParams)
    expect(params).toEqual({
      sdkAppId: 1400000001,
      userId: 'anchor',
      userSig: 'sig',
      roomId: 0,
      strRoomId: 'g1',
      role: trtcDefine.TRTCRoleType.TRTCRoleAnchor,
      privateMapKey: null,
      businessInfo: null,
      streamId: null,
      userDefineRecordId: null,
    })
    // The camera by its name, the microphone by its id, through the SDK's device lists.
    expect(cloud.args('setCurrentCameraDevice')).toEqual(['cam-1'])
    expect(cloud.args('setCurrentMicDevice')).toEqual(['mic-1'])
    expect(cloud.args('startLocalAudio')).toEqual([
      trtcDefine.TRTCAudioQuality.TRTCAudioQualityMusic,
    ])
    const [encParam] = cloud.args('setVideoEncoderParam') ?? []
    expect(encParam).toBeInstanceOf(trtcDefine.TRTCVideoEncParam)
    expect([encParam]).toMatchObject([
      {
        videoResolution: trtcDefine.TRTCVideoResolution.TRTCVideoResolution_1280_720,
        resMode: trtcDefine.TRTCVideoResolutionMode.TRTCVideoResolutionModeLandscape,
        videoFps: 30,
        videoBitrate: 2500,
        minVideoBitrate: 1250,
        enableAdjustRes: false,
      },
    ])
    const [target, encoder, mixing] = cloud.args('startPublishMediaStream') ?? []
    expect(target).toEqual({
      mode: trtcDefine.TRTCPublishMode.TRTCPublishBigStreamToCdn,
      cdnUrlList: [{ rtmpUrl: pushUrl, isInternalLine: true }],
      mixStreamIdentity: { userId: '', intRoomId: 0, strRoomId: '' },
    })
    expect(encoder).toMatchObject({
      videoEncodedWidth: 1280,
      videoEncodedHeight: 720,
      videoEncodedFPS: 30,
      videoEncodedGOP: 2,
      videoEncodedKbps: 2500,
      audioEncodedSampleRate: 48000,
      audioEncodedKbps: 128,
    })
    expect(mixing).toBeNull()
    // Publishing waits for the room: enterRoom comes before the relay request.
    expect(cloud.methods().indexOf('enterRoom')).toBeLessThan(
      cloud.methods().indexOf('startPublishMediaStream'),
    )
  })

  it.each([
    [-3320, 'userSig'],
    [-70001, 'userSig'],
    [-100013, 'account'],
    [-3318, 'params'],
    [-3308, 'network'],
  ])(
    'onEnterRoom(%i) fails the start as TRTC_ENTER_ROOM_FAILED/%s and leaves the room',
    async (code, reason) => {
      const { cloud, engine, states, fire } = setup()
      const started = engine.start(camera)
      await cloud.called('enterRoom')
      await fire('onEnterRoom', code)
      // From SDK 6.6 on, onError follows a failed enter; it must not count twice.
      await fire('onError', code, 'enter failed')
      await confirmExit({ cloud, fire })
      await expect(started).rejects.toMatchObject({
        key: 'TRTC_ENTER_ROOM_FAILED',
        params: { reason, trtcCode: code },
      })
      expect(engine.status().state).toBe('stopped')
      expect(errorName(engine.status())).toBe('TRTC_ENTER_ROOM_FAILED')
      expect(cloud.methods()).not.toContain('startPublishMediaStream')
      expect(states).toEqual(['starting', 'stopping', 'stopped'])
    },
  )

  it('a relay TRTC refuses (onStartPublishMediaStream code ≠ 0) fails the start and leaves the room', async () => {
    const { cloud, engine, fire } = setup()
    const started = engine.start(camera)
    await cloud.called('enterRoom')
    await fire('onEnterRoom', 90)
    await cloud.called('startPublishMediaStream')
    await fire('onStartPublishMediaStream', '', -102023, 'invalid parameter', '')
    await confirmExit({ cloud, fire })
    await expect(started).rejects.toMatchObject({
      key: 'TRTC_PUBLISH_FAILED',
      params: { reason: 'refused', trtcCode: -102023, detail: 'invalid parameter' },
    })
    expect(engine.status().push).toEqual({ url: expect.any(String) as string, active: false })
    expect(cloud.methods()).not.toContain('stopPublishMediaStream')
  })

  it('an enterRoom TRTC never answers times out as a network failure', async () => {
    const { cloud, clock, engine, fire } = setup()
    const started = engine.start(camera)
    const outcome = started.catch((e: unknown) => e)
    await cloud.called('enterRoom')
    clock.advance(15_000)
    await confirmExit({ cloud, fire })
    expect(await outcome).toMatchObject({
      key: 'TRTC_ENTER_ROOM_FAILED',
      params: { reason: 'network' },
    })
  })

  it('refuses sources and sizes TRTC cannot take before touching the SDK', async () => {
    const { cloud, engine } = setup()
    await expect(
      engine.start({ ...camera, source: { kind: 'test-pattern' } }),
    ).rejects.toMatchObject({ key: 'STREAM_INVALID_SETTINGS', params: { reason: 'trtcSource' } })
    await expect(
      engine.start({
        ...camera,
        profile: { preset: 'custom', width: 1000, height: 700, fps: 30, videoBitrateKbps: 2000 },
      }),
    ).rejects.toMatchObject({
      key: 'STREAM_INVALID_SETTINGS',
      params: { reason: 'trtcResolution', width: 1000, height: 700 },
    })
    await expect(engine.start({ ...camera, push: undefined })).rejects.toMatchObject({
      key: 'STREAM_INVALID_SETTINGS',
    })
    expect(cloud.calls).toEqual([])
    expect(engine.status().state).toBe('stopped')
  })

  it('a camera the SDK does not list is refused as an unavailable device', async () => {
    const t = setup()
    t.cloud.cameras = []
    await expect(t.engine.start(camera)).rejects.toMatchObject({
      key: 'STREAM_DEVICE_UNAVAILABLE',
      params: { device: 'FaceTime HD' },
    })
    expect(t.cloud.methods()).not.toContain('enterRoom')
    expect(t.cloud.methods()).not.toContain('exitRoom')
    expect(t.engine.status().state).toBe('stopped')
  })

  it('captures the main screen whole, as the big stream, with the system sound when asked', async () => {
    const t = setup()
    await goLive(t, { ...camera, source: { kind: 'screen', withAudio: true } })
    const [source, rect] = t.cloud.args('selectScreenCaptureTarget') ?? []
    expect(source).toMatchObject({ sourceId: 'screen-1', isMainScreen: true })
    expect(rect).toEqual({ left: 0, top: 0, right: 0, bottom: 0 })
    const [view, streamType] = t.cloud.args('startScreenCapture') ?? []
    expect(view).toBeNull()
    expect(streamType).toBe(trtcDefine.TRTCVideoStreamType.TRTCVideoStreamTypeBig)
    expect(t.cloud.methods()).toContain('startSystemAudioLoopback')
    expect(t.cloud.methods()).not.toContain('startLocalPreview')
  })
})

describe('TRTC engine: statistics and network quality → health', () => {
  it('maps onStatistics and onNetworkQuality to fps, bitrate, CPU, bytes, loss, RTT and quality', async () => {
    const t = setup()
    await goLive(t)
    t.clock.advance(4000)
    await t.fire(
      'onNetworkQuality',
      { userId: '', quality: trtcDefine.TRTCQuality.TRTCQuality_Good },
      [],
    )
    await t.fire(
      'onStatistics',
      statistics(
        { frameRate: 29, videoBitrate: 2380, audioBitrate: 126 },
        { appCpu: 17, upLoss: 3, rtt: 85, sentBytes: 1_250_000 },
      ),
    )
    expect(t.engine.status().health).toEqual({
      fps: 29,
      bitrateKbps: 2506,
      droppedFrames: 0,
      skippedFrames: 0,
      totalFrames: 0,
      speed: null,
      bytesOut: 1_250_000,
      durationMs: 4000,
      cpuPercent: 17,
      network: { upLossPercent: 3, rttMs: 85, quality: 'good' },
    })
    await t.fire(
      'onNetworkQuality',
      { userId: '', quality: trtcDefine.TRTCQuality.TRTCQuality_Down },
      [],
    )
    expect(t.engine.status().health?.network?.quality).toBe('down')
    await t.fire(
      'onNetworkQuality',
      { userId: '', quality: trtcDefine.TRTCQuality.TRTCQuality_Unknown },
      [],
    )
    expect(t.engine.status().health?.network?.quality).toBeNull()
  })

  it('reads the big stream when the screen share adds a sub stream', async () => {
    const t = setup()
    await goLive(t)
    const stats = statistics({ frameRate: 30 })
    stats.localStatisticsArray.unshift({
      ...stats.localStatisticsArray[0]!,
      frameRate: 10,
      streamType: trtcDefine.TRTCVideoStreamType.TRTCVideoStreamTypeSub,
    })
    await t.fire('onStatistics', stats)
    expect(t.engine.status().health?.fps).toBe(30)
  })
})

describe('TRTC engine: reconnection, warnings, errors and exits → states', () => {
  it('onConnectionLost / onTryToReconnect / onConnectionRecovery are reconnecting, attempts, started', async () => {
    const t = setup()
    await goLive(t)
    await t.fire('onConnectionLost')
    let status = t.engine.status()
    expect(status).toMatchObject({
      state: 'reconnecting',
      outputActive: true,
      outputReconnecting: true,
    })
    expect(status.push?.active).toBe(false)
    await t.fire('onTryToReconnect')
    await t.fire('onTryToReconnect')
    expect(t.engine.status().attempt).toBe(2)
    await t.fire('onConnectionRecovery')
    status = t.engine.status()
    expect(status).toMatchObject({
      state: 'started',
      attempt: 0,
      reconnects: 1,
      outputReconnecting: false,
    })
    expect(status.push?.active).toBe(true)
    expect(t.states).toEqual(['starting', 'started', 'reconnecting', 'started'])
  })

  it("TRTC's relay to CSS recovering (3) and back (2) is a reconnect; failed (4) ends the stream", async () => {
    const t = setup()
    await goLive(t)
    await t.fire('onCdnStreamStateChanged', pushUrl, 3, 0, 'recovering')
    expect(t.engine.status().state).toBe('reconnecting')
    await t.fire('onCdnStreamStateChanged', pushUrl, 2, 0, 'pushing')
    expect(t.engine.status()).toMatchObject({ state: 'started', reconnects: 1 })
    await t.fire('onCdnStreamStateChanged', pushUrl, 4, -1, 'timeout')
    await confirmExit(t)
    await t.cloud.called('exitRoom')
    expect(t.engine.status().state).toBe('stopped')
    expect(t.engine.status().lastError).toMatchObject({ params: { reason: 'relayLost' } })
  })

  it('a warning is logged and changes nothing', async () => {
    const t = setup()
    await goLive(t)
    const before = t.engine.status()
    await t.fire('onWarning', 1101, 'network busy', null)
    expect(t.engine.status()).toEqual(before)
  })

  it.each([
    [-1301, 'STREAM_DEVICE_UNAVAILABLE', { device: 'camera' }],
    [-1302, 'STREAM_DEVICE_UNAVAILABLE', { device: 'microphone' }],
    [-1303, 'STREAM_ENCODER_FAILED', {}],
    [-3323, 'TRTC_PUBLISH_FAILED', { reason: 'refused' }],
    [-3302, 'TRTC_ENTER_ROOM_FAILED', { reason: 'network' }],
    [-99999, 'STREAM_FAILED', {}],
  ])('onError(%i) while live stops the stream as %s', async (code, name, params) => {
    const t = setup()
    await goLive(t)
    await t.fire('onError', code, 'sdk words')
    await confirmExit(t)
    await untilStopped(t.engine)
    const status = t.engine.status()
    expect(status.state).toBe('stopped')
    expect(errorName(status)).toBe(name)
    expect(status.lastError?.params).toMatchObject({
      ...params,
      trtcCode: code,
      detail: 'sdk words',
    })
    expect(t.cloud.args('stopPublishMediaStream')).toEqual(['task-1'])
  })

  it.each([
    [1, 'kicked'],
    [2, 'dismissed'],
  ])(
    'onExitRoom(%i) while live is TRTC_EXITED/%s, without another exitRoom',
    async (reason, word) => {
      const t = setup()
      await goLive(t)
      await t.fire('onExitRoom', reason)
      await untilStopped(t.engine)
      const status = t.engine.status()
      expect(status.state).toBe('stopped')
      expect(status.lastError).toMatchObject({ params: { reason: word } })
      expect(t.cloud.methods()).not.toContain('exitRoom')
    },
  )

  it('a stop while entering the room leaves it once, and the start rejects', async () => {
    const t = setup()
    const started = t.engine.start(camera)
    const outcome = started.catch((e: unknown) => e)
    await t.cloud.called('enterRoom')
    const stopping = t.engine.stop()
    await confirmExit(t)
    expect((await stopping).state).toBe('stopped')
    expect(await outcome).toBeInstanceOf(Error)
    expect(t.cloud.methods().filter((m) => m === 'exitRoom')).toHaveLength(1)
    expect(t.cloud.methods()).not.toContain('startPublishMediaStream')
  })

  it('stop ends the relay task and the capture, leaves the room, and is stopped at onExitRoom(0)', async () => {
    const t = setup()
    await goLive(t)
    const stopping = t.engine.stop()
    expect(t.engine.status().state).toBe('stopping')
    await confirmExit(t)
    const status = await stopping
    expect(status).toMatchObject({ state: 'stopped', outputActive: false, lastError: null })
    expect(t.cloud.args('stopPublishMediaStream')).toEqual(['task-1'])
    expect(t.cloud.methods()).toEqual(
      expect.arrayContaining(['stopLocalPreview', 'stopLocalAudio']),
    )
    // After the stop, SDK callbacks reach nobody.
    expect(t.rpc.listenerCount('onStatistics')).toBe(0)
  })
})

describe('TRTC engine: local recording through the SDK', () => {
  it('records to MP4 with the SDK, sizes it from onLocalRecording, and ends at onLocalRecordComplete', async () => {
    const file = '/rec/show.mp4'
    const t = setup({ sizes: { [file]: 4096 } })
    const live = goLive(t, { ...camera, record: { path: '/rec/show.mkv', format: 'mkv' } })
    await t.cloud.called('startLocalRecording')
    expect(t.cloud.args('startLocalRecording')).toEqual([
      { filePath: file, recordType: trtcDefine.TRTCRecordType.TRTCRecordTypeBoth, interval: 1000 },
    ])
    await t.fire('onLocalRecordBegin', 0, file)
    const status = await live
    expect(status.recording).toMatchObject({ path: file, active: true })
    await t.fire('onLocalRecording', 1000, file)
    expect(t.engine.status().recording?.bytes).toBe(4096)
    const stopped = t.engine.stopRecording()
    await t.cloud.called('stopLocalRecording')
    await t.fire('onLocalRecordComplete', 0, file)
    expect((await stopped).recording).toMatchObject({ active: false, bytes: 4096 })
    expect(t.engine.status().push?.active).toBe(true)
    expect(t.engine.recordedFiles()).toEqual([file])
  })

  it('a recording the SDK cannot begin leaves the push live and says why', async () => {
    const t = setup()
    const live = goLive(t, { ...camera, record: { path: '/rec/show.mp4' } })
    await t.cloud.called('startLocalRecording')
    await t.fire('onLocalRecordBegin', -1, '/rec/show.mp4')
    const status = await live
    expect(status.state).toBe('started')
    expect(status.recording?.active).toBe(false)
    expect(status.lastError).toMatchObject({ params: { reason: 'trtcRecord', trtcCode: -1 } })
  })
})

describe('TRTC engine: the host window that runs the SDK', () => {
  it('a host that stops answering fails the call after its timeout, and the live stream stops as TRTC_HOST_FAILED/noAnswer', async () => {
    const rpcClock = manualClock()
    const t = setup({ rpcClock })
    await goLive(t)
    t.rpc.hang()
    const switching = t.engine.switchSource({ kind: 'screen' }).catch((e: unknown) => e)
    // The call waits on the host's answer, which does not come.
    await new Promise((resolve) => setImmediate(resolve))
    expect(t.engine.status().state).toBe('started')
    rpcClock.advance(10_000)
    expect(await switching).toMatchObject({
      key: 'TRTC_HOST_FAILED',
      params: { reason: 'noAnswer', method: 'stopLocalPreview' },
    })
    await untilStopped(t.engine)
    const status = t.engine.status()
    expect(errorName(status)).toBe('TRTC_HOST_FAILED')
    expect(status.lastError?.params).toMatchObject({ reason: 'noAnswer' })
    expect(status.push?.active).toBe(false)
    // Nothing more was asked of the lost host: no exitRoom reached it.
    expect(t.cloud.methods()).not.toContain('exitRoom')
  })

  it('a host window that goes away while live stops the stream as TRTC_HOST_FAILED/closed without waiting for onExitRoom', async () => {
    const t = setup()
    await goLive(t)
    t.rpc.close()
    await untilStopped(t.engine)
    expect(t.engine.status().lastError).toMatchObject({
      code: 1118,
      params: { reason: 'closed' },
    })
    // The next Go live asks the (gone) host again and is refused with the same words.
    await expect(t.engine.start(camera)).rejects.toMatchObject({
      key: 'TRTC_HOST_FAILED',
      params: { reason: 'closed' },
    })
    expect(t.engine.status().state).toBe('stopped')
  })

  it('a host window that goes away while entering fails the start with TRTC_HOST_FAILED', async () => {
    const t = setup()
    const started = t.engine.start(camera)
    await t.cloud.called('enterRoom')
    t.rpc.close()
    await expect(started).rejects.toMatchObject({
      key: 'TRTC_HOST_FAILED',
      params: { reason: 'closed' },
    })
    expect(t.engine.status().state).toBe('stopped')
  })

  it('a call the SDK throws on fails the start with its words, and the room is left', async () => {
    const t = setup()
    t.cloud.startLocalPreview = () => {
      throw new Error('camera busy')
    }
    const started = t.engine.start(camera)
    await expect(started).rejects.toMatchObject({
      key: 'TRTC_HOST_FAILED',
      params: { reason: 'threw', method: 'startLocalPreview', detail: 'camera busy' },
    })
    expect(t.cloud.methods()).not.toContain('enterRoom')
    expect(t.engine.status().state).toBe('stopped')
  })
})
