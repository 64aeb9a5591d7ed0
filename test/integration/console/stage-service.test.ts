import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { txSecret } from '../../../src-main/console/stream/css-url'
import { until } from '../stream/helpers'
import type { StreamStatus } from '../../../src-shared/contract/stream'
import { FileSecretStore } from '../../../src-main/console/secret-store'
import { openConsoleDatabase, type Db } from '../../../src-main/console/store/database'
import { SettingsStore } from '../../../src-main/console/store/settings'
import { StageService } from '../../../src-main/console/stream/stage-service'
import { openMonitorTap, type MonitorTap } from '../../../src-main/console/stream/monitor-tap'
import { startLiveRoom, type LiveRoom } from '../../../src-main/liveroom'

describe('Stage service: settings, keys and going live to the embedded ingest', () => {
  let dir: string
  let room: LiveRoom
  let db: Db
  let stage: StageService
  let tap: MonitorTap
  const statuses: StreamStatus[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-stage-'))
    room = await startLiveRoom({ dataDir: join(dir, 'room'), ingest: { rtmpPort: 0 } })
    db = openConsoleDatabase(join(dir, 'console.db'))
    tap = await openMonitorTap()
    room.mountHttp(tap.handleHttp)
    stage = new StageService({
      settings: new SettingsStore(db),
      secrets: new FileSecretStore(dir),
      ingest: room.ingest,
      monitor: { port: tap.port, url: `${room.httpUrl}${tap.path}` },
      roomId: room.defaultRoomId,
      roomTitle: () => "Mallory's <b>room</b>: 100% live",
      recordingsDir: join(dir, 'recordings'),
      liveFilesDir: dir,
      emit: (name, payload) => {
        if (name === 'stream:status-changed') statuses.push(payload as StreamStatus)
      },
    })
    await stage.init()
  })
  afterAll(async () => {
    await stage?.close()
    db?.close()
    await tap?.close()
    await room?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('starts with sensible defaults and tells OBS users where to publish', () => {
    const snap = stage.snapshot()
    expect(snap.ffmpeg?.version).toMatch(/\d/)
    expect(snap.settings).toMatchObject({
      source: { kind: 'test-pattern' },
      profile: { preset: '720p30' },
      target: { kind: 'embedded' },
      record: { whileLive: true, format: 'fmp4' },
    })
    expect(snap.secretStorage).toBe('file')
    expect(snap.monitorUrl).toBe(room.ingest!.playUrl())
    expect(snap.ingest!.server).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live$/)
    expect(snap.ingest!.streamKey).toMatch(/^main\?sign=\d+-[0-9a-f]{32}$/)
    expect(snap.status.state).toBe('stopped')
  })

  it('uses the ffmpeg the settings name, and falls back visibly when that one does not run', async () => {
    const settings = stage.settings()
    const installed = ffmpegInstaller.path
    const chosen = await stage.saveSettings({ ...settings, ffmpegPath: installed })
    expect(chosen.ffmpeg).toMatchObject({ path: installed, source: 'settings' })
    const stale = await stage.saveSettings({ ...settings, ffmpegPath: join(dir, 'no-ffmpeg') })
    expect(stale.ffmpeg?.source).not.toBe('settings')
    expect(stale.ffmpegError).toBeNull()
    const restored = await stage.saveSettings(settings)
    expect(restored.ffmpeg?.version).toMatch(/\d/)
  })

  it('offers the encoders this ffmpeg has, and refuses one it lacks before starting', async () => {
    const settings = stage.settings()
    expect(stage.snapshot().ffmpeg!.encoders).toContain('libx264')
    await stage.saveSettings({ ...settings, profile: { ...settings.profile, encoder: 'h264_amf' } })
    await expect(stage.goLive()).rejects.toMatchObject({
      code: 1102,
      message: expect.stringMatching(/no h264_amf encoder/),
      params: { reason: 'encoderMissing', encoder: 'h264_amf' },
    })
    expect(stage.snapshot().status.state).toBe('stopped')
    await stage.saveSettings(settings)
  })

  it('refuses a profile it could not stream when it is saved, and keeps the old settings', async () => {
    const settings = stage.settings()
    await expect(
      stage.saveSettings({
        ...settings,
        profile: {
          ...settings.profile,
          preset: 'custom',
          width: 641,
          height: 360,
          fps: 30,
          videoBitrateKbps: 800,
        },
      }),
    ).rejects.toMatchObject({
      code: 1102,
      message: expect.stringMatching(/641×360 must have even/),
      params: { reason: 'resolutionOdd', width: 641, height: 360 },
    })
    expect(stage.settings()).toEqual(settings)
  })

  it('refuses to go live to Tencent CSS without a push key, in words', async () => {
    const settings = stage.settings()
    await stage.saveSettings({
      ...settings,
      target: {
        kind: 'css',
        domain: 'push.example.com',
        app: 'live',
        stream: 's1',
        expiresHours: 24,
      },
    })
    await expect(stage.goLive()).rejects.toMatchObject({
      code: 1102,
      message: expect.stringMatching(/push key/),
      params: { reason: 'cssPushKey' },
    })
    expect(stage.setSecret('cssPushKey', 'secret-key').secrets.cssPushKey).toBe(true)
    expect(JSON.stringify(stage.snapshot())).not.toContain('secret-key')
    await stage.saveSettings(settings)
  })

  it('monitors Tencent CSS through the FLV play URL, signed when a play key is kept', async () => {
    const settings = stage.settings()
    const target = {
      kind: 'css' as const,
      domain: 'push.example.com',
      app: 'live',
      stream: 's1',
      expiresHours: 24,
      playDomain: 'play.example.com',
    }
    await stage.saveSettings({ ...settings, target })
    expect(stage.snapshot().monitorUrl).toBe('https://play.example.com/live/s1.flv')
    const signed = stage.setSecret('cssPlayKey', 'play-key')
    expect(signed.secrets.cssPlayKey).toBe(true)
    const url = new URL(signed.monitorUrl!)
    const time = url.searchParams.get('txTime')!
    expect(url.searchParams.get('txSecret')).toBe(txSecret('play-key', 's1', time))
    // Valid for the target's hours from now (± the test's own run time).
    const expires = Number.parseInt(time, 16) * 1000
    expect(Math.abs(expires - (Date.now() + 24 * 3600_000))).toBeLessThan(60_000)
    expect(JSON.stringify(signed)).not.toContain('play-key')
    stage.setSecret('cssPlayKey', null)
    await stage.saveSettings(settings)
  })

  it('goes live to the room, records at the same time, and stops cleanly', async () => {
    // With every overlay on, so ffmpeg itself accepts the filter graph they make.
    const logo = join(dir, 'logo.png')
    execFileSync(stage.snapshot().ffmpeg!.path, [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'color=red:s=64x64'],
      ...['-frames:v', '1', logo],
    ])
    await stage.saveSettings({
      ...stage.settings(),
      overlays: [
        { kind: 'clock', position: 'top-left', size: 24 },
        { kind: 'room-title', position: 'bottom-left', size: 24 },
        { kind: 'image', path: logo, position: 'top-right', opacity: 0.6 },
      ],
    })
    const live = new Promise<void>((resolve) => room.ingest!.on('publish-started', () => resolve()))
    const status = await stage.goLive()
    expect(status.state).toBe('started')
    await live
    expect(room.ingest!.isLive()).toBe(true)
    await expect(stage.record()).rejects.toMatchObject({ code: 1113 })
    const stopped = await stage.stop()
    expect(stopped.state).toBe('stopped')
    const path = stopped.recording!.path
    expect(existsSync(path)).toBe(true)
    expect(statSync(path).size).toBeGreaterThan(0)
    // Remuxed after the stop: a regular MP4 with its index in front, no fragments left.
    expect(await stage.finished).toMatchObject([{ ok: true, path }])
    const boxes = topLevelBoxes(readFileSync(path))
    expect(boxes.slice(0, 2)).toEqual(['ftyp', 'moov'])
    expect(boxes).not.toContain('moof')
    expect(statuses.some((s) => s.state === 'started')).toBe(true)
  })

  it('draws chat lines and the free text from files it re-reads, so both change while live', async () => {
    const settings = stage.settings()
    await stage.saveSettings({
      ...settings,
      overlays: [
        { kind: 'text', text: 'Q&A at 9', position: 'bottom-right', size: 24 },
        {
          kind: 'danmaku',
          mode: 'box',
          area: 'top',
          position: 'bottom-left',
          size: 24,
          speed: 'normal',
          opacity: 0.9,
          lines: 3,
          gifts: true,
          // The recording without it: a second encode of the clean picture in the same ffmpeg.
          inRecording: false,
        },
      ],
    })
    await stage.record()
    const [live] = readdirSync(dir).filter((name) => name.startsWith('livedesk-live-'))
    expect(live).toBeDefined()
    const file = (name: string) => readFileSync(join(dir, live!, name), 'utf8')
    expect(file('text.txt')).toBe('Q&A at 9')
    const line = (id: string, type: string, text: string) => ({
      id,
      sequence: Number(id),
      from: 'viewer_1',
      nick: 'Ann',
      time: Date.now(),
      priority: 'Normal' as const,
      type,
      text,
      self: false,
    })
    stage.chatReceived([
      line('1', 'TIMTextElem', 'hello'),
      line('2', 'TIMCustomElem', '{"businessID":"TUIGift"}'),
      line('3', 'TIMTextElem', '반가워요'),
    ])
    await until(() => file('danmaku/box.txt') === 'Ann: hello\nAnn: 반가워요', 'the box')
    // A combo is drawn once, when it ends, with its total.
    const rose = (giftCount: number, comboTotal: number, final: boolean) => ({
      version: '1',
      businessID: 'TUIGift' as const,
      platform: 'web',
      data: {
        gift: {
          giftId: 'rose',
          giftName: 'Rose',
          imageUrl: '',
          animationUrl: '',
          price: 1,
          extInfo: { liveDesk: { comboId: 'c1', comboTotal, final } },
        },
        giftCount,
        sender: { userId: 'viewer_2', userName: 'Min', avatarUrl: '', level: '0' },
        receiver: { userId: 'anchor', userName: 'Anchor', avatarUrl: '', level: '0' },
      },
    })
    stage.giftReceived(rose(20, 20, false))
    stage.giftReceived(rose(79, 99, true))
    await until(
      () => file('danmaku/box.txt') === 'Ann: hello\nAnn: 반가워요\nMin: Rose ×99',
      'the gift in the box',
    )
    // A saved change of the text reaches the running stream's file at once.
    await stage.saveSettings({
      ...stage.settings(),
      overlays: stage
        .settings()
        .overlays.map((o) => (o.kind === 'text' ? { ...o, text: 'Q&A now' } : o)),
    })
    expect(file('text.txt')).toBe('Q&A now')
    await until(() => (stage.snapshot().status.recording?.bytes ?? 0) > 0, 'the clean recording')
    await stage.stop()
    const [recorded] = await stage.finished
    expect(recorded).toMatchObject({ ok: true })
    expect(readdirSync(dir).filter((name) => name.startsWith('livedesk-live-'))).toEqual([])
    await stage.saveSettings(settings)
  }, 60_000)

  it('switches scenes while live: the ingest sees one publish, the recording goes on in parts', async () => {
    const settings = stage.settings()
    const logo = join(dir, 'inset.png')
    execFileSync(stage.snapshot().ffmpeg!.path, [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'color=green:s=320x180'],
      ...['-frames:v', '1', '-y', logo],
    ])
    const scenes = [
      { id: 'pattern', name: 'Pattern', source: { kind: 'test-pattern' as const, clock: true } },
      {
        id: 'pip',
        name: 'With inset',
        source: {
          kind: 'pip' as const,
          main: { kind: 'test-pattern' as const, clock: false },
          inset: { kind: 'image' as const, path: logo },
          corner: 'bottom-right' as const,
          size: 0.3,
        },
      },
    ]
    await stage.saveSettings({ ...settings, overlays: [], scenes })
    // Not running: the scene is the source of the next start.
    const picked = await stage.switchScene('pip')
    expect(picked.settings).toMatchObject({ scene: 'pip', source: { kind: 'pip' } })
    await expect(stage.switchScene('gone')).rejects.toMatchObject({
      code: 1102,
      params: { reason: 'sceneMissing' },
    })

    let publishes = 0
    const counting = () => (publishes += 1)
    room.ingest!.on('publish-started', counting)
    try {
      await stage.goLive()
      await until(() => publishes === 1, 'the publish')
      const media = () => stage.snapshot().status.health?.durationMs ?? 0
      await until(() => media() >= 2000, 'two seconds live')
      for (const id of ['pattern', 'pip']) {
        const before = media()
        await stage.switchScene(id)
        await until(() => media() >= before + 2000, `two seconds of ${id}`)
      }
      const status = stage.snapshot().status
      expect(status).toMatchObject({ state: 'started', reconnects: 0, push: { active: true } })
      expect(status.recording?.parts).toBe(3)
      expect(publishes).toBe(1)
      expect(stage.settings().scene).toBe('pip')
    } finally {
      room.ingest!.off('publish-started', counting)
    }
    await stage.stop()
    const finished = await stage.finished
    expect(finished).toHaveLength(3)
    expect(finished.every((result) => result.ok)).toBe(true)
    await stage.saveSettings(settings)
  }, 90_000)

  it('previews the program while only recording: the monitor tap streams it as MPEG-TS', async () => {
    const snap = stage.snapshot()
    expect(snap.programUrl).toBe(`${room.httpUrl}${tap.path}`)
    // Without the token the path is just another unknown page.
    expect((await fetch(`${room.httpUrl}/monitor/0123.ts`)).status).toBe(404)

    await stage.record()
    expect(room.ingest!.isLive()).toBe(false) // nothing pushed: the room cannot play it back
    const abort = new AbortController()
    const response = await fetch(snap.programUrl!, { signal: abort.signal })
    expect(response.headers.get('content-type')).toBe('video/mp2t')
    const reader = response.body!.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    while (size < 188 * 200) {
      const { value, done } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.length
    }
    abort.abort()
    const bytes = Buffer.concat(chunks)
    // Whole 188-byte transport packets, each starting with the sync byte.
    const starts = Array.from({ length: 200 }, (_, i) => bytes[i * 188])
    expect(new Set(starts)).toEqual(new Set([0x47]))
    await until(() => tap.players === 0, 'the tap to let the player go')
    await stage.stop()
    await stage.finished
  }, 60_000)

  it('records in parts when split, and finishes every part on stop', async () => {
    const settings = stage.settings()
    await stage.saveSettings({
      ...settings,
      overlays: [],
      // 10 MB at a 13 Mbit/s max rate is a part every ~4 s; the encoder stays at 800 kbps.
      profile: {
        ...settings.profile,
        preset: 'custom',
        width: 640,
        height: 360,
        fps: 30,
        videoBitrateKbps: 800,
        maxrateKbps: 13_000,
      },
      record: { ...settings.record, fileName: 'split-{room}', split: { by: 'size', mb: 10 } },
    })
    await stage.record()
    await until(() => (stage.snapshot().status.recording?.parts ?? 0) >= 2, 'a second part')
    const stopped = await stage.stop()
    const results = await stage.finished
    expect(results.length).toBe(stopped.recording!.parts)
    expect(results.map((r) => r.path)).toEqual(
      results.map((_, i) => join(settings.record.dir, `split-main-00${i + 1}.mp4`)),
    )
    for (const result of results.filter((r) => !r.removed)) {
      expect(result.ok).toBe(true)
      expect(topLevelBoxes(readFileSync(result.path)).slice(0, 2)).toEqual(['ftyp', 'moov'])
    }
    await stage.saveSettings(settings)
  }, 60_000)
})

/** The names of an MP4's top-level boxes, in file order. */
function topLevelBoxes(file: Buffer): string[] {
  const names: string[] = []
  for (let at = 0; at + 8 <= file.length;) {
    let size = file.readUInt32BE(at)
    if (size === 1) size = Number(file.readBigUInt64BE(at + 8))
    names.push(file.toString('latin1', at + 4, at + 8))
    if (size < 8) break
    at += size
  }
  return names
}
