// @ts-check
/**
 * How LiveDesk is packaged (issue 16 §1): `npm run dist` (scripts/dist.mjs) hands this to
 * electron-builder for the current OS. `npm test` validates it against electron-builder's own schema
 * and checks that every file the app loads at run time is in the package
 * (test/unit/packaging/electron-builder-config.test.ts).
 *
 * Everything secret comes from the environment and is off when absent (README, "Signing"):
 * - macOS signing: CSC_LINK + CSC_KEY_PASSWORD (or a Developer ID in the keychain); notarisation:
 *   APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID (or APPLE_API_KEY + APPLE_API_KEY_ID +
 *   APPLE_API_ISSUER). Without them the app is built unsigned and not notarised.
 * - Windows signing: WIN_CSC_LINK + WIN_CSC_KEY_PASSWORD (or CSC_LINK). Without them, unsigned.
 * - The update feed: LIVEDESK_UPDATE_URL (a generic server holding latest.yml and the installers);
 *   the app's settings may name another one at run time.
 */
const env = process.env

/** Where a build without LIVEDESK_UPDATE_URL looks for updates: nowhere (src-main/desktop/update-feed.ts). */
const UNSET_UPDATE_FEED = 'https://updates.livedesk.invalid/'

const notarise = Boolean(
  (env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID) ||
  (env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER),
)
const macSigning = Boolean(env.CSC_LINK || env.CSC_NAME)

/** @type {import('app-builder-lib').Configuration} */
const config = {
  appId: 'app.livedesk.console',
  productName: 'LiveDesk',
  executableName: 'livedesk',
  copyright: 'Copyright © LiveDesk contributors',
  directories: { output: 'dist', buildResources: 'resources/build' },
  // What the app loads at run time: the electron-vite build, and resources/ (icons, the default
  // watermark, the gift catalogue) found from out/main as ../../resources (common/resources-dir.ts).
  // Production dependencies (the embedded room's node-media-server, better-sqlite3, ffmpeg, the
  // updater) are added by electron-builder from package.json.
  files: [
    'package.json',
    'out/main/**/*',
    'out/preload/**/*',
    'out/renderer/**/*',
    'resources/**/*',
    '!resources/build/**/*',
    '!out/native/**/*',
    '!out/test-results/**/*',
  ],
  asar: true,
  // ffmpeg is a separate process: it can run, and read the watermark, only from real files.
  // Native modules (better-sqlite3's .node) are unpacked by electron-builder's smartUnpack too.
  // Tencent's TRTC SDK (issue 17; Windows and macOS builds only, see linux.files) loads its native
  // module and the libraries beside it from build/: real files too.
  asarUnpack: [
    'node_modules/@ffmpeg-installer/**/*',
    'resources/watermark/**/*',
    '**/*.node',
    'node_modules/trtc-electron-sdk/build/**/*',
  ],
  // better-sqlite3 is rebuilt for Electron's ABI (@electron/rebuild) in the packaged copy only;
  // node_modules keeps the system-Node build the tests and the browser host use.
  npmRebuild: true,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  protocols: [{ name: 'LiveDesk invite', schemes: ['livedesk'] }],
  /**
   * Fuses flipped in the packaged binary (issue 16 §5): nobody can run LiveDesk's signed binary as
   * plain Node (ELECTRON_RUN_AS_NODE), through NODE_OPTIONS or with --inspect, to borrow its
   * camera and microphone grants; cookies are encrypted; the app loads only from its asar, whose
   * integrity is checked. The embedded room's ingest runs as a utility process, which needs none
   * of them (src-main/shell/utility-fork.ts).
   */
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: true,
  },
  publish: [{ provider: 'generic', url: env.LIVEDESK_UPDATE_URL || UNSET_UPDATE_FEED }],
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icon/png/256x256.png',
    // Signed only when a certificate is given (WIN_CSC_LINK / CSC_LINK).
    signAndEditExecutable: true,
  },
  nsis: {
    // Per-user: no administrator rights, installed under %LOCALAPPDATA%\Programs.
    oneClick: false,
    perMachine: false,
    allowElevation: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'LiveDesk',
    // Recordings and the room's data stay when the app is removed (README, "Uninstall").
    deleteAppDataOnUninstall: false,
  },
  mac: {
    // The dmg installs; the zip is what electron-updater (Squirrel.Mac) updates from.
    target: [
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ],
    category: 'public.app-category.video',
    // The SDK's frameworks go where its own postinstall puts them for development
    // (scripts/postinstall.js: build/mac-framework/<arch>/ into Electron.app/Contents/Frameworks).
    extraFiles: [
      {
        from: 'node_modules/trtc-electron-sdk/build/mac-framework/${arch}',
        to: 'Frameworks',
        filter: ['**/*'],
      },
    ],
    icon: 'resources/icon/png/1024x1024.png',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'resources/build/entitlements.mac.plist',
    entitlementsInherit: 'resources/build/entitlements.mac.plist',
    // null: build unsigned when no certificate is given, rather than fail.
    ...(macSigning ? {} : { identity: null }),
    notarize: notarise,
    extendInfo: {
      NSCameraUsageDescription: 'LiveDesk shows and streams your camera when you go live.',
      NSMicrophoneUsageDescription: 'LiveDesk streams your microphone when you go live.',
      NSScreenCaptureUsageDescription:
        'LiveDesk streams your screen when you choose it as a source.',
    },
  },
  dmg: { sign: false },
  linux: {
    target: ['AppImage', 'deb'],
    // No TRTC SDK for Linux (reference §9): the optional dependency stays out of these packages.
    files: ['!node_modules/trtc-electron-sdk/**/*'],
    category: 'AudioVideo',
    icon: 'resources/icon/png',
    synopsis: 'A broadcaster console for live rooms',
    maintainer: 'LiveDesk contributors',
    // The OS opens livedesk:// links (moderator invites) with the app (desktop file MimeType).
    mimeTypes: ['x-scheme-handler/livedesk'],
  },
  deb: { depends: ['libnss3', 'libxss1', 'libasound2 | libasound2t64', 'xdg-utils'] },
}

module.exports = config
