import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import type { DeviceList } from '../../../src-shared/contract/stage'

const run = promisify(execFile)

/**
 * ffmpeg's avfoundation listing (macOS), from stderr:
 *   [AVFoundation indev @ 0x…] AVFoundation video devices:
 *   [AVFoundation indev @ 0x…] [0] FaceTime HD Camera
 *   [AVFoundation indev @ 0x…] [1] Capture screen 0
 *   [AVFoundation indev @ 0x…] AVFoundation audio devices:
 *   [AVFoundation indev @ 0x…] [0] MacBook Pro Microphone
 * Screens are video devices named "Capture screen N".
 */
export function parseAvfoundationDevices(stderr: string): DeviceList {
  const list: DeviceList = { cameras: [], microphones: [], screens: [] }
  let section: 'video' | 'audio' | null = null
  for (const line of stderr.split(/\r?\n/)) {
    if (/AVFoundation video devices:/.test(line)) section = 'video'
    else if (/AVFoundation audio devices:/.test(line)) section = 'audio'
    else {
      const match = /\]\s*\[(\d+)\]\s*(.+)$/.exec(line)
      if (!match || !section) continue
      const device = { id: match[1]!, name: match[2]!.trim() }
      if (section === 'audio') list.microphones.push(device)
      else if (/^Capture screen/i.test(device.name)) list.screens.push(device)
      else list.cameras.push(device)
    }
  }
  return list
}

/**
 * ffmpeg's DirectShow listing (Windows), from stderr:
 *   [dshow @ 0x…] "Integrated Camera" (video)
 *   [dshow @ 0x…]   Alternative name "@device_pnp_…"
 *   [dshow @ 0x…] "Microphone (Realtek Audio)" (audio)
 * Older builds print "DirectShow video devices" / "DirectShow audio devices" headings instead of
 * the (video)/(audio) suffix; both are read. The screen is gdigrab's "desktop".
 */
export function parseDshowDevices(stderr: string): DeviceList {
  const list: DeviceList = {
    cameras: [],
    microphones: [],
    screens: [{ id: 'desktop', name: 'Desktop' }],
  }
  let section: 'video' | 'audio' | null = null
  for (const line of stderr.split(/\r?\n/)) {
    if (/DirectShow video devices/.test(line)) section = 'video'
    else if (/DirectShow audio devices/.test(line)) section = 'audio'
    const match = /\]\s+"([^"]+)"(?:\s+\((video|audio|none)\))?\s*$/.exec(line)
    if (!match || /Alternative name/.test(line)) continue
    const kind = match[2] ?? section
    const device = { id: match[1]!, name: match[1]! }
    if (kind === 'video') list.cameras.push(device)
    else if (kind === 'audio') list.microphones.push(device)
  }
  return list
}

/**
 * `pactl list short sources` (Linux, PulseAudio or PipeWire's pulse server):
 *   1\talsa_input.pci-0000_00_1f.3.analog-stereo\tmodule-alsa-card.c\ts16le 2ch 48000Hz\tSUSPENDED
 * Monitors of outputs (".monitor") are desktop audio, not microphones; they are left out.
 */
export function parsePactlSources(stdout: string): DeviceList['microphones'] {
  return stdout
    .split(/\r?\n/)
    .map((line) => line.split('\t'))
    .filter((cols) => cols.length >= 2 && cols[1] && !cols[1].endsWith('.monitor'))
    .map((cols) => ({ id: cols[1]!, name: cols[1]! }))
}

/** Linux: V4L2 nodes with their driver's names, pulse sources, and the X display. */
function linuxDevices(env: NodeJS.ProcessEnv): Promise<DeviceList> {
  const cameras = (existsSync('/dev') ? readdirSync('/dev') : [])
    .filter((name) => /^video\d+$/.test(name))
    .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))
    .map((name) => {
      const sysName = `/sys/class/video4linux/${name}/name`
      const label = existsSync(sysName) ? readFileSync(sysName, 'utf8').trim() : name
      return { id: `/dev/${name}`, name: `${label} (/dev/${name})` }
    })
  const screens = env.DISPLAY ? [{ id: env.DISPLAY, name: `X display ${env.DISPLAY}` }] : []
  return run('pactl', ['list', 'short', 'sources'], { timeout: 5000 }).then(
    ({ stdout }) => ({ cameras, screens, microphones: parsePactlSources(stdout) }),
    () => ({ cameras, screens, microphones: [] }),
  )
}

/** What the OS lets us list; an empty list where it does not (never throws). */
export async function listDevices(
  ffmpeg: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DeviceList> {
  if (platform === 'linux') return linuxDevices(env)
  const args =
    platform === 'darwin'
      ? ['-hide_banner', '-f', 'avfoundation', '-list_devices', 'true', '-i', '']
      : ['-hide_banner', '-list_devices', 'true', '-f', 'dshow', '-i', 'dummy']
  // ffmpeg exits non-zero after listing (there is no real input); the list is on stderr either way.
  const stderr = await run(ffmpeg, args, { timeout: 10_000 }).then(
    ({ stderr }) => stderr,
    (error: { stderr?: string }) => error.stderr ?? '',
  )
  return platform === 'darwin' ? parseAvfoundationDevices(stderr) : parseDshowDevices(stderr)
}
