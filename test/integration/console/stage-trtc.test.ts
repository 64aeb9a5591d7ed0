import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MessageChannel } from 'node:worker_threads'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as trtcDefine from 'trtc-electron-sdk/liteav/trtc_define'
import type { StageSettings, StageSnapshot } from '../../../src-shared/contract/stage'
import type { StreamStatus } from '../../../src-shared/contract/stream'
import { txSecret } from '../../../src-main/console/stream/css-url'
import { FileSecretStore } from '../../../src-main/console/secret-store'
import { openConsoleDatabase, type Db } from '../../../src-main/console/store/database'
import { SettingsStore } from '../../../src-main/console/store/settings'
import {
  StageService,
  type StageServiceOptions,
} from '../../../src-main/console/stream/stage-service'
import { openTrtcCloud } from '../../../src-main/console/stream/trtc-rpc'
import {
  FakeTrtcCloud,
  fakeTrtcSdk,
  nodeEndpoint,
  trtcOverRpc,
} from '../../support/fake-trtc-cloud'

const identity = () =>
  Promise.resolve({ sdkAppId: 1400000001, userId: 'anchor', userSig: 'sig', strRoomId: 'g1' })

/**
 * The fake TRTCCloud served as the host window serves the SDK's, over a worker_threads
 * MessageChannel (Electron cannot run here; nothing is pushed).
 */
const channels: Array<() => void> = []
function hosted() {
  const cloud = new FakeTrtcCloud()
  const rpc = trtcOverRpc(cloud)
  channels.push(rpc.close)
  return { cloud, fire: rpc.fire, load: () => ({ ok: true as const, sdk: rpc.sdk }) }
}

describe('Stage with the TRTC engine (a fake TRTCCloud in the host; nothing is pushed)', () => {
  let dir: string
  let db: Db
  let stage: StageService | null = null
  const statuses: StreamStatus[] = []
  const stageChanges: StageSnapshot[] = []

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-stage-trtc-'))
    db = openConsoleDatabase(join(dir, 'console.db'))
    statuses.length = 0
    stageChanges.length = 0
  })
  afterEach(async () => {
    await stage?.close()
    stage = null
    for (const close of channels.splice(0)) close()
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function open(trtc: StageServiceOptions['trtc']) {
    stage = new StageService({
      settings: new SettingsStore(db),
      secrets: new FileSecretStore(dir),
      ingest: null,
      roomId: 'g1',
      recordingsDir: join(dir, 'recordings'),
      liveFilesDir: dir,
      emit: (name, payload) => {
        if (name === 'stream:status-changed') statuses.push(payload as StreamStatus)
        if (name === 'stage:changed') stageChanges.push(payload as StageSnapshot)
      },
      now: () => Date.UTC(2030, 0, 1),
      ...(trtc ? { trtc } : {}),
    })
    await stage.init()
    return stage
  }

  const trtcTarget: StageSettings['target'] = {
    kind: 'trtc',
    domain: 'push.example.com',
    app: 'live',
    stream: 'room1',
    expiresHours: 24,
  }

  it('is not offered here by the real loader, and says why (not Electron)', async () => {
    const snap = (await open(undefined)).snapshot()
    expect(snap.trtc.available).toBe(false)
    expect(snap.trtc.reason).toMatchObject({ code: 1114, params: { reason: 'notElectron' } })
  })

  it('is not offered for the embedded room: TRTC signs in with the Tencent connection', async () => {
    const { cloud, load } = hosted()
    const s = await open({ load, identity: null })
    expect(s.snapshot().trtc).toMatchObject({
      available: false,
      reason: { params: { reason: 'needsTencentRoom' } },
    })
    s.setSecret('cssPushKey', 'push-key')
    await s.saveSettings({ ...s.settings(), target: trtcTarget })
    await expect(s.goLive()).rejects.toMatchObject({ key: 'TRTC_UNAVAILABLE' })
    expect(cloud.calls).toEqual([])
  })

  it('goes live through TRTC to the signed CSS URL, records through the SDK, and ends live', async () => {
    const { cloud, fire, load } = hosted()
    const s = await open({ load, identity })
    expect(s.snapshot().trtc).toEqual({ available: true, reason: null })
    s.setSecret('cssPushKey', 'push-key')
    await s.saveSettings({
      ...s.settings(),
      source: { kind: 'camera', video: 'cam-1', audio: 'mic-1' },
      target: trtcTarget,
    })

    const live = s.goLive()
    await cloud.called('enterRoom')
    expect(cloud.args('enterRoom')?.[0]).toMatchObject({ userId: 'anchor', strRoomId: 'g1' })
    await fire('onEnterRoom', 150)
    const [target] = (await cloud.called('startPublishMediaStream')).args as [
      { cdnUrlList: { rtmpUrl: string; isInternalLine: boolean }[] },
    ]
    const url = new URL(target.cdnUrlList[0]!.rtmpUrl)
    const time = url.searchParams.get('txTime') ?? ''
    expect(url.host).toBe('push.example.com')
    expect(url.pathname).toBe('/live/room1')
    expect(url.searchParams.get('txSecret')).toBe(txSecret('push-key', 'room1', time))
    expect(target.cdnUrlList[0]!.isInternalLine).toBe(true)
    await fire('onStartPublishMediaStream', 'task-9', 0, '', '')
    // Record while live: through the SDK's local recording, as MP4 in the recordings folder.
    const [recording] = (await cloud.called('startLocalRecording')).args as [
      { filePath: string; recordType: number },
    ]
    expect(recording.filePath.startsWith(join(dir, 'recordings'))).toBe(true)
    expect(recording.filePath.endsWith('.mp4')).toBe(true)
    expect(recording.recordType).toBe(trtcDefine.TRTCRecordType.TRTCRecordTypeBoth)
    await fire('onLocalRecordBegin', 0, recording.filePath)
    const status = await live
    expect(status).toMatchObject({ state: 'started', push: { active: true } })
    expect(status.recording).toMatchObject({ path: recording.filePath, active: true })
    expect(s.snapshot().status.state).toBe('started')
    expect(statuses.map((x) => x.state)).toContain('starting')

    const ended = s.endLive()
    await cloud.called('exitRoom')
    await fire('onExitRoom', 0)
    expect((await ended).state).toBe('stopped')
    expect(cloud.args('stopPublishMediaStream')).toEqual(['task-9'])
    expect(cloud.methods()).toContain('stopLocalRecording')
    expect(s.snapshot().status.state).toBe('stopped')
  })

  it('Record while TRTC is live records through the SDK; Stop recording keeps the push', async () => {
    const { cloud, fire, load } = hosted()
    const s = await open({ load, identity })
    s.setSecret('cssPushKey', 'push-key')
    const settings = s.settings()
    await s.saveSettings({
      ...settings,
      source: { kind: 'screen', withAudio: false },
      target: trtcTarget,
      record: { ...settings.record, whileLive: false },
    })
    const live = s.goLive()
    await cloud.called('enterRoom')
    await fire('onEnterRoom', 150)
    await cloud.called('startPublishMediaStream')
    await fire('onStartPublishMediaStream', 'task-3', 0, '', '')
    expect((await live).recording).toBeNull()
    expect(cloud.methods()).not.toContain('startLocalRecording')

    const recording = s.record()
    const [{ filePath }] = (await cloud.called('startLocalRecording')).args as [
      { filePath: string },
    ]
    await fire('onLocalRecordBegin', 0, filePath)
    expect((await recording).recording).toMatchObject({ path: filePath, active: true })
    const stopped = s.stopRecording()
    await cloud.called('stopLocalRecording')
    await fire('onLocalRecordComplete', 0, filePath)
    const status = await stopped
    expect(status).toMatchObject({ state: 'started', push: { active: true } })
    expect(status.recording?.active).toBe(false)
    expect(cloud.methods()).not.toContain('exitRoom')
    const ended = s.endLive()
    await cloud.called('exitRoom')
    await fire('onExitRoom', 0)
    expect((await ended).state).toBe('stopped')
  })

  it('refuses a TRTC Go live while ffmpeg records: both would open the sources', async () => {
    const { cloud, load } = hosted()
    const s = await open({ load, identity })
    s.setSecret('cssPushKey', 'push-key')
    // Record on its own is ffmpeg's (the test pattern), whatever the destination.
    const recording = await s.record()
    expect(recording.state).toBe('started')
    await s.saveSettings({
      ...s.settings(),
      source: { kind: 'camera', video: 'cam-1' },
      target: trtcTarget,
    })
    await expect(s.goLive()).rejects.toMatchObject({
      key: 'STREAM_ALREADY_RUNNING',
      params: { reason: 'otherEngine' },
    })
    expect(cloud.calls).toEqual([])
    expect((await s.stop()).state).toBe('stopped')
  })

  it('refuses a TRTC Go live for a source the SDK cannot capture, before entering the room', async () => {
    const { cloud, load } = hosted()
    const s = await open({ load, identity })
    s.setSecret('cssPushKey', 'push-key')
    await s.saveSettings({ ...s.settings(), target: trtcTarget })
    await expect(s.goLive()).rejects.toMatchObject({ params: { reason: 'trtcSource' } })
    expect(cloud.methods()).not.toContain('enterRoom')
  })

  it('stops offering TRTC once the SDK did not load in its host window, with its words', async () => {
    const channel = new MessageChannel()
    channels.push(() => channel.port1.close())
    // The host window's answer when require('trtc-electron-sdk') throws there.
    channel.port2.postMessage({ kind: 'loadFailed', detail: 'dlopen failed' })
    const sdk = fakeTrtcSdk(() => openTrtcCloud(nodeEndpoint(channel.port1)))
    const s = await open({ load: () => ({ ok: true, sdk }), identity })
    expect(s.snapshot().trtc.available).toBe(true)
    s.setSecret('cssPushKey', 'push-key')
    await s.saveSettings({
      ...s.settings(),
      source: { kind: 'camera', video: 'cam-1' },
      target: trtcTarget,
    })
    await expect(s.goLive()).rejects.toMatchObject({
      key: 'TRTC_UNAVAILABLE',
      params: { reason: 'loadFailed', detail: 'dlopen failed' },
    })
    expect(s.snapshot().trtc).toMatchObject({
      available: false,
      reason: { code: 1114, params: { reason: 'loadFailed', detail: 'dlopen failed' } },
    })
    expect(s.snapshot().status.state).toBe('stopped')
    // Every console is told at once: the Stage replaces its snapshot and offers TRTC no more.
    expect(stageChanges).toHaveLength(1)
    expect(stageChanges[0]).toEqual(s.snapshot())
  })
})
