import { useEffect, useId, useRef, useState } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import {
  LargeGiftDetail,
  timelineCsv,
  type TimelineMarker,
  type TimelineSeries,
  type TimelineShow,
} from '../../../src-shared/contract'
import type { Api } from '../../shared/api'
import { download, downloadBlob } from '../../shared/download'
import { errorMessage } from '../../shared/error-message'
import { getLocale, t } from '../../shared/i18n'
import { formatClock, formatDateTime } from '../../shared/time'
import {
  chartData,
  chartOptions,
  chartPng,
  MARKER_STYLE,
  showLatestInLegend,
} from './timeline-chart'
import { useTimeline } from './use-timeline'
import './timeline.css'

/** The plot's height (axes included) while its frame has no height of its own yet. */
const CHART_HEIGHT = 300
/** The least it is fitted to: a shorter panel cuts the legend off instead. */
const CHART_MIN_HEIGHT = 140

/** The plot as wide as `frame` and as high as it leaves beside the legend at that width. */
function fitPlot(plot: uPlot, frame: HTMLElement): void {
  const width = frame.clientWidth || 600
  // The width first: the legend's lines (and so the height left) follow from it.
  if (width !== plot.width) plot.setSize({ width, height: plot.height })
  const height = plotHeight(frame)
  if (height !== plot.height) plot.setSize({ width, height })
}

/**
 * The plot's height in `frame`: what the panel leaves it (the frame is the panel's flexible part)
 * less uPlot's legend under the plot, which wraps onto a second line in a narrow panel.
 */
function plotHeight(frame: HTMLElement): number {
  const legend = frame.querySelector<HTMLElement>('.u-legend')?.offsetHeight ?? 0
  const padding = Number.parseFloat(getComputedStyle(frame).paddingTop) || 0
  const room = frame.clientHeight - padding - legend
  return room > 0 ? Math.max(CHART_MIN_HEIGHT, Math.floor(room)) : CHART_HEIGHT
}
/** Markers listed in words under the chart (the newest); the chart draws them all. */
const MARKERS_LISTED = 6

function showTitle(show: TimelineShow): string {
  return show.title || t('timeline.untitled')
}

function markerText(marker: TimelineMarker): string {
  const time = formatClock(marker.at)
  switch (marker.kind) {
    case 'state':
      return t('timeline.marker.state', { time, state: t(stateKey(marker.detail)) })
    case 'reconnect':
      return marker.detail === 'room'
        ? t('timeline.marker.reconnect.room', { time })
        : t('timeline.marker.reconnect.stream', { time })
    case 'large-gift': {
      let gift: LargeGiftDetail | undefined
      try {
        const parsed = LargeGiftDetail.safeParse(JSON.parse(marker.detail))
        gift = parsed.success ? parsed.data : undefined
      } catch {
        gift = undefined
      }
      if (!gift) return t('timeline.markerKind.large-gift')
      return t('timeline.marker.largeGift', {
        time,
        nick: gift.nick,
        gift: gift.names[getLocale()],
        count: gift.count,
        amount: gift.amount,
      })
    }
  }
}

function stateKey(state: string) {
  switch (state) {
    case 'scheduled':
    case 'live':
    case 'paused':
    case 'ended':
    case 'replay':
      return `roomState.name.${state}` as const
    default:
      return 'roomState.name.none' as const
  }
}

/** The file name of an export: the show's start and id, safe on every OS. */
function exportName(series: TimelineSeries, ext: string): string {
  const start = formatDateTime(series.show.startedAt).replace(/[: ]/g, '-')
  return `timeline-${start}-${series.show.id.replace(/[^\w-]/g, '_')}.${ext}`
}

/**
 * The show's timeline (issue 15 §3): one chart on a shared time axis — viewers, chat, gift value,
 * likes, bitrate and dropped frames — with the show's markers, for the show running now or any
 * past one main keeps, exportable as CSV and PNG. Everything drawn is main's (useTimeline).
 */
export function TimelinePanel({ api }: { api: Api }) {
  const titleId = useId()
  const { shows, picked, series, error, pick } = useTimeline(api)
  const frame = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const markers = useRef<readonly TimelineMarker[]>([])
  const [exportError, setExportError] = useState('')
  const hasSamples = (series?.at.length ?? 0) > 0

  useEffect(() => {
    const element = frame.current
    markers.current = series?.markers ?? []
    if (!element || !series || !hasSamples) return
    if (!plot.current) {
      plot.current = new uPlot(
        chartOptions(element.clientWidth || 600, CHART_HEIGHT, () => markers.current),
        chartData(series),
        element,
      )
      fitPlot(plot.current, element)
    } else {
      plot.current.setData(chartData(series))
      showLatestInLegend(plot.current)
    }
  }, [series, hasSamples])

  const showId = series?.show.id

  // Fitted again when the panel's size changes, and when the legend's does (its values fill in
  // after the first draw, and may take it onto a second line).
  useEffect(() => {
    const element = frame.current
    if (!element || !hasSamples) return
    const observer = new ResizeObserver(() => {
      if (plot.current) fitPlot(plot.current, element)
    })
    observer.observe(element)
    const legend = element.querySelector('.u-legend')
    if (legend) observer.observe(legend)
    return () => observer.disconnect()
  }, [hasSamples, showId])

  // A new show (or none) starts a new chart.
  useEffect(
    () => () => {
      plot.current?.destroy()
      plot.current = null
    },
    [showId, hasSamples],
  )

  const exportPng = async () => {
    if (!plot.current || !series) return
    try {
      setExportError('')
      downloadBlob(exportName(series, 'png'), await chartPng(plot.current, showTitle(series.show)))
    } catch (err) {
      setExportError(String(err))
    }
  }

  const listed = series ? series.markers.slice(-MARKERS_LISTED).reverse() : []
  const more = series ? series.markers.length - listed.length : 0

  return (
    <section className="panel panel-timeline" aria-labelledby={titleId}>
      <div className="timeline-head">
        <h2 id={titleId} className="panel-title">
          {t('timeline.title')}
        </h2>
        <label className="timeline-show">
          <span>{t('timeline.show')}</span>
          <select
            value={picked ?? ''}
            disabled={!shows?.shows.length}
            onChange={(event) => pick(event.target.value)}
          >
            {shows?.shows.map((show) => {
              const params = { start: formatDateTime(show.startedAt), title: showTitle(show) }
              return (
                <option key={show.id} value={show.id}>
                  {show.id === shows.current
                    ? t('timeline.showNow', params)
                    : t('timeline.showOption', params)}
                </option>
              )
            })}
          </select>
        </label>
        <div className="timeline-actions">
          <button
            type="button"
            className="button"
            disabled={!series}
            onClick={() =>
              series && download(exportName(series, 'csv'), 'text/csv', timelineCsv(series))
            }
          >
            {t('timeline.exportCsv')}
          </button>
          <button
            type="button"
            className="button"
            disabled={!hasSamples}
            onClick={() => void exportPng()}
          >
            {t('timeline.exportPng')}
          </button>
        </div>
      </div>
      {error && (
        <p className="panel-error" role="alert">
          {t('timeline.loadFailed', { reason: errorMessage(error) })}
        </p>
      )}
      {exportError && (
        <p className="panel-error" role="alert">
          {exportError}
        </p>
      )}
      {hasSamples && series ? (
        <div
          className="timeline-chart"
          role="img"
          aria-label={t('timeline.chart', { show: showTitle(series.show) })}
          ref={frame}
        />
      ) : (
        <p className="panel-note">{t('timeline.empty')}</p>
      )}
      {series && (
        <div className="timeline-markers">
          <ul className="timeline-marker-key" aria-label={t('timeline.markers')}>
            {(['state', 'reconnect', 'large-gift'] as const).map((kind) => (
              <li key={kind}>
                <span
                  className="timeline-marker-swatch"
                  aria-hidden="true"
                  style={{
                    borderColor: MARKER_STYLE[kind].color,
                    borderStyle: MARKER_STYLE[kind].dash.length ? 'dashed' : 'solid',
                  }}
                />
                {t(`timeline.markerKind.${kind}`)}
              </li>
            ))}
          </ul>
          {listed.length > 0 && (
            <ol className="timeline-marker-list" reversed>
              {listed.map((marker, i) => (
                <li key={`${marker.at}-${i}`} className={`timeline-marker-${marker.kind}`}>
                  {markerText(marker)}
                </li>
              ))}
              {more > 0 && (
                <li className="panel-note">{t('timeline.moreMarkers', { count: more })}</li>
              )}
            </ol>
          )}
        </div>
      )}
    </section>
  )
}
