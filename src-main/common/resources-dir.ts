import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { asarUnpackedPath } from './asar-path'

/**
 * The top-level `resources/` folder (icons, the default watermark, later the gift catalogue), found
 * from where the running code lives: `out/main` when bundled, `src-main/<folder>` from source.
 */
export function findResourcesDir(fromDir: string): string | undefined {
  const dir = resolve(fromDir, '../../resources')
  return existsSync(join(dir, 'icon', 'livedesk.svg')) ? dir : undefined
}

/** The watermark the Stage offers by default, when the resources are there. */
export function defaultWatermarkPath(resourcesDir: string | undefined): string | null {
  if (!resourcesDir) return null
  const file = join(resourcesDir, 'watermark', 'livedesk-watermark.png')
  // ffmpeg reads it: from the unpacked copy when the app is packaged.
  return existsSync(file) ? asarUnpackedPath(file) : null
}
