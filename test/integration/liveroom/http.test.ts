import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { ErrorCode, Limits } from '../../../src-shared/protocol/codes'
import { ViewerSession } from '../../../src-shared/protocol/frames'
import { startLiveRoom } from '../../../src-main/liveroom'
import { connect, startTestRoom } from './helpers'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Raw request: unlike fetch, node:http sends the path exactly as written (no `..` folding). */
function rawGet(
  base: string,
  rawPath: string,
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const url = new URL(base)
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: rawPath, method: 'GET' },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
        )
      },
    )
    request.on('error', reject)
    request.end()
  })
}

async function postSession(base: string, body: string) {
  const response = await fetch(`${base}/api/viewer-session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  })
  return { status: response.status, json: (await response.json()) as Record<string, unknown> }
}

describe('viewer HTTP side', () => {
  it('answers /healthz', async () => {
    const t = await startTestRoom()
    const response = await fetch(`${t.room.httpUrl}/healthz`)
    expect(response.status).toBe(200)
    expect((await response.text()).trim()).toBe('ok')
  })

  it('serves the viewer page with a CSP for an existing room and 404 for others', async () => {
    const t = await startTestRoom()
    const page = await fetch(t.room.viewerUrl())
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>viewer</title>')
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("img-src 'self' data:")
    expect(csp).toContain("media-src 'self' blob:")
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')

    const missing = await fetch(t.room.viewerUrl('elsewhere'))
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain('elsewhere')
  })

  it('answers /room/* with 503 and a hint when the renderer is not built', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-room-'))
    const room = await startLiveRoom({ dataDir })
    try {
      const response = await fetch(room.viewerUrl())
      expect(response.status).toBe(503)
      expect(await response.text()).toMatch(/npm run build/)
    } finally {
      await room.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('serves assets with their content type and refuses traversal', async () => {
    const t = await startTestRoom()
    const asset = await fetch(`${t.room.httpUrl}/assets/viewer.js`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/)

    for (const attempt of [
      '/assets/../secret.txt',
      '/assets/%2e%2e/secret.txt',
      '/assets/..%2fsecret.txt',
      '/assets/%2E%2E%2Fsecret.txt',
      '/assets/..\\secret.txt',
      '/assets/../../etc/passwd',
    ]) {
      const response = await rawGet(t.room.httpUrl, attempt)
      expect(response.status, attempt).toBeGreaterThanOrEqual(400)
      expect(response.status, attempt).toBeLessThan(500)
      expect(response.body, attempt).not.toContain('outside assets')
    }
    expect((await rawGet(t.room.httpUrl, '/assets/nothing.js')).status).toBe(404)
  })

  it('issues a viewer session whose UserSig logs in with the trimmed nick', async () => {
    const t = await startTestRoom()
    const { status, json } = await postSession(
      t.room.httpUrl,
      JSON.stringify({ nickname: '  민지  ' }),
    )
    expect(status).toBe(200)
    const session = ViewerSession.parse(json)
    expect(session.userId).toMatch(/^v_[a-z0-9]{12}$/)
    expect(session.nick).toBe('민지')
    expect(session.sdkAppId).toBe(t.room.sdkAppId)
    expect(session.expiresAt).toBeGreaterThan(Date.now() + (Limits.viewerSigSeconds - 60) * 1000)

    const client = await connect(t.room.wsUrl)
    const ack = await client.request({
      type: 'login',
      version: 1,
      sdkAppId: session.sdkAppId,
      userId: session.userId,
      userSig: session.userSig,
    })
    expect(ack).toMatchObject({ code: 0, data: { nick: '민지' } })
  })

  it('refuses bad nicknames with 400 and code 10004', async () => {
    const t = await startTestRoom()
    for (const nickname of ['', '   ', 'x'.repeat(33), 'bad\nnick', 'a\u202eb']) {
      const { status, json } = await postSession(t.room.httpUrl, JSON.stringify({ nickname }))
      expect(status, JSON.stringify(nickname)).toBe(400)
      expect(json.code).toBe(ErrorCode.invalidParameter)
      expect(typeof json.message).toBe('string')
    }
    const wrongShape = await postSession(t.room.httpUrl, JSON.stringify({ name: 'x' }))
    expect(wrongShape).toMatchObject({ status: 400, json: { code: ErrorCode.invalidParameter } })
    const notJson = await postSession(t.room.httpUrl, '{nickname')
    expect(notJson).toMatchObject({ status: 400, json: { code: ErrorCode.parseError } })
  })

  it('refuses bodies over 4 KB with 413', async () => {
    const t = await startTestRoom()
    const response = await fetch(`${t.room.httpUrl}/api/viewer-session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ nickname: 'x'.repeat(5000) }),
    })
    expect(response.status).toBe(413)
  })

  it('refuses WebSocket upgrades on other paths', async () => {
    const t = await startTestRoom()
    await expect(connect(t.room.wsUrl.replace('/im/v1', '/other'))).rejects.toThrow()
  })
})
