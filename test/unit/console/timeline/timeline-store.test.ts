import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src-main/common/sqlite'
import { migrations, openConsoleDatabase } from '../../../../src-main/console/store/database'
import {
  TimelineStore,
  TIMELINE_SHOWS_KEPT,
} from '../../../../src-main/console/timeline/timeline-store'
import { timelineCsv, type TimelineSample } from '../../../../src-shared/contract/timeline'
import Database from 'better-sqlite3'

const sample = (at: number, over: Partial<TimelineSample> = {}): TimelineSample => ({
  at,
  viewers: 3,
  chat: 1.5,
  gifts: 0,
  likes: 2,
  bitrateKbps: 2500,
  dropped: 0,
  ...over,
})

describe('timeline store', () => {
  it('migration 20 adds the timeline tables to a settings-only database and keeps its settings', () => {
    const db = new Database(':memory:')
    migrate(db, migrations, 'The console database', 10)
    db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('a', '1', 1)
    expect(migrate(db, migrations, 'The console database', 20)).toBe(20)
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('a')).toBe('1')
    const store = new TimelineStore(db)
    store.addSample('show-1', 'Night show', sample(1000))
    expect(store.shows().map((s) => s.id)).toEqual(['show-1'])
    db.close()
  })

  it('keeps a show’s samples and markers across a reopen, as columns in time order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'livedesk-timeline-'))
    try {
      const file = join(dir, 'console.db')
      let db = openConsoleDatabase(file)
      let store = new TimelineStore(db)
      store.addSample('show-1', 'Night show', sample(2000, { viewers: 5, bitrateKbps: null }))
      store.addSample('show-1', '', sample(1000, { dropped: null }))
      store.addMarker('show-1', '', { at: 1500, kind: 'state', detail: 'live' })
      store.addMarker('show-1', '', { at: 1800, kind: 'reconnect', detail: 'stream' })
      store.endShow('show-1', 2500)
      store.endShow('show-1', 9999)
      db.close()

      db = openConsoleDatabase(file)
      store = new TimelineStore(db)
      const series = store.series('show-1')!
      expect(series.show).toEqual({
        id: 'show-1',
        // An empty title later does not wipe the one the show had.
        title: 'Night show',
        startedAt: 1000,
        lastAt: 2000,
        // The first end stays.
        endedAt: 2500,
      })
      expect(series.at).toEqual([1000, 2000])
      expect(series.viewers).toEqual([3, 5])
      expect(series.bitrateKbps).toEqual([2500, null])
      expect(series.dropped).toEqual([null, 0])
      expect(series.markers).toEqual([
        { at: 1500, kind: 'state', detail: 'live' },
        { at: 1800, kind: 'reconnect', detail: 'stream' },
      ])
      expect(store.series('no-such-show')).toBeUndefined()
      db.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('lists shows newest first and keeps only the newest ones, with their samples', () => {
    const db = openConsoleDatabase(':memory:')
    const store = new TimelineStore(db)
    for (let i = 0; i <= TIMELINE_SHOWS_KEPT; i++)
      store.addSample(`show-${i}`, '', sample(i * 1000))
    const shows = store.shows()
    expect(shows).toHaveLength(TIMELINE_SHOWS_KEPT)
    expect(shows[0]!.id).toBe(`show-${TIMELINE_SHOWS_KEPT}`)
    expect(store.show('show-0')).toBeUndefined()
    expect(
      db.prepare("SELECT COUNT(*) FROM timeline_samples WHERE show_id = 'show-0'").pluck().get(),
    ).toBe(0)
    db.close()
  })

  it('reads a long show back in buckets of whole seconds: most viewers, mean rates, summed drops', () => {
    const db = openConsoleDatabase(':memory:')
    const store = new TimelineStore(db)
    for (let i = 0; i < 10; i++) {
      store.addSample(
        'long',
        '',
        sample(1_000_000 + i * 1000, {
          viewers: i,
          chat: i % 2 ? 2 : 0,
          dropped: 1,
          bitrateKbps: i < 2 ? null : 2000,
        }),
      )
    }
    expect(store.series('long')!.at).toHaveLength(10)
    const series = store.series('long', 4)!
    // 10 s over at most 4 points: buckets of 3 s.
    expect(series.at).toEqual([1_000_000, 1_003_000, 1_006_000, 1_009_000])
    expect(series.viewers).toEqual([2, 5, 8, 9])
    expect(series.chat.map((v) => Math.round(v * 100) / 100)).toEqual([0.67, 1.33, 0.67, 2])
    expect(series.dropped).toEqual([3, 3, 3, 1])
    expect(series.bitrateKbps).toEqual([2000, 2000, 2000, 2000])
    db.close()
  })

  it('exports CSV with a row a second and the markers in time order', () => {
    const db = openConsoleDatabase(':memory:')
    const store = new TimelineStore(db)
    store.addSample('s', '', sample(Date.UTC(2026, 0, 1, 12, 0, 0), { chat: 2 }))
    store.addSample('s', '', sample(Date.UTC(2026, 0, 1, 12, 0, 1), { bitrateKbps: null }))
    store.addMarker('s', '', {
      at: Date.UTC(2026, 0, 1, 12, 0, 0, 500),
      kind: 'large-gift',
      detail: '{"nick":"A \\"B\\""}',
    })
    const csv = timelineCsv(store.series('s')!)
    expect(csv.split('\r\n')).toEqual([
      'time,unixMs,viewers,chat,gifts,likes,bitrateKbps,dropped,marker,detail',
      `2026-01-01T12:00:00.000Z,${Date.UTC(2026, 0, 1, 12)},3,2,0,2,2500,0,,`,
      `2026-01-01T12:00:00.500Z,${Date.UTC(2026, 0, 1, 12, 0, 0, 500)},,,,,,,large-gift,"{""nick"":""A \\""B\\""""}"`,
      `2026-01-01T12:00:01.000Z,${Date.UTC(2026, 0, 1, 12, 0, 1)},3,1.5,0,2,,0,,`,
      '',
    ])
    db.close()
  })
})
