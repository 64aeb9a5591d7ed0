import { MessageChannel } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import * as trtcDefine from 'trtc-electron-sdk/liteav/trtc_define'
import { rebuild, rebuildArgs, serveTrtcCloud } from '../../../src-main/console/stream/trtc-host'
import { openTrtcCloud, type TrtcHostMessage } from '../../../src-main/console/stream/trtc-rpc'
import { FakeTrtcCloud, nodeEndpoint, screenSource } from '../../support/fake-trtc-cloud'
import { manualClock } from '../../support/manual-clock'

/**
 * The TRTC host's protocol over a worker_threads MessageChannel (the postMessage and structured
 * clone of Electron's MessageChannelMain, whose runtime cannot run here), with the fake TRTCCloud
 * where the host window has the SDK's. The SDK's classes are its real ones (trtc_define.js).
 */
const channels: MessageChannel[] = []
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close()
    channel.port2.close()
  }
})

function channel() {
  const made = new MessageChannel()
  channels.push(made)
  return { main: nodeEndpoint(made.port1), host: nodeEndpoint(made.port2), raw: made }
}

/** Resolves with the first `count` messages that reach `endpoint`. */
function messages(endpoint: ReturnType<typeof nodeEndpoint>, count: number): Promise<unknown[]> {
  const got: unknown[] = []
  return new Promise((resolve) =>
    endpoint.onMessage((message) => {
      got.push(message)
      if (got.length === count) resolve(got)
    }),
  )
}

async function served(cloud = new FakeTrtcCloud()) {
  const { main, host, raw } = channel()
  serveTrtcCloud(host, cloud, trtcDefine)
  host.post({ kind: 'ready' } satisfies TrtcHostMessage)
  return { cloud, port: await openTrtcCloud(main), raw }
}

describe('the TRTC host: its allow-list', () => {
  it('refuses a method outside the allow-list, with the method named, and calls nothing', async () => {
    const { main, host } = channel()
    const cloud = new FakeTrtcCloud()
    serveTrtcCloud(host, cloud, trtcDefine)
    const answers = messages(main, 3)
    // What a port of ours never sends: a TRTCCloud method that is not on the list.
    main.post({ kind: 'call', id: 7, method: 'destroy', args: [] })
    main.post({ kind: 'call', id: 8, method: '__proto__', args: [] })
    main.post({ kind: 'call', id: 9, method: 'exitRoom', args: [] })
    expect(await answers).toEqual([
      { kind: 'error', id: 7, reason: 'refused', method: 'destroy', detail: 'not served' },
      { kind: 'error', id: 8, reason: 'refused', method: '__proto__', detail: 'not served' },
      { kind: 'result', id: 9, value: null },
    ])
    expect(cloud.methods()).toEqual(['exitRoom'])
  })

  it('drops what is not a call, and answers the next call', async () => {
    const { main, host } = channel()
    const cloud = new FakeTrtcCloud()
    const logged: string[] = []
    serveTrtcCloud(host, cloud, trtcDefine, (line) => logged.push(line))
    const answers = messages(main, 1)
    main.post({ kind: 'call', id: 'x', method: 'exitRoom', args: [] })
    main.post({ kind: 'call', id: 2, method: 'exitRoom', args: 'no' })
    main.post({ kind: 'call', id: 3, method: 'stopLocalAudio', args: [] })
    // Messages keep their order: the two before it were dropped, not answered later.
    expect(await answers).toEqual([{ kind: 'result', id: 3, value: null }])
    expect(logged).toHaveLength(2)
    expect(cloud.methods()).toEqual(['stopLocalAudio'])
  })
})

describe('the TRTC host: answers and callbacks across the port', () => {
  it('answers the device lists with what the SDK returned, ArrayBuffers included', async () => {
    const { port } = await served()
    expect(await port.getCameraDevicesList()).toEqual([
      { deviceId: 'cam-1', deviceName: 'FaceTime HD', deviceProperties: {} },
    ])
    const [screen] = await port.getScreenCaptureSources(0, 0, 0, 0)
    expect(screen?.thumbBGRA.buffer).toBeInstanceOf(ArrayBuffer)
    expect(screen).toMatchObject({ sourceId: 'screen-2', isMainScreen: false })
  })

  it('forwards an SDK callback with its arguments, cloned', async () => {
    const { cloud, port } = await served()
    const got = new Promise<unknown[]>((resolve) =>
      port.on('onCdnStreamStateChanged', (...args: unknown[]) => resolve(args)),
    )
    cloud.fire('onCdnStreamStateChanged', 'rtmp://push/live/a', 2, 0, 'pushing')
    expect(await got).toEqual(['rtmp://push/live/a', 2, 0, 'pushing'])
  })

  it('an SDK that throws answers the call with TRTC_HOST_FAILED/threw and its words', async () => {
    const cloud = new FakeTrtcCloud()
    cloud.exitRoom = () => {
      throw new Error('not in a room')
    }
    const { port } = await served(cloud)
    await expect(port.exitRoom()).rejects.toMatchObject({
      code: 1118,
      params: { reason: 'threw', method: 'exitRoom', detail: 'not in a room' },
    })
    // The host is still there: the next call is answered.
    expect(await port.stopLocalAudio()).toBeNull()
  })

  it('a call not answered in time loses the host: it and every later call reject, onHostLost once', async () => {
    const { main, host } = channel()
    serveTrtcCloud(host, new FakeTrtcCloud(), trtcDefine)
    host.post({ kind: 'ready' } satisfies TrtcHostMessage)
    const clock = manualClock()
    const port = await openTrtcCloud(main, { clock, timeoutMs: 5000 })
    const lost: unknown[] = []
    port.onHostLost((error) => lost.push(error.params))
    host.mute()
    const first = port.stopLocalPreview()
    const second = port.stopLocalAudio()
    clock.advance(5000)
    await expect(first).rejects.toMatchObject({
      params: { reason: 'noAnswer', method: 'stopLocalPreview' },
    })
    // Lost with the first call: the second waited on the same host.
    await expect(second).rejects.toMatchObject({ params: { reason: 'noAnswer' } })
    await expect(port.exitRoom()).rejects.toMatchObject({ params: { reason: 'noAnswer' } })
    expect(lost).toEqual([{ reason: 'noAnswer', method: 'stopLocalPreview' }])
  })
})

describe('opening the TRTC host', () => {
  it('a host whose require() threw is TRTC_UNAVAILABLE/loadFailed with its words', async () => {
    const { main, host } = channel()
    host.post({ kind: 'loadFailed', detail: 'trtc_electron_sdk.node: wrong ELF class' })
    await expect(openTrtcCloud(main)).rejects.toMatchObject({
      key: 'TRTC_UNAVAILABLE',
      params: { reason: 'loadFailed', detail: 'trtc_electron_sdk.node: wrong ELF class' },
    })
  })

  it('a host that never says ready is TRTC_HOST_FAILED/noAnswer', async () => {
    const { main } = channel()
    const clock = manualClock()
    const opening = openTrtcCloud(main, { clock, timeoutMs: 10_000 })
    clock.advance(10_000)
    await expect(opening).rejects.toMatchObject({
      key: 'TRTC_HOST_FAILED',
      params: { reason: 'noAnswer', method: 'load' },
    })
  })

  it('a host window that closes while loading is TRTC_HOST_FAILED/closed', async () => {
    const { main, raw } = channel()
    const opening = openTrtcCloud(main)
    raw.port2.close()
    await expect(opening).rejects.toMatchObject({ params: { reason: 'closed' } })
  })
})

describe("rebuilding the SDK's class arguments from plain data", () => {
  it('makes TRTCParams with the given fields, so trtc.js takes it (instanceof)', () => {
    const plain = structuredClone(
      new trtcDefine.TRTCParams(1400000001, 'anchor', 'sig', 0, 'g1'),
    ) as object
    expect(plain).not.toBeInstanceOf(trtcDefine.TRTCParams)
    const params = rebuild(trtcDefine, 'TRTCParams', plain)
    expect(params).toBeInstanceOf(trtcDefine.TRTCParams)
    expect(params).toMatchObject({ sdkAppId: 1400000001, userId: 'anchor', strRoomId: 'g1' })
  })

  it("keeps the class's defaults for fields not given, and leaves out keys the class does not have", () => {
    const enc = rebuild(trtcDefine, 'TRTCVideoEncParam', {
      videoResolution: trtcDefine.TRTCVideoResolution.TRTCVideoResolution_1920_1080,
      videoFps: 30,
      injected: 'x',
    })
    const defaults = new trtcDefine.TRTCVideoEncParam()
    expect(enc).toBeInstanceOf(trtcDefine.TRTCVideoEncParam)
    expect(enc.videoFps).toBe(30)
    expect(enc.videoBitrate).toBe(defaults.videoBitrate)
    expect(enc.complexity).toBe(defaults.complexity)
    expect(enc).not.toHaveProperty('injected')
  })

  it('rebuilds only the class positions of each call, and leaves plain data and null as they are', () => {
    const source = screenSource('screen-1', 'Display 1', true)
    const [target, rect, property] = rebuildArgs(trtcDefine, 'selectScreenCaptureTarget', [
      source,
      { left: 0, top: 0, right: 0, bottom: 0 },
      { enableCaptureMouse: true, enableHighLight: false },
    ])
    expect(target).toBe(source)
    expect(rect).toBeInstanceOf(trtcDefine.Rect)
    expect(property).toBeInstanceOf(trtcDefine.TRTCScreenCaptureProperty)
    expect(property).toMatchObject({ enableCaptureMouse: true, enableHighLight: false })
    const [view, stream, enc] = rebuildArgs(trtcDefine, 'startScreenCapture', [null, 0, {}])
    expect(view).toBeNull()
    expect(stream).toBe(0)
    expect(enc).toBeInstanceOf(trtcDefine.TRTCVideoEncParam)
    const publish = [{ mode: 1 }, { videoEncodedFPS: 30 }, null]
    expect(rebuildArgs(trtcDefine, 'startPublishMediaStream', publish)).toBe(publish)
  })
})
