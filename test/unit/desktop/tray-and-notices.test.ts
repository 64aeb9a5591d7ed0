import { describe, expect, it } from 'vitest'
import { stoppedStreamStatus, type StreamStatus } from '../../../src-shared/contract'
import { DesktopSettings } from '../../../src-main/desktop/desktop-settings'
import { giftNotice, streamNotice, wanted } from '../../../src-main/desktop/notices'
import { trayCommand, trayItems, trayStatus } from '../../../src-main/desktop/tray-status'

function status(patch: Partial<StreamStatus>): StreamStatus {
  return { ...stoppedStreamStatus, ...patch }
}
const live = status({
  state: 'started',
  outputActive: true,
  push: { url: 'rtmp://x/live/[key]', active: true },
})
const recordingOnly = status({
  state: 'started',
  outputActive: true,
  recording: { path: '/r/a.mkv', bytes: 1, active: true, parts: 1, totalBytes: 1, disk: null },
})
const dropped = status({
  state: 'reconnecting',
  outputReconnecting: true,
  attempt: 1,
  push: { url: 'rtmp://x', active: false },
})

describe('the tray (issue 16 §3)', () => {
  it('shows live, recording, paused (the push is reconnecting) or offline', () => {
    expect(trayStatus(null)).toBe('offline')
    expect(trayStatus(status({}))).toBe('offline')
    expect(trayStatus(live)).toBe('live')
    expect(trayStatus(recordingOnly)).toBe('recording')
    expect(trayStatus(dropped)).toBe('paused')
    // Starting: the push is not up yet.
    expect(
      trayStatus({ ...live, state: 'starting', push: { url: 'rtmp://x', active: false } }),
    ).toBe('offline')
  })

  it('offers Go live and Record when nothing runs, End while a show runs, Mute all and Show always', () => {
    const enabled = (s: StreamStatus | null) =>
      trayItems(s, false)
        .filter((i) => i.enabled)
        .map((i) => i.id)
    expect(enabled(null)).toEqual(['go-live', 'record', 'mute-all', 'show'])
    expect(enabled(live)).toEqual(['end', 'mute-all', 'show'])
    expect(trayItems(live, true).find((i) => i.id === 'mute-all')?.checked).toBe(true)
    expect(trayCommand('go-live', false)).toEqual({ name: 'stream:go-live', input: {} })
    expect(trayCommand('end', false)).toEqual({ name: 'stream:stop', input: {} })
    expect(trayCommand('record', false)).toEqual({ name: 'stream:record', input: {} })
    expect(trayCommand('mute-all', true)).toEqual({
      name: 'room:set-mute-all',
      input: { on: false },
    })
    expect(trayCommand('show', false)).toBeNull()
  })
})

describe('OS notifications (issue 16 §3)', () => {
  const settings = DesktopSettings.parse({}).notifications

  it('tells of a dropped push and of the reconnect, once each, not at every health tick', () => {
    expect(streamNotice(live, dropped)).toMatchObject({
      kind: 'pushDropped',
      params: { attempt: 1 },
    })
    expect(streamNotice(dropped, dropped)).toBeNull()
    expect(streamNotice(dropped, { ...live, reconnects: 1 })).toMatchObject({ kind: 'reconnected' })
    expect(streamNotice(live, live)).toBeNull()
    expect(streamNotice(null, live)).toBeNull()
  })

  it('tells of a large gift only from the threshold, and each kind can be switched off', () => {
    expect(giftNotice({ nick: 'Mina', name: 'Rocket', value: 999 }, settings)).toBeNull()
    const big = giftNotice({ nick: 'Mina', name: 'Rocket', value: 1000 }, settings)
    expect(big).toMatchObject({ kind: 'largeGift', params: { nick: 'Mina', gift: 'Rocket' } })
    expect(wanted(big, settings)).toBe(true)
    expect(wanted(big, { ...settings, largeGift: false })).toBe(false)
    expect(wanted(streamNotice(live, dropped), { ...settings, pushDropped: false })).toBe(false)
    expect(wanted(null, settings)).toBe(false)
  })
})
