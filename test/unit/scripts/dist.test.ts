import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listen } from '../../../src-main/common/listen'

const root = resolve(__dirname, '../../..')
const runtimePresent = existsSync(resolve(root, 'node_modules/electron/path.txt'))

/** `npm run dist` in a child (asynchronously: the release server below is in this process). */
function dist(env: Record<string, string>): Promise<{ status: number | null; stdout: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve(root, 'scripts/dist.mjs')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
    })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.on('exit', (status) => done({ status, stdout }))
  })
}

describe('npm run dist where Electron’s runtime cannot be had (issue 16 §1)', () => {
  let server: Server
  let mirror = ''
  const asked: string[] = []
  beforeAll(async () => {
    // A release server that has no such version, as a mirror without it answers.
    server = createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`)
      res.writeHead(404).end()
    })
    const port = await listen(server, 0, '127.0.0.1')
    mirror = `http://127.0.0.1:${port}/electron/`
  })
  afterAll(() => new Promise<void>((done) => server.close(() => done())))

  // Where node_modules/electron/dist exists, dist builds for real: that is for a release machine.
  it.skipIf(runtimePresent)(
    'says why in one line and exits non-zero, building nothing',
    async () => {
      const result = await dist({ ELECTRON_MIRROR: mirror })
      expect(result.status).toBe(1)
      const lines = result.stdout.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(
        /^npm run dist: Electron's runtime cannot be had here \(its download answered 404 at http:\/\/127\.0\.0\.1:\d+\/electron\/v\d+\.\d+\.\d+\/SHASUMS256\.txt\); no installer was built\.$/,
      )
      expect(asked).toEqual([expect.stringMatching(/^HEAD \/electron\/v[\d.]+\/SHASUMS256\.txt$/)])
    },
  )
})
