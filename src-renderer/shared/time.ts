const pad = (n: number) => String(n).padStart(2, '0')

/** Local wall-clock time as HH:MM:SS (24 h), the format broadcasters read chat logs in. */
export function formatClock(ms: number): string {
  const date = new Date(ms)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

const DAY_MS = 86_400_000

/** Local date and time as YYYY-MM-DD HH:MM. */
export function formatDateTime(ms: number): string {
  const date = new Date(ms)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** An end time: the clock when it is within a day of `now`, else the local date and time. */
export function formatUntil(ms: number, now: number): string {
  return ms - now < DAY_MS ? formatClock(ms) : formatDateTime(ms)
}
