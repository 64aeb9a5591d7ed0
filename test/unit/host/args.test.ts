import { describe, expect, it } from 'vitest'
import { parseHostArgs, UsageError } from '../../../src-main/host/args'

describe('parseHostArgs', () => {
  it('defaults to loopback and ephemeral ports', () => {
    expect(parseHostArgs([])).toEqual({ port: 0, host: '127.0.0.1', roomPort: 0, rtmpPort: 0 })
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
      ]),
    ).toEqual({ port: 8080, host: '0.0.0.0', dataDir: '/d', roomPort: 9000, rtmpPort: 1935 })
  })
  it('says what is wrong with a bad command line', () => {
    expect(() => parseHostArgs(['--port', 'abc'])).toThrow(UsageError)
    expect(() => parseHostArgs(['--port', '70000'])).toThrow(/0 to 65535/)
    expect(() => parseHostArgs(['--port'])).toThrow(/needs a value/)
    expect(() => parseHostArgs(['--bogus'])).toThrow(/Unknown option --bogus/)
  })
})
