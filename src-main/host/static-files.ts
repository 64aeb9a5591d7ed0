import { readFile } from 'node:fs/promises'
import { contentTypeOf, resolveStaticPath } from '../liveroom'

/**
 * Reads `relative` under `root`, refusing anything that would leave it (the room's own rules:
 * `..`, encoded or not, backslashes, NUL). Returns null when the file is missing or refused.
 */
export async function readStatic(
  root: string,
  relative: string,
): Promise<{ body: Buffer; contentType: string } | null> {
  const file = resolveStaticPath(root, relative)
  if (!file) return null
  try {
    return { body: await readFile(file), contentType: contentTypeOf(file) }
  } catch {
    return null
  }
}
