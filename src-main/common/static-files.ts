import { readFile } from 'node:fs/promises'
import path from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.txt': 'text/plain; charset=utf-8',
}

export function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Maps the part of a URL path after a static prefix to a file inside `root`, or undefined when the
 * path tries to leave `root` (`..`, encoded or not, backslashes, NUL, absolute paths).
 */
export function resolveStaticPath(root: string, urlPathRest: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPathRest)
  } catch {
    return undefined
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined
  const segments = decoded.split('/')
  if (segments.some((segment) => segment === '..' || segment === '.')) return undefined
  if (segments.some((segment) => segment === '') && decoded !== '') {
    // Empty segments ("a//b", leading "/") would make path.join drop or reinterpret parts.
    return undefined
  }
  const base = path.resolve(root)
  const file = path.resolve(base, ...segments)
  return file.startsWith(base + path.sep) ? file : undefined
}

/**
 * Reads `relative` under `root`, refusing anything that would leave it (resolveStaticPath's rules).
 * Returns null when the file is missing or refused.
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
