import { describe, expect, it } from 'vitest'
import { isLanHost, parseHostArgs, UsageError } from '../../../src-main/host/args'

describe('parseHostArgs', () => {
  it('leaves ports and host to the saved ones and loopback when not given', () => {
    expect(parseHostArgs([])).toEqual({ allowedHosts: [] })
  })
  it('reads every option', () => {
    expect(
      parseHostArgs([
        '--port',
        '8080',
        '--host',
        '0.0.0.0',
        '--data',
        '/d',
        '--room-port',
        '9000',
        '--rtmp-port',
        '1935',
        '--tls-cert',
        '/c.pem',
        '--tls-key',
        '/k.pem',
        '--allowed-host',
        'Studio.Local',
      ]),
    ).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/d',
      roomPort: 9000,
      rtmpPort: 1935,
      tlsCert: '/c.pem',
      tlsKey: '/k.pem',
      allowedHosts: ['studio.local'],
    })
    expect(parseHostArgs(['--port', '0'])).toEqual({ port: 0, allowedHosts: [] })
  })
  it('says what is wrong with a bad command line', () => {
    expect(() => parseHostArgs(['--port', 'abc'])).toThrow(UsageError)
    expect(() => parseHostArgs(['--port', '70000'])).toThrow(/0 to 65535/)
    expect(() => parseHostArgs(['--port'])).toThrow(/needs a value/)
    expect(() => parseHostArgs(['--bogus'])).toThrow(/Unknown option --bogus/)
    expect(() => parseHostArgs(['--tls-cert', '/c.pem'])).toThrow(/go together/)
  })
  it('reads the message cap for this run, 1 to 10,000', () => {
    expect(parseHostArgs(['--msg-cap', '500'])).toEqual({ msgCap: 500, allowedHosts: [] })
    expect(() => parseHostArgs(['--msg-cap', '0'])).toThrow(/--msg-cap must be .* 1 to 10000/)
    expect(() => parseHostArgs(['--msg-cap', '20000'])).toThrow(UsageError)
    expect(() => parseHostArgs(['--msg-cap', '1e3'])).toThrow(/not "1e3"/)
  })
  it("skips Chromium's switches inside Electron", () => {
    expect(parseHostArgs(['--no-sandbox', '--host', '0.0.0.0', '--inspect=0'], true)).toEqual({
      host: '0.0.0.0',
      allowedHosts: [],
    })
  })
  it('tells a LAN bind from a loopback one', () => {
    expect(isLanHost('0.0.0.0')).toBe(true)
    expect(isLanHost('192.168.1.20')).toBe(true)
    expect(isLanHost('127.0.0.1')).toBe(false)
    expect(isLanHost(undefined)).toBe(false)
  })
})
