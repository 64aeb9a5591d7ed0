import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * The built renderer (out/renderer: the console and the viewer page), found from where the running
 * code lives: `out/main` when bundled, `src-main/<folder>` when run from source with tsx.
 */
export function findRendererDir(fromDir: string): string | undefined {
  const candidates = [resolve(fromDir, '../renderer'), resolve(fromDir, '../../out/renderer')]
  return candidates.find(
    (dir) =>
      existsSync(join(dir, 'console', 'index.html')) ||
      existsSync(join(dir, 'viewer', 'index.html')),
  )
}
