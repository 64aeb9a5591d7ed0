#!/usr/bin/env node
// `npm run dist`: the installers for this OS (Windows NSIS, macOS dmg, Linux AppImage + deb) in
// dist/, from electron-builder.config.cjs. Electron's runtime must be had for that: the copy in
// node_modules/electron/dist, or a download from its release server (GitHub or ELECTRON_MIRROR).
// Where neither can be had it says so in one line and exits 1 — it never builds half a package.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildIfStale } from './build-if-stale.mjs'

const root = new URL('..', import.meta.url).pathname
const electronDir = join(root, 'node_modules/electron')
const targets = { win32: '--win', darwin: '--mac', linux: '--linux' }

/** Where the runtime is, as electron-builder's electronDist wants it, or why it cannot be had. */
async function electronRuntime() {
  if (!existsSync(join(electronDir, 'package.json'))) return { why: 'electron is not installed' }
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))
  const pathFile = join(electronDir, 'path.txt')
  if (existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8'))))
    return { version, dist: join(electronDir, 'dist') }
  // electron-builder downloads the runtime itself; ask the server first, briefly, so a machine
  // without it hears why in one line instead of a stack trace minutes later.
  const mirror =
    process.env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/'
  const url = `${mirror.replace(/\/?$/, '/')}v${version}/SHASUMS256.txt`
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) })
    if (response.ok) return { version, dist: null }
    return { why: `its download answered ${response.status} at ${url}` }
  } catch (err) {
    const cause = err instanceof Error ? (err.cause?.code ?? err.message) : String(err)
    return { why: `its download from ${new URL(url).host} is not reachable (${cause})` }
  }
}

const target = targets[process.platform]
if (!target) {
  console.log(`npm run dist: LiveDesk has no installer for ${process.platform}.`)
  process.exit(1)
}
const runtime = await electronRuntime()
if (runtime.why) {
  console.log(
    `npm run dist: Electron's runtime cannot be had here (${runtime.why}); no installer was built.`,
  )
  process.exit(1)
}
buildIfStale()
const args = [
  join(root, 'node_modules/electron-builder/cli.js'),
  target,
  '--config',
  'electron-builder.config.cjs',
  '--publish',
  'never',
  `--config.electronVersion=${runtime.version}`,
  ...(runtime.dist ? [`--config.electronDist=${runtime.dist}`] : []),
  ...process.argv.slice(2),
]
const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
process.exit(result.status ?? 1)
