import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { officialUserSig, rest, startTestRoom, waitTimeoutMs } from './helpers'

/** Issue 9 §4: what a REST caller can make the server say, and what the server writes down. */
describe('REST API secrets', () => {
  it('looks services and commands up as own properties only: no server internals for __proto__', async () => {
    const t = await startTestRoom({
      callbackUrl: 'http://127.0.0.1:9/im',
      callbackToken: 'the-callback-token-value',
    })
    const paths = [
      '__proto__/constructor',
      '__proto__/hasOwnProperty',
      '__proto__/__defineGetter__',
      'constructor/assign',
      'constructor/keys',
      'toString/call',
      'group_open_http_svc/constructor',
      'group_open_http_svc/__proto__',
      'group_open_http_svc/toString',
    ]
    for (const servicePath of paths) {
      const answer = await rest(t, servicePath, { GroupId: 'main', maxCallsPerSecond: 0 })
      expect(answer.ActionStatus, servicePath).toBe('FAIL')
      expect([ErrorCode.badResourceUrl, ErrorCode.invalidCommand]).toContain(answer.ErrorCode)
      const text = JSON.stringify(answer)
      expect(text).not.toContain('the-callback-token-value')
      expect(text.length, servicePath).toBeLessThan(1000)
    }
    // Object.assign was not reached: the server still answers and counts calls as before.
    const info = await rest(t, 'group_open_http_svc/get_group_info', { GroupIdList: ['main'] })
    expect(info).toMatchObject({ ActionStatus: 'OK' })
  })

  it('logs a request the client abandoned mid-body by its path, never its usersig', async () => {
    const lines: string[] = []
    const t = await startTestRoom({ log: (line) => lines.push(line) })
    const userSig = officialUserSig(t, 'administrator')
    const url = new URL(t.room.httpUrl)
    const request = http.request({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: `/v4/group_open_http_svc/send_group_msg?sdkappid=${t.room.sdkAppId}&identifier=administrator&usersig=${userSig}&random=1&contenttype=json`,
      headers: { 'content-type': 'application/json', 'content-length': '1000' },
    })
    request.on('error', () => {})
    // The headers and the first bytes of the body are on the wire; then the client is gone.
    await new Promise((resolve) => request.write('{"GroupId":', resolve))
    request.destroy()
    const deadline = Date.now() + waitTimeoutMs
    while (!lines.some((l) => l.includes('ended early')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(lines, lines.join('\n')).toContain(
      'liveroom: HTTP POST /v4/group_open_http_svc/send_group_msg ended early: the client went away',
    )
    for (const line of lines) {
      expect(line).not.toContain(userSig)
      expect(line).not.toMatch(/usersig=|\n\s+at /)
    }
  })
})
