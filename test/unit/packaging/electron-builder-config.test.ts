import { FuseV1Options, flipFuses, getCurrentFuseWire } from '@electron/fuses'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import viteConfig from '../../../electron.vite.config'
import { UNSET_UPDATE_FEED } from '../../../src-main/desktop/update-feed'
import { TRAY_STATUSES } from '../../../src-main/desktop/tray-status'

const require = createRequire(import.meta.url)
/** The glob matcher electron-builder itself matches `files` and `asarUnpack` with. */
const { minimatch } = createRequire(require.resolve('app-builder-lib'))('minimatch') as {
  minimatch: (file: string, pattern: string, options: { dot: boolean }) => boolean
}
/** A fuse's byte in the wire (@electron/fuses' FuseState, which it does not export). */
const FuseState = { DISABLE: 0x30, ENABLE: 0x31 } as const

interface BuilderConfig {
  files: string[]
  asarUnpack: string[]
  publish: { provider: string; url: string }[]
  electronFuses: Record<string, boolean>
  protocols: { schemes: string[] }[]
  nsis: Record<string, unknown>
  mac: Record<string, unknown> & { extraFiles?: { from: string; to: string }[] }
  linux: { target: string[]; files?: string[] }
  win: { target: { target: string }[] }
}

/** The configuration as a build without any environment sees it. */
function loadConfig(env: Record<string, string> = {}): BuilderConfig {
  const saved = { ...process.env }
  for (const key of Object.keys(process.env)) {
    if (/^(CSC_|WIN_CSC_|APPLE_|LIVEDESK_UPDATE_URL)/.test(key)) delete process.env[key]
  }
  Object.assign(process.env, env)
  const file = require.resolve('../../../electron-builder.config.cjs')
  delete require.cache[file]
  try {
    return require(file) as BuilderConfig
  } finally {
    process.env = saved
  }
}

/** electron-builder's own rule: the last pattern that matches decides (a `!` one excludes). */
function included(patterns: string[], file: string): boolean {
  let result = false
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!')
    if (minimatch(file, negated ? pattern.slice(1) : pattern, { dot: true })) result = !negated
  }
  return result
}

const config = loadConfig()

describe('the installers’ configuration (issue 16 §1)', () => {
  it('passes electron-builder’s own schema, and fails it when a key is wrong', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>
    }
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown }
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    await expect(
      validateConfiguration(
        { ...config, nsis: { ...config.nsis, oneClik: true } },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/configuration\.nsis/)
  })

  it('puts in the package every file the app loads at run time', () => {
    const mainEntries = Object.keys(
      (viteConfig as { main: { build: { rollupOptions: { input: Record<string, string> } } } }).main
        .build.rollupOptions.input,
    )
    const runtimeFiles = [
      'package.json',
      // Every bundle electron-vite builds for the main process (the ingest child is forked).
      ...mainEntries.map((name) => `out/main/${name}.js`),
      'out/main/chunks/start-console-abc123.js',
      'out/preload/index.js',
      'out/renderer/console/index.html',
      'out/renderer/viewer/index.html',
      'out/renderer/assets/base-abc123.js',
      // common/resources-dir.ts looks for this file to find resources/ at all.
      'resources/icon/livedesk.svg',
      'resources/icon/png/256x256.png',
      'resources/watermark/livedesk-watermark.png',
      ...TRAY_STATUSES.flatMap((s) => [
        `resources/tray/tray-${s}.png`,
        `resources/tray/tray-${s}@2x.png`,
      ]),
    ]
    expect(mainEntries).toEqual(expect.arrayContaining(['index', 'ingest-child']))
    for (const file of runtimeFiles) expect(included(config.files, file), file).toBe(true)
    // Build leftovers and the builder's own inputs stay out.
    for (const file of [
      'out/native/better-sqlite3-electron-45.5.0/build/Release/better_sqlite3.node',
      'out/test-results/vitest.json',
      'resources/build/entitlements.mac.plist',
      'src-main/shell/main.ts',
      'test/unit/packaging/electron-builder-config.test.ts',
    ])
      expect(included(config.files, file), file).toBe(false)
  })

  it('unpacks from the asar what another process reads: ffmpeg, the watermark, native modules', () => {
    for (const file of [
      'node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
      'node_modules/@ffmpeg-installer/win32-x64/ffmpeg.exe',
      'resources/watermark/livedesk-watermark.png',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    ])
      expect(included(config.asarUnpack, file), file).toBe(true)
    expect(included(config.asarUnpack, 'out/main/index.js')).toBe(false)
  })

  it('packs the TRTC SDK on Windows and macOS only, unpacked, with its macOS frameworks (issue 17)', () => {
    const sdk = 'node_modules/trtc-electron-sdk/build/Release/trtc_electron_sdk.node'
    expect(included(config.asarUnpack, sdk)).toBe(true)
    expect(
      included(config.asarUnpack, 'node_modules/trtc-electron-sdk/build/Release/liteav.dll'),
    ).toBe(true)
    // Linux packages leave out the SDK and nothing else of node_modules (which electron-builder
    // adds from package.json; the platform's patterns apply to it too).
    const linux = ['**/*', ...(config.linux.files ?? [])]
    expect(included(linux, sdk)).toBe(false)
    expect(included(linux, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(
      true,
    )
    expect(config.mac.extraFiles).toEqual([
      expect.objectContaining({
        from: 'node_modules/trtc-electron-sdk/build/mac-framework/${arch}',
        to: 'Frameworks',
      }),
    ])
    expect((config.win as Record<string, unknown>).files).toBeUndefined()
  })

  it('builds NSIS per user with shortcuts, a hardened dmg, AppImage and deb, and owns livedesk://', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis'])
    expect(config.nsis).toMatchObject({
      perMachine: false,
      allowElevation: false,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
    })
    expect(config.mac).toMatchObject({ hardenedRuntime: true, identity: null, notarize: false })
    // macOS updates from the zip, not the dmg.
    expect((config.mac.target as { target: string }[]).map((t) => t.target)).toEqual(['dmg', 'zip'])
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual(['livedesk'])
  })

  it('signs and notarises only with credentials from the environment', () => {
    const signed = loadConfig({
      CSC_LINK: '/secure/cert.p12',
      APPLE_ID: 'a@example.com',
      APPLE_APP_SPECIFIC_PASSWORD: 'x',
      APPLE_TEAM_ID: 'T',
    })
    expect(signed.mac.notarize).toBe(true)
    expect(signed.mac).not.toHaveProperty('identity')
    // Half a set of Apple credentials is no set.
    expect(loadConfig({ APPLE_ID: 'a@example.com' }).mac.notarize).toBe(false)
  })

  it('takes the update feed from LIVEDESK_UPDATE_URL, else the feed that means "none"', () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: UNSET_UPDATE_FEED }])
    expect(loadConfig({ LIVEDESK_UPDATE_URL: 'https://dl.example.com/livedesk/' }).publish).toEqual(
      [{ provider: 'generic', url: 'https://dl.example.com/livedesk/' }],
    )
  })
})

describe('the packaged binary’s fuses (issue 16 §5)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'livedesk-fuses-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('electron-builder flips them as configured in a binary with Electron’s fuse wire', async () => {
    // Electron 45's wire as it ships: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on.
    const shipped = [1, 0, 1, 1, 0, 0, 0, 1].map((on) =>
      on ? FuseState.ENABLE : FuseState.DISABLE,
    )
    const binary = join(dir, 'electron')
    writeFileSync(
      binary,
      Buffer.concat([
        Buffer.from('\x7fELF padding '),
        Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
        Buffer.from([1, shipped.length, ...shipped]),
        Buffer.from(' more padding'),
      ]),
    )
    const { PlatformPackager } = require('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig(f: unknown): Promise<unknown> } }
    }
    const fuseConfig = await PlatformPackager.prototype.generateFuseConfig.call(
      {},
      config.electronFuses,
    )
    await flipFuses(binary, fuseConfig as Parameters<typeof flipFuses>[1])
    const wire = await getCurrentFuseWire(binary)
    const on = (fuse: FuseV1Options) => wire[fuse] === FuseState.ENABLE
    expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false)
    expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false)
    expect(on(FuseV1Options.EnableCookieEncryption)).toBe(true)
    expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true)
    expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true)
    expect(on(FuseV1Options.RunAsNode)).toBe(false)
  })
})
