import type uPlot from 'uplot'
import type { TimelineMarker, TimelineSeries } from '../../../src-shared/contract'
import type { TimelineMarkerKind } from '../../../src-shared/contract/timeline'
import { t, type MessageKey } from '../../shared/i18n'

/** The lines the chart draws, in the order of the series' columns. */
export const TIMELINE_LINES = [
  { column: 'viewers', label: 'timeline.viewers', color: '#8fc1ff', scale: 'n', width: 2 },
  { column: 'chat', label: 'timeline.chat', color: '#3ddc84', scale: 'n', width: 1.5 },
  { column: 'gifts', label: 'timeline.gifts', color: '#ffd166', scale: 'coins', width: 1.5 },
  { column: 'likes', label: 'timeline.likes', color: '#ff8aa2', scale: 'n', width: 1.5 },
  { column: 'bitrateKbps', label: 'timeline.bitrate', color: '#b79bff', scale: 'kbps', width: 1.5 },
  { column: 'dropped', label: 'timeline.dropped', color: '#ffa07a', scale: 'n', width: 1 },
] as const satisfies readonly {
  column: keyof TimelineSeries
  label: MessageKey
  color: string
  scale: string
  width: number
}[]

/** Each marker kind's colour and dash; the legend beside the chart says the same in words. */
export const MARKER_STYLE: Record<TimelineMarkerKind, { color: string; dash: number[] }> = {
  state: { color: '#e6e8ee', dash: [] },
  reconnect: { color: '#ffa07a', dash: [4, 3] },
  'large-gift': { color: '#ffd166', dash: [1, 2] },
}

/** uPlot's columns: seconds on the shared x axis, then one array per line. */
export function chartData(series: TimelineSeries): uPlot.AlignedData {
  return [
    series.at.map((at) => at / 1000),
    ...TIMELINE_LINES.map((line) => series[line.column] as (number | null)[]),
  ]
}

/** Off the chart, the legend reads the newest second rather than dashes. */
export function showLatestInLegend(u: uPlot): void {
  const last = u.data[0].length - 1
  if (u.cursor.idx == null && last >= 0) u.setLegend({ idx: last }, false)
}

/** Draws the markers as vertical lines over the plot, so they are in the PNG too. */
function markerPlugin(markers: () => readonly TimelineMarker[]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { ctx, bbox } = u
        ctx.save()
        ctx.lineWidth = Math.max(1, devicePixelRatio)
        for (const marker of markers()) {
          const x = u.valToPos(marker.at / 1000, 'x', true)
          if (x < bbox.left || x > bbox.left + bbox.width) continue
          const style = MARKER_STYLE[marker.kind]
          ctx.strokeStyle = style.color
          ctx.setLineDash(style.dash.map((d) => d * devicePixelRatio))
          ctx.beginPath()
          ctx.moveTo(x, bbox.top)
          ctx.lineTo(x, bbox.top + bbox.height)
          ctx.stroke()
          ctx.fillStyle = style.color
          ctx.beginPath()
          const size = 5 * devicePixelRatio
          ctx.moveTo(x - size, bbox.top)
          ctx.lineTo(x + size, bbox.top)
          ctx.lineTo(x, bbox.top + size * 1.4)
          ctx.fill()
        }
        ctx.restore()
      },
    },
  }
}

/** Steps of the time axis, seconds. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 43_200]

const axisColors = { stroke: '#9aa3b2', grid: { stroke: '#2a2f3a', width: 1 } }

export function chartOptions(
  width: number,
  height: number,
  markers: () => readonly TimelineMarker[],
): uPlot.Options {
  return {
    width,
    height,
    series: [
      { label: t('timeline.time'), value: '{YYYY}-{MM}-{DD} {HH}:{mm}:{ss}' },
      ...TIMELINE_LINES.map((line) => ({
        label: t(line.label),
        stroke: line.color,
        width: line.width,
        scale: line.scale,
        spanGaps: false,
        points: { show: false },
      })),
    ],
    scales: {
      // The axis reaches a marker just before the first sample (the show's own "live").
      x: {
        time: true,
        range: (_u, min, max) => {
          const first = markers()[0]
          return [first ? Math.min(min, first.at / 1000) : min, max]
        },
      },
      n: { range: (_u, _min, max) => [0, Math.max(5, max * 1.1)] },
      kbps: { range: (_u, _min, max) => [0, Math.max(1000, max * 1.1)] },
      coins: { range: (_u, _min, max) => [0, Math.max(10, max * 1.1)] },
    },
    // Counts on the left; bitrate and gift coins, far larger numbers, each on their own scale on
    // the right, in their lines' colours and named, so one gift does not flatten the viewers.
    axes: [
      // Whole seconds at the least: the samples are a second apart.
      { ...axisColors, incrs: TIME_STEPS },
      { ...axisColors, scale: 'n', size: 44 },
      {
        ...axisColors,
        stroke: '#b79bff',
        scale: 'kbps',
        side: 1,
        size: 50,
        label: t('timeline.bitrate'),
        labelSize: 18,
        grid: { show: false },
      },
      {
        ...axisColors,
        stroke: '#ffd166',
        scale: 'coins',
        side: 1,
        size: 44,
        label: t('timeline.gifts'),
        labelSize: 18,
        grid: { show: false },
      },
    ],
    // Room on the right for the last axis's name.
    padding: [10, 18, 0, 0],
    legend: { show: true, live: true },
    cursor: { drag: { x: true, y: false } },
    plugins: [markerPlugin(markers)],
    hooks: { setCursor: [showLatestInLegend], ready: [showLatestInLegend] },
  }
}

/**
 * The chart as a PNG: its canvas (lines, axes and markers) on the console's background, under a
 * line naming the show and a key of the lines' colours (uPlot's legend is HTML, not canvas).
 */
export function chartPng(u: uPlot, title: string): Promise<Blob> {
  const source = u.ctx.canvas
  const scale = source.width / Math.max(1, u.width)
  const header = Math.round(44 * scale)
  const canvas = document.createElement('canvas')
  canvas.width = source.width
  canvas.height = source.height + header
  const ctx = canvas.getContext('2d')
  if (!ctx) return Promise.reject(new Error('no 2d context'))
  ctx.fillStyle = '#171a21'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.fillStyle = '#e6e8ee'
  ctx.font = `600 ${Math.round(14 * scale)}px system-ui, sans-serif`
  ctx.textBaseline = 'top'
  ctx.fillText(title, 8 * scale, 6 * scale)
  ctx.font = `${Math.round(12 * scale)}px system-ui, sans-serif`
  let x = 8 * scale
  for (const line of TIMELINE_LINES) {
    const label = t(line.label)
    ctx.fillStyle = line.color
    ctx.fillRect(x, 30 * scale, 10 * scale, 3 * scale)
    x += 14 * scale
    ctx.fillStyle = '#e6e8ee'
    ctx.fillText(label, x, 25 * scale)
    x += ctx.measureText(label).width + 14 * scale
  }
  ctx.drawImage(source, 0, header)
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
  )
}
