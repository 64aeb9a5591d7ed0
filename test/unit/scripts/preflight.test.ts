import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const preflight = resolve(__dirname, '../../../scripts/preflight.mjs')

/** Runs the preflight in a child as a non-root user would (no apt-get attempt), with `env`. */
function run(env: Record<string, string>) {
  const script = `process.getuid = () => 1000
import(${JSON.stringify(preflight)}).then((m) => process.exit(m.preflight() ? 0 : 3))`
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  })
}

describe('npm test on a fresh machine', () => {
  it('stops at once, naming what is missing and the exact command to install it', () => {
    const result = run({
      CHROMIUM_PATH: '/nonexistent/chromium',
      FFMPEG_PATH: '/nonexistent/ffmpeg',
    })
    expect(result.status).toBe(3)
    expect(result.stdout).toContain('Chromium (/nonexistent/chromium) for the end-to-end tests')
    expect(result.stdout).toContain('ffmpeg on PATH for the stream tests')
    expect(result.stdout).toContain(
      "sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk ffmpeg'",
    )
  })

  it('goes on when Chromium and ffmpeg are there', () => {
    const result = run({ CHROMIUM_PATH: process.execPath, FFMPEG_PATH: process.execPath })
    expect(result.status).toBe(0)
    expect(result.stdout).toBe('')
  })
})
