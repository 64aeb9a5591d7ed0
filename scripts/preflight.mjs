// What `npm test` needs from the machine besides node_modules: Chromium (Playwright drives
// Debian's, its own download cannot work here) and ffmpeg (the stream tests run the real one).
// On a fresh Debian/Ubuntu machine it installs them when it can (root with apt-get, as CI is);
// otherwise it stops in its first seconds with the exact command to run — never an hour later with
// "browser not found".
import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

const executable = (file) => {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}
const onPath = (name) =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => dir && executable(join(dir, name)))

/** Each need: whether the machine has it, and the Debian packages that bring it. */
function needs() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  return [
    {
      what: `Chromium (${chromium}) for the end-to-end tests`,
      present: executable(chromium),
      // Without the CJK fonts, Korean and Chinese render as boxes in screenshots.
      packages: ['chromium', 'fonts-noto-cjk'],
      otherwise: 'or set CHROMIUM_PATH to a Chromium or Chrome binary',
    },
    {
      what: 'ffmpeg on PATH for the stream tests',
      present: process.env.FFMPEG_PATH ? executable(process.env.FFMPEG_PATH) : onPath('ffmpeg'),
      packages: ['ffmpeg'],
      otherwise: 'or set FFMPEG_PATH to an ffmpeg binary',
    },
  ]
}

/** Returns true when the machine is ready (after installing what it could); prints why not. */
export function preflight() {
  const missing = needs().filter((need) => !need.present)
  if (missing.length === 0) return true
  const packages = [...new Set(missing.flatMap((need) => need.packages))]
  const command = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (root && onPath('apt-get')) {
    console.log(`── installing what the tests need: ${packages.join(', ')} (apt-get)`)
    const run = spawnSync('sh', ['-c', command], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
    const still = needs().filter((need) => !need.present)
    if (run.status === 0 && still.length === 0) return true
    for (const need of still) console.log(`✗ still missing: ${need.what}`)
    return false
  }
  console.log('npm test needs, and this machine lacks:')
  for (const need of missing) console.log(`  - ${need.what} (${need.otherwise})`)
  console.log(`Install them with:\n  sudo sh -c '${command}'`)
  return false
}
