import { describe, expect, it } from 'vitest'
import {
  hostAllowed,
  hostnameOf,
  isLoopbackAddress,
  isLoopbackHostname,
  portOf,
} from '../../../src-main/common/host-check'
import { httpServerOptions } from '../../../src-main/common/http-limits'

describe('Host header checks', () => {
  it('reads the name and the port of a Host header', () => {
    expect(hostnameOf('Example.COM:8080')).toBe('example.com')
    expect(hostnameOf('[::1]:43117')).toBe('::1')
    expect(hostnameOf('127.0.0.1')).toBe('127.0.0.1')
    expect(hostnameOf('evil.example:80/path')).toBeNull()
    expect(hostnameOf(undefined)).toBeNull()
    expect(portOf('127.0.0.1:43117')).toBe(43117)
    expect(portOf('[::1]:43117')).toBe(43117)
    expect(portOf('[::1]')).toBeNull()
    expect(portOf('localhost')).toBeNull()
  })

  it('takes IP literals, loopback names and the names it was given; nothing else', () => {
    const names = ['studio', 'studio.local']
    for (const host of [
      '127.0.0.1:1',
      '[::1]:1',
      '192.168.1.20:8080',
      'localhost:1',
      'studio.local',
    ]) {
      expect([host, hostAllowed(host, names)]).toEqual([host, true])
    }
    for (const host of [
      'evil.example:1',
      'localhost.evil.example',
      '127.0.0.1.nip.io:1',
      '',
      undefined,
    ]) {
      expect([host, hostAllowed(host, names)]).toEqual([host, false])
    }
  })

  it('knows a socket from this machine', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true)
    expect(isLoopbackAddress('127.8.9.10')).toBe(true)
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true)
    expect(isLoopbackAddress('::1')).toBe(true)
    expect(isLoopbackAddress('192.0.2.2')).toBe(false)
    expect(isLoopbackAddress('::ffff:192.0.2.2')).toBe(false)
    expect(isLoopbackHostname('localhost')).toBe(true)
    expect(isLoopbackHostname('192.0.2.2')).toBe(false)
  })
})

describe('HTTP time limits', () => {
  it("are far below Node's defaults (300 s for a request, checked every 30 s)", () => {
    const options = httpServerOptions()
    expect(options.requestTimeout).toBe(30_000)
    expect(options.headersTimeout).toBe(10_000)
    expect(options.connectionsCheckingInterval).toBeLessThanOrEqual(1000)
    expect(httpServerOptions({ headersMs: 300, requestMs: 200 }).headersTimeout).toBe(200)
  })
})
