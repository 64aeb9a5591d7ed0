import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  concatList,
  recordPartArgs,
} from '../../../../src-main/liveroom/replays/replay-ffmpeg-args'
import {
  parseReplayUrlPath,
  partName,
  replayUrlPath,
  showFiles,
} from '../../../../src-main/liveroom/replays/replay-paths'

describe('replay paths', () => {
  it('reads back the URL path it makes, and nothing that could leave the replays folder', () => {
    expect(parseReplayUrlPath(replayUrlPath('main', 'a1b2c3d4e5f60718'))).toEqual({
      groupId: 'main',
      showId: 'a1b2c3d4e5f60718',
    })
    for (const bad of [
      '/replays/main/..%2fliveroom.mp4',
      '/replays/../main/x.mp4',
      '/replays/main/x/y.mp4',
      '/replays/@TGS#1/x.mp4',
      '/replays/main/.mp4',
      '/replays/main/x.mp4.txt',
      '/replays/main/x.MP4',
    ]) {
      expect(parseReplayUrlPath(bad), bad).toBeNull()
    }
  })

  it('files a show under its group and refuses an id that is not safe on disk', () => {
    expect(showFiles('/data/replays', 'main', 'abc')).toEqual({
      partsDir: path.join('/data/replays', 'main', 'abc'),
      joined: path.join('/data/replays', 'main', 'abc.mp4'),
    })
    expect(() => showFiles('/data/replays', '..', 'abc')).toThrow(/Cannot file/)
    expect(partName(7)).toBe('part-007.mp4')
    expect([partName(10), partName(9), partName(100)].sort()).toEqual([
      'part-009.mp4',
      'part-010.mp4',
      'part-100.mp4',
    ])
  })

  it('copies video and audio into fragmented MP4, and quotes the concat list its way', () => {
    const args = recordPartArgs('http://127.0.0.1:1/live/main.flv', '/r/part-001.mp4')
    expect(args).toContain('copy')
    expect(args.join(' ')).toContain('-map 0:v? -map 0:a?')
    expect(args.join(' ')).toContain('+frag_keyframe+empty_moov')
    expect(args.at(-1)).toBe('/r/part-001.mp4')
    expect(concatList(["/r/it's/part-001.mp4", '/r/part-002.mp4'])).toBe(
      "file '/r/it'\\''s/part-001.mp4'\nfile '/r/part-002.mp4'\n",
    )
  })
})
