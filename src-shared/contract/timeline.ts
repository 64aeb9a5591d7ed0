import { z } from 'zod'

/**
 * The show's timeline (issue 15 §3): main samples the room and the stream once a second
 * (src-main/console/timeline/timeline-sampler.ts) and keeps every sample in the console's SQLite,
 * per show, so a reload or a look back after the show finds the same series. The renderer draws
 * what main sends; it counts nothing.
 */

/** How often main samples, ms. */
export const TIMELINE_SAMPLE_MS = 1000
/** The strip's chat rate is the mean of this many seconds of samples. */
export const CHAT_RATE_WINDOW_S = 10

/** One second of the show. Rates are per second over the second that ended at `at`. */
export const TimelineSample = z.object({
  /** Unix ms. */
  at: z.number().int(),
  viewers: z.number().int().nonnegative(),
  /** Chat lines per second. */
  chat: z.number().nonnegative(),
  /** Coins of gifts per second (the ledger's totals, read once a second). */
  gifts: z.number().nonnegative(),
  likes: z.number().nonnegative(),
  /** Push bitrate; null while nothing is pushed. */
  bitrateKbps: z.number().nonnegative().nullable(),
  /** Frames the encoder dropped in that second; null while the encoder is not running. */
  dropped: z.number().int().nonnegative().nullable(),
})
export type TimelineSample = z.infer<typeof TimelineSample>

export const TimelineMarkerKind = z.enum(['state', 'reconnect', 'large-gift'])
export type TimelineMarkerKind = z.infer<typeof TimelineMarkerKind>

/**
 * Something worth a line on the chart. `detail` is data, worded by the renderer: the room state's
 * name for `state`, `stream` or `room` for `reconnect`, and for a large gift a JSON object
 * `{ nick, names: { en, ko, zh-CN }, count, amount }` (LargeGiftDetail).
 */
export const TimelineMarker = z.object({
  at: z.number().int(),
  kind: TimelineMarkerKind,
  detail: z.string().max(1000),
})
export type TimelineMarker = z.infer<typeof TimelineMarker>

export const LargeGiftDetail = z.object({
  nick: z.string(),
  names: z.object({ en: z.string(), ko: z.string(), 'zh-CN': z.string() }),
  count: z.number().int(),
  amount: z.number().int(),
})
export type LargeGiftDetail = z.infer<typeof LargeGiftDetail>

export const TimelineShow = z.object({
  /** The room state's showId, or `console-<ms>` for a console run in a room without one. */
  id: z.string(),
  title: z.string(),
  /** Unix ms of its first sample. */
  startedAt: z.number().int(),
  /** Unix ms of its last sample. */
  lastAt: z.number().int(),
  /** Unix ms it ended (the room state's end); null while it runs or when never told. */
  endedAt: z.number().int().nullable(),
})
export type TimelineShow = z.infer<typeof TimelineShow>

export const TimelineShows = z.object({
  /** Newest first. */
  shows: z.array(TimelineShow),
  /** The show being sampled now; null between shows. */
  current: z.string().nullable(),
})
export type TimelineShows = z.infer<typeof TimelineShows>

/** A show's samples, oldest first, as columns (what the chart draws), and its markers. */
export const TimelineSeries = z.object({
  show: TimelineShow,
  at: z.array(z.number()),
  viewers: z.array(z.number()),
  chat: z.array(z.number()),
  gifts: z.array(z.number()),
  likes: z.array(z.number()),
  bitrateKbps: z.array(z.number().nullable()),
  dropped: z.array(z.number().nullable()),
  markers: z.array(TimelineMarker),
})
export type TimelineSeries = z.infer<typeof TimelineSeries>

/** Each second's sample, and the live figures the director strip shows. */
export const TimelineTick = z.object({
  /** The show it was kept in; null when no show runs (the room's show ended). */
  showId: z.string().nullable(),
  sample: TimelineSample,
  /** Chat lines per second over the last CHAT_RATE_WINDOW_S seconds. */
  chatRate: z.number().nonnegative(),
  /** Markers since the last tick, each with the show it belongs to (an end is its show's). */
  markers: z.array(z.object({ showId: z.string(), marker: TimelineMarker })),
})
export type TimelineTick = z.infer<typeof TimelineTick>

/** The code of a timeline request for a show the console does not keep. */
export const TimelineCode = { noSuchShow: 15001 } as const

/** The columns a series appends a sample to, in the CSV's order. */
export const TIMELINE_COLUMNS = [
  'viewers',
  'chat',
  'gifts',
  'likes',
  'bitrateKbps',
  'dropped',
] as const satisfies readonly (keyof TimelineSample)[]

const sameMarker = (a: TimelineMarker, b: TimelineMarker) =>
  a.at === b.at && a.kind === b.kind && a.detail === b.detail

/** A series with the markers it does not hold yet, as a new object (the same one when none). */
export function withMarkers(
  series: TimelineSeries,
  markers: readonly TimelineMarker[],
): TimelineSeries {
  const fresh = markers.filter((m) => !series.markers.some((held) => sameMarker(held, m)))
  return fresh.length ? { ...series, markers: [...series.markers, ...fresh] } : series
}

/**
 * A series with one more sample (and its markers), as a new object. A tick may reach a console
 * after the series it read already held it (main batches events for ~16 ms; the read answers at
 * once): a second the series has, or one before it, is not appended again, nor a marker twice.
 */
export function appendToSeries(
  series: TimelineSeries,
  sample: TimelineSample,
  markers: readonly TimelineMarker[],
): TimelineSeries {
  const marked = withMarkers(series, markers)
  const last = series.at.at(-1)
  if (last !== undefined && sample.at <= last) return marked
  return {
    ...marked,
    show: { ...series.show, lastAt: sample.at },
    at: [...series.at, sample.at],
    viewers: [...series.viewers, sample.viewers],
    chat: [...series.chat, sample.chat],
    gifts: [...series.gifts, sample.gifts],
    likes: [...series.likes, sample.likes],
    bitrateKbps: [...series.bitrateKbps, sample.bitrateKbps],
    dropped: [...series.dropped, sample.dropped],
  }
}

const cell = (text: string) => `"${text.replace(/"/g, '""')}"`

/**
 * The series as CSV: one row per second (ISO time, Unix ms, then the columns; an empty cell where
 * nothing was pushed), then the markers as rows of their own with their kind and detail.
 */
export function timelineCsv(series: TimelineSeries): string {
  const header = ['time', 'unixMs', ...TIMELINE_COLUMNS, 'marker', 'detail']
  const rows: string[] = [header.join(',')]
  const markers = [...series.markers].sort((a, b) => a.at - b.at)
  let next = 0
  const markerRow = (marker: TimelineMarker) =>
    [
      new Date(marker.at).toISOString(),
      marker.at,
      ...TIMELINE_COLUMNS.map(() => ''),
      marker.kind,
      cell(marker.detail),
    ].join(',')
  series.at.forEach((at, i) => {
    while (next < markers.length && markers[next]!.at <= at) rows.push(markerRow(markers[next++]!))
    const values = TIMELINE_COLUMNS.map((column) => {
      const value = series[column][i]
      return value === null || value === undefined ? '' : String(Math.round(value * 100) / 100)
    })
    rows.push([new Date(at).toISOString(), at, ...values, '', ''].join(','))
  })
  while (next < markers.length) rows.push(markerRow(markers[next++]!))
  return rows.join('\r\n') + '\r\n'
}
