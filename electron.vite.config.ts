import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

/**
 * One build for every process: the Electron main bundle also carries the browser host and the
 * standalone room server as extra entries, so `node out/main/host.js` runs the same code the
 * desktop app runs, without Electron.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // opencc-js's dictionaries are ES modules only; the one the filters read is bundled in.
      externalizeDeps: { exclude: ['opencc-js'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/shell/main.ts'),
          host: resolve(__dirname, 'src-main/host/cli.ts'),
          server: resolve(__dirname, 'src-main/liveroom/cli.ts'),
          stream: resolve(__dirname, 'src-main/console/stream/cli.ts'),
          // The RTMP ingest's own process, forked by the room server (ingest-process.ts).
          'ingest-child': resolve(__dirname, 'src-main/liveroom/ingest/ingest-child.ts'),
          // The TRTC host window's preload (src-main/shell/trtc-window.ts): a Node preload, so it
          // is built with main (CommonJS, dependencies left to require) rather than with the
          // sandboxed console preload, which bundles everything into one file.
          'trtc-host': resolve(__dirname, 'src-main/shell/trtc-host-preload.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only a few built-ins, so zod is bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // Served over HTTP to viewers' phones as well as loaded from disk: keep it small.
      minify: true,
      rollupOptions: {
        input: {
          console: resolve(__dirname, 'src-renderer/console/index.html'),
          viewer: resolve(__dirname, 'src-renderer/viewer/index.html'),
        },
      },
    },
  },
})
