import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const stamp = join(root, 'out', '.build-stamp')
const inputs = ['src-main', 'src-preload', 'src-renderer', 'src-shared', 'resources']
const configs = ['electron.vite.config.ts', 'package.json', 'package-lock.json']

function newest(path) {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let max = st.mtimeMs
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)))
  return max
}

/** Runs `electron-vite build` unless out/ is newer than every source file. */
export function buildIfStale({ quiet = false } = {}) {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0
  const changed = Math.max(
    ...inputs.map((d) => newest(join(root, d))),
    ...configs.map((f) => newest(join(root, f))),
  )
  if (built > changed) return
  if (!quiet) console.log('Building LiveDesk…')
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    },
  )
  if (result.status !== 0) {
    console.error('The build failed; see the errors above.')
    process.exit(result.status ?? 1)
  }
  writeFileSync(stamp, new Date().toISOString())
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfStale()
