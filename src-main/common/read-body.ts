import type { IncomingMessage } from 'node:http'

/**
 * Reads a request body of at most `maxBytes` as UTF-8. Over the limit (declared or actual) it
 * answers 'too-big' once the request has ended, having kept nothing of it in memory.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<string | 'too-big'> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
      request.resume()
      resolve('too-big')
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooBig = false
    request.on('data', (chunk: Buffer) => {
      if (tooBig) return
      size += chunk.length
      if (size > maxBytes) {
        tooBig = true
        chunks.length = 0
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(tooBig ? 'too-big' : Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}
