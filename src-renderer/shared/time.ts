const pad = (n: number) => String(n).padStart(2, '0')

/** Local wall-clock time as HH:MM:SS (24 h), the format broadcasters read chat logs in. */
export function formatClock(ms: number): string {
  const date = new Date(ms)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}
