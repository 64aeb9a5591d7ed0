import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { VideoEncoder } from '../../../src-shared/contract/stream'

const run = promisify(execFile)

/**
 * The H.264 encoders LiveDesk drives that this ffmpeg was built with, from `ffmpeg -encoders`
 * (lines like ` V....D h264_nvenc   NVIDIA NVENC H.264 encoder (codec h264)`). Built with is not
 * the same as usable: without the GPU, the stream fails at start with STREAM_ENCODER_FAILED.
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

export async function listEncoders(ffmpeg: string): Promise<VideoEncoder[]> {
  try {
    const { stdout } = await run(ffmpeg, ['-hide_banner', '-encoders'], { timeout: 10_000 })
    return parseEncoders(stdout)
  } catch {
    return ['libx264']
  }
}
