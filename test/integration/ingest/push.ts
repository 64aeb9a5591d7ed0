import { spawn, type ChildProcess } from 'node:child_process'

export const ffmpeg = process.env.FFMPEG_PATH ?? 'ffmpeg'

/** Pushes a 320×240 test pattern with a tone to `url`, at real-time speed; `video` adds encoder options. */
export function pushTestPattern(url: string, video: string[] = []): ChildProcess {
  const child = spawn(
    ffmpeg,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=25',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=44100',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-tune',
      'zerolatency',
      '-pix_fmt',
      'yuv420p',
      '-g',
      '25',
      ...video,
      '-c:a',
      'aac',
      '-f',
      'flv',
      url,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  return child
}
