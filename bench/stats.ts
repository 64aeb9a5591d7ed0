export interface BenchRow {
  metric: string
  value: number
  baseline: number
  goal: string
}
export interface BenchResult {
  name: string
  rows: BenchRow[]
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2))

/** A Markdown table: the figure, the baseline from the same run, and their ratio. */
export function formatResult(result: BenchResult): string {
  const lines = [
    `### ${result.name}`,
    '',
    '| metric | LiveDesk | baseline | ratio | goal |',
    '|---|---:|---:|---:|---|',
  ]
  for (const row of result.rows) {
    const ratio = row.baseline ? (row.value / row.baseline).toFixed(2) : '—'
    lines.push(
      `| ${row.metric} | ${fmt(row.value)} | ${fmt(row.baseline)} | ${ratio} | ${row.goal} |`,
    )
  }
  return lines.join('\n')
}
