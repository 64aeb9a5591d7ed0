import { describe, expect, it } from 'vitest'
import { reachableUrl } from '../../../src-renderer/shared/reachable-url'

describe('reachableUrl', () => {
  it('points loopback URLs at the host the console was opened from', () => {
    expect(reachableUrl('http://127.0.0.1:4100/live/main.flv', '192.168.1.20')).toBe(
      'http://192.168.1.20:4100/live/main.flv',
    )
  })
  it('leaves them alone on the machine itself, in Electron, and for other hosts', () => {
    expect(reachableUrl('http://127.0.0.1:4100/room/main', '127.0.0.1')).toBe(
      'http://127.0.0.1:4100/room/main',
    )
    expect(reachableUrl('http://127.0.0.1:4100/room/main', '')).toBe(
      'http://127.0.0.1:4100/room/main',
    )
    expect(reachableUrl('https://play.example.com/live/s.flv', '192.168.1.20')).toBe(
      'https://play.example.com/live/s.flv',
    )
    expect(reachableUrl('not a url', '192.168.1.20')).toBe('not a url')
  })
})
