#!/usr/bin/env node
// `npm start`: build if needed, then the Electron app where its runtime can be had, else the
// browser host. Either way the console prints `Console: <url>` and `Viewer: <url>`.
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { buildIfStale } from './build-if-stale.mjs'

const root = new URL('..', import.meta.url).pathname
const require = createRequire(import.meta.url)
const args = process.argv.slice(2)
const forceBrowser = args.includes('--browser')
const passThrough = args.filter((a) => a !== '--browser')

buildIfStale()

const electron = forceBrowser ? null : prepareElectron()
const child = electron
  ? spawn(electron.binary, [join(root, 'out/main/index.js'), ...passThrough], {
      stdio: 'inherit',
      env: { ...process.env, LIVEDESK_SQLITE_BINDING: electron.sqliteBinding },
    })
  : spawn(process.execPath, [join(root, 'out/main/host.js'), ...passThrough], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))

/** The Electron binary and an Electron-ABI build of better-sqlite3, or null (with one line why). */
function prepareElectron() {
  const fallback = (why) => {
    console.log(`Electron runtime unavailable (${why}); starting the browser host instead.`)
    return null
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return fallback('no display')
  }
  const electronDir = join(root, 'node_modules/electron')
  if (!existsSync(electronDir)) return fallback('electron is not installed')
  const binary = electronBinary(electronDir)
  if (!binary) return fallback('its download failed')
  const sqliteBinding = electronSqlite(electronDir)
  if (!sqliteBinding) return fallback('better-sqlite3 could not be built for Electron')
  return { binary, sqliteBinding }
}

function electronBinary(electronDir) {
  const pathFile = join(electronDir, 'path.txt')
  const present = () =>
    existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')))
  if (!present()) {
    // Electron ≥ 42 downloads its runtime lazily; one try, quietly, with a time limit.
    spawnSync(process.execPath, [join(electronDir, 'install.js')], {
      stdio: 'ignore',
      timeout: 45_000,
    })
  }
  return present() ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8')) : null
}

/**
 * better-sqlite3 is built for system Node by `npm install`; Electron needs its own ABI. We build a
 * second copy under out/native once per Electron version and hand its path to the room's store,
 * so neither runtime needs a manual rebuild.
 */
function electronSqlite(electronDir) {
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))
  const dir = join(root, 'out/native', `better-sqlite3-electron-${version}`)
  const binding = join(dir, 'build/Release/better_sqlite3.node')
  if (existsSync(binding)) return binding
  rmSync(dir, { recursive: true, force: true })
  cpSync(join(root, 'node_modules/better-sqlite3'), dir, {
    recursive: true,
    filter: (p) => !p.includes('/build/'),
  })
  const gyp = process.env.npm_config_node_gyp ?? findNodeGyp()
  if (!gyp) return null
  console.log(`Building better-sqlite3 for Electron ${version} (once)…`)
  const result = spawnSync(
    process.execPath,
    [
      gyp,
      'rebuild',
      '--release',
      `--target=${version}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: dir, stdio: 'ignore', timeout: 300_000 },
  )
  return result.status === 0 && existsSync(binding) ? binding : null
}

function findNodeGyp() {
  for (const candidate of [
    'node-gyp/bin/node-gyp.js',
    'npm/node_modules/node-gyp/bin/node-gyp.js',
  ]) {
    try {
      return require.resolve(candidate)
    } catch {
      // try the next place
    }
  }
  const besideNode = join(
    process.execPath,
    '../../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
  )
  return existsSync(besideNode) ? besideNode : null
}
