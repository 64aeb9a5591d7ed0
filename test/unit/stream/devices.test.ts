import { describe, expect, it } from 'vitest'
import {
  parseAvfoundationDevices,
  parseDshowDevices,
  parsePactlSources,
} from '../../../src-main/console/stream/devices'

// Shaped like ffmpeg's own listing output on each OS (ffmpeg-devices documentation); this
// machine has neither avfoundation nor dshow to capture from.
const avfoundation = `[AVFoundation indev @ 0x7f8b5a604140] AVFoundation video devices:
[AVFoundation indev @ 0x7f8b5a604140] [0] FaceTime HD Camera
[AVFoundation indev @ 0x7f8b5a604140] [1] Capture screen 0
[AVFoundation indev @ 0x7f8b5a604140] AVFoundation audio devices:
[AVFoundation indev @ 0x7f8b5a604140] [0] MacBook Pro Microphone
[AVFoundation indev @ 0x7f8b5a604140] [1] BlackHole 2ch
: Input/output error`

const dshowNew = `[dshow @ 000001c5] "Integrated Camera" (video)
[dshow @ 000001c5]   Alternative name "@device_pnp_\\\\?\\usb#vid_04f2"
[dshow @ 000001c5] "OBS Virtual Camera" (none)
[dshow @ 000001c5] "Microphone Array (Realtek(R) Audio)" (audio)
[dshow @ 000001c5]   Alternative name "@device_cm_{33D9A762}\\wave_{5C2A}"
dummy: Immediate exit requested`

const dshowOld = `[dshow @ 0000020] DirectShow video devices (some may be both video and audio devices)
[dshow @ 0000020]  "USB2.0 HD UVC WebCam"
[dshow @ 0000020]     Alternative name "@device_pnp_\\\\?\\usb#vid_13d3"
[dshow @ 0000020] DirectShow audio devices
[dshow @ 0000020]  "Microphone (USB Audio)"
dummy: Immediate exit requested`

describe('device listings', () => {
  it('reads avfoundation: cameras, screens and microphones by index', () => {
    expect(parseAvfoundationDevices(avfoundation)).toEqual({
      cameras: [{ id: '0', name: 'FaceTime HD Camera' }],
      screens: [{ id: '1', name: 'Capture screen 0' }],
      microphones: [
        { id: '0', name: 'MacBook Pro Microphone' },
        { id: '1', name: 'BlackHole 2ch' },
      ],
    })
  })

  it('reads DirectShow in both the current and the older layout', () => {
    const current = parseDshowDevices(dshowNew)
    expect(current.cameras).toEqual([{ id: 'Integrated Camera', name: 'Integrated Camera' }])
    expect(current.microphones).toEqual([
      { id: 'Microphone Array (Realtek(R) Audio)', name: 'Microphone Array (Realtek(R) Audio)' },
    ])
    expect(current.screens).toEqual([{ id: 'desktop', name: 'Desktop' }])
    const older = parseDshowDevices(dshowOld)
    expect(older.cameras.map((d) => d.id)).toEqual(['USB2.0 HD UVC WebCam'])
    expect(older.microphones.map((d) => d.id)).toEqual(['Microphone (USB Audio)'])
  })

  it('reads pulse sources and leaves out output monitors', () => {
    const pactl =
      '1\talsa_output.pci.analog-stereo.monitor\tmodule-alsa-card.c\ts16le 2ch 48000Hz\tIDLE\n' +
      '2\talsa_input.pci.analog-stereo\tmodule-alsa-card.c\ts16le 2ch 48000Hz\tSUSPENDED\n'
    expect(parsePactlSources(pactl)).toEqual([
      { id: 'alsa_input.pci.analog-stereo', name: 'alsa_input.pci.analog-stereo' },
    ])
  })
})
