import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { VideoEncoder } from '../../../src-shared/contract/stream'

const run = promisify(execFile)

/**
 * The H.264 encoders LiveDesk drives that this ffmpeg was built with, from `ffmpeg -encoders`
 * (lines like ` V....D h264_nvenc   NVIDIA NVENC H.264 encoder (codec h264)`). Built with is not
 * the same as usable: Debian's ffmpeg has NVENC and Quick Sync in it on machines with neither.
 */
export function parseEncoders(text: string): VideoEncoder[] {
  const names = new Set(
    text
      .split(/\r?\n/)
      .map((line) => /^\s*V[.A-Z]{5}\s+(\S+)/.exec(line)?.[1])
      .filter((name): name is string => !!name),
  )
  return VideoEncoder.options.filter((name) => names.has(name))
}

/**
 * Whether `encoder` opens on this machine: one small frame, encoded and thrown away (about
 * 60 ms; a missing driver fails at once, "Cannot load libcuda.so.1").
 */
export async function encoderWorks(ffmpeg: string, encoder: VideoEncoder): Promise<boolean> {
  try {
    await run(
      ffmpeg,
      [
        ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi'],
        ...['-i', 'color=size=256x144:rate=30', '-frames:v', '1'],
        ...['-c:v', encoder, '-f', 'null', '-'],
      ],
      { timeout: 10_000 },
    )
    return true
  } catch {
    return false
  }
}

export interface EncoderList {
  /** What the Stage offers: libx264, and each hardware encoder that opened here. */
  usable: VideoEncoder[]
  /** Built into this ffmpeg, but they did not open on this machine (no GPU, no driver). */
  unusable: VideoEncoder[]
}

/** The encoders to offer: built in, and (for hardware ones) shown to work by a short probe. */
export async function listEncoders(
  ffmpeg: string,
  works: (ffmpeg: string, encoder: VideoEncoder) => Promise<boolean> = encoderWorks,
): Promise<EncoderList> {
  let built: VideoEncoder[]
  try {
    const { stdout } = await run(ffmpeg, ['-hide_banner', '-encoders'], { timeout: 10_000 })
    built = parseEncoders(stdout)
  } catch {
    return { usable: ['libx264'], unusable: [] }
  }
  const usable: VideoEncoder[] = []
  const unusable: VideoEncoder[] = []
  for (const encoder of built) {
    // x264 is the reference: if even it fails, the start says why in ffmpeg's words.
    if (encoder === 'libx264' || (await works(ffmpeg, encoder))) usable.push(encoder)
    else unusable.push(encoder)
  }
  return { usable, unusable }
}
