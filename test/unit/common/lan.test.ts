import { describe, expect, it } from 'vitest'
import { lanAddresses, withHost } from '../../../src-main/common/lan'

describe('LAN addresses', () => {
  it('puts another host into a URL and keeps the port, path and token', () => {
    expect(withHost('http://127.0.0.1:5173/?token=a%2Bb', '192.168.1.20')).toBe(
      'http://192.168.1.20:5173/?token=a%2Bb',
    )
    expect(withHost('http://127.0.0.1:8090/room/main', '10.0.0.7')).toBe(
      'http://10.0.0.7:8090/room/main',
    )
  })

  it('lists IPv4 addresses other than loopback', () => {
    for (const address of lanAddresses()) {
      expect(address).toMatch(/^\d+\.\d+\.\d+\.\d+$/)
      expect(address.startsWith('127.')).toBe(false)
    }
  })
})
