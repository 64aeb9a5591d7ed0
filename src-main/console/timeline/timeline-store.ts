import {
  TimelineMarkerKind,
  type TimelineMarker,
  type TimelineSample,
  type TimelineSeries,
  type TimelineShow,
} from '../../../src-shared/contract/timeline'
import type { Db } from '../store/database'

/** Shows kept; the oldest beyond it goes with its samples when a new show begins. */
export const TIMELINE_SHOWS_KEPT = 100
/**
 * Most points a series is read back with: a show longer than this many seconds (5 h 33 min, or a
 * console left open for days before a show) comes back in buckets of whole seconds, so the
 * renderer never gets a payload of hundreds of thousands of rows.
 */
export const TIMELINE_MAX_POINTS = 20_000

interface ShowRow {
  id: string
  title: string
  started_at: number
  last_at: number
  ended_at: number | null
}

interface SampleRow {
  at: number
  viewers: number
  chat: number
  gifts: number
  likes: number
  bitrate_kbps: number | null
  dropped: number | null
}

const toShow = (row: ShowRow): TimelineShow => ({
  id: row.id,
  title: row.title,
  startedAt: row.started_at,
  lastAt: row.last_at,
  endedAt: row.ended_at,
})

/**
 * The shows' timelines in the console's database (migration 20): one row a second per show and
 * the show's markers. Plain statements on the handle (STYLE.md, SQLite); one sample a second is
 * one small insert, well inside what the main loop can spare.
 */
export class TimelineStore {
  private readonly statements

  constructor(private readonly db: Db) {
    this.statements = {
      show: db.prepare<[string], ShowRow>('SELECT * FROM timeline_shows WHERE id = ?'),
      shows: db.prepare<[number], ShowRow>(
        'SELECT * FROM timeline_shows ORDER BY started_at DESC, id DESC LIMIT ?',
      ),
      upsertShow: db.prepare<[string, string, number, number]>(
        `INSERT INTO timeline_shows (id, title, started_at, last_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET
           title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE title END,
           started_at = MIN(started_at, excluded.started_at),
           last_at = MAX(last_at, excluded.last_at)`,
      ),
      endShow: db.prepare<[number, string]>(
        'UPDATE timeline_shows SET ended_at = COALESCE(ended_at, ?) WHERE id = ?',
      ),
      sample: db.prepare<
        [string, number, number, number, number, number, number | null, number | null]
      >(
        `INSERT OR REPLACE INTO timeline_samples
           (show_id, at, viewers, chat, gifts, likes, bitrate_kbps, dropped)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      samples: db.prepare<[string], SampleRow>(
        `SELECT at, viewers, chat, gifts, likes, bitrate_kbps, dropped
         FROM timeline_samples WHERE show_id = ? ORDER BY at`,
      ),
      span: db.prepare<[string], { n: number; first: number | null; last: number | null }>(
        'SELECT COUNT(*) AS n, MIN(at) AS first, MAX(at) AS last FROM timeline_samples WHERE show_id = ?',
      ),
      // A bucket: its first second; the most viewers; rates and bitrate averaged; drops summed.
      buckets: db.prepare<[{ first: number; bucket: number; showId: string }], SampleRow>(
        `SELECT MIN(at) AS at, MAX(viewers) AS viewers, AVG(chat) AS chat, AVG(gifts) AS gifts,
           AVG(likes) AS likes, AVG(bitrate_kbps) AS bitrate_kbps, SUM(dropped) AS dropped
         FROM timeline_samples WHERE show_id = @showId
         GROUP BY CAST((at - @first) / @bucket AS INTEGER) ORDER BY 1`,
      ),
      marker: db.prepare<[string, number, string, string]>(
        'INSERT INTO timeline_markers (show_id, at, kind, detail) VALUES (?, ?, ?, ?)',
      ),
      markers: db.prepare<[string], { at: number; kind: string; detail: string }>(
        'SELECT at, kind, detail FROM timeline_markers WHERE show_id = ? ORDER BY at, id',
      ),
      prune: db.prepare<[number]>(
        `DELETE FROM timeline_shows WHERE id NOT IN
           (SELECT id FROM timeline_shows ORDER BY started_at DESC, id DESC LIMIT ?)`,
      ),
    }
  }

  /** Records that `showId` runs at `at` (a new show is made, and the oldest beyond the limit go). */
  touchShow(showId: string, title: string, at: number): void {
    const isNew = this.statements.show.get(showId) === undefined
    this.statements.upsertShow.run(showId, title, at, at)
    if (isNew) this.statements.prune.run(TIMELINE_SHOWS_KEPT)
  }

  addSample(showId: string, title: string, sample: TimelineSample): void {
    this.db.transaction(() => {
      this.touchShow(showId, title, sample.at)
      this.statements.sample.run(
        showId,
        sample.at,
        sample.viewers,
        sample.chat,
        sample.gifts,
        sample.likes,
        sample.bitrateKbps,
        sample.dropped,
      )
    })()
  }

  addMarker(showId: string, title: string, marker: TimelineMarker): void {
    this.db.transaction(() => {
      this.touchShow(showId, title, marker.at)
      this.statements.marker.run(showId, marker.at, marker.kind, marker.detail)
    })()
  }

  /** The show ended at `at` (kept once: a later end does not move it). */
  endShow(showId: string, at: number): void {
    this.statements.endShow.run(at, showId)
  }

  shows(limit = TIMELINE_SHOWS_KEPT): TimelineShow[] {
    return this.statements.shows.all(limit).map(toShow)
  }

  show(showId: string): TimelineShow | undefined {
    const row = this.statements.show.get(showId)
    return row ? toShow(row) : undefined
  }

  /**
   * The show's samples as columns, oldest first, with its markers; undefined for an unknown show.
   * More than `maxPoints` samples come back as that many buckets at most (TIMELINE_MAX_POINTS).
   */
  series(showId: string, maxPoints = TIMELINE_MAX_POINTS): TimelineSeries | undefined {
    const show = this.show(showId)
    if (!show) return undefined
    const series: TimelineSeries = {
      show,
      at: [],
      viewers: [],
      chat: [],
      gifts: [],
      likes: [],
      bitrateKbps: [],
      dropped: [],
      markers: [],
    }
    const span = this.statements.span.get(showId)
    const rows =
      span && span.n > maxPoints && span.first !== null && span.last !== null
        ? this.statements.buckets.iterate({
            first: span.first,
            bucket: Math.ceil((span.last - span.first + 1) / maxPoints / 1000) * 1000,
            showId,
          })
        : this.statements.samples.iterate(showId)
    for (const row of rows) {
      series.at.push(row.at)
      series.viewers.push(row.viewers)
      series.chat.push(row.chat)
      series.gifts.push(row.gifts)
      series.likes.push(row.likes)
      series.bitrateKbps.push(row.bitrate_kbps)
      series.dropped.push(row.dropped)
    }
    for (const row of this.statements.markers.all(showId)) {
      const kind = TimelineMarkerKind.safeParse(row.kind)
      if (kind.success) series.markers.push({ at: row.at, kind: kind.data, detail: row.detail })
    }
    return series
  }
}
