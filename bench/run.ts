import { cpus, totalmem } from 'node:os'
import { benchChatStorm } from './chat-storm'
import { benchContractEvents } from './contract-events'
import { benchFilters } from './filters'
import { benchLevelRewrite } from './level-rewrite'
import { benchRoomFanout } from './room-fanout'
import { benchRoomFanout10k } from './room-fanout-10k'
import { benchGiftStorm } from './gift-storm'
import { benchSeconds } from './room-load'
import { benchRoomOverload } from './room-overload'
import { benchRoomRooms } from './room-rooms'
import { benchRoomStarvation } from './room-starvation'
import { type BenchResult, formatResult } from './stats'
import { benchStreamCpu } from './stream-cpu'
import {
  benchStreamFirstFrame,
  benchStreamGlassToGlass,
  benchStreamReconnect,
} from './stream-latency'

/**
 * Every benchmark by name. Each runs for its own default duration unless BENCH_SECONDS is set.
 */
const benchmarks: Record<string, () => Promise<BenchResult>> = {
  'chat-storm': () => benchChatStorm(benchSeconds(300)),
  'contract-events': () => benchContractEvents(benchSeconds(30)),
  filters: () => benchFilters(benchSeconds(30)),
  'level-rewrite': () => benchLevelRewrite(benchSeconds(15)),
  'room-fanout': () => benchRoomFanout(),
  'room-fanout-10k': () => benchRoomFanout10k(),
  'gift-storm': () => benchGiftStorm(),
  'room-overload': () => benchRoomOverload(),
  'room-rooms': () => benchRoomRooms(),
  'room-starvation': () => benchRoomStarvation(),
  'stream-first-frame': () => benchStreamFirstFrame(),
  'stream-glass-to-glass': () => benchStreamGlassToGlass(benchSeconds(30)),
  'stream-reconnect': () => benchStreamReconnect(),
  'stream-cpu': () => benchStreamCpu(benchSeconds(180)),
}

/**
 * `npm run bench`: every benchmark, each beside its baseline from the same run.
 * `BENCH_ONLY=room-fanout npm run bench` runs one (a comma-separated list runs several).
 */
async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').filter(Boolean)
  const unknown = only?.filter((name) => !(name in benchmarks)) ?? []
  if (unknown.length) {
    throw new Error(
      `BENCH_ONLY names unknown benchmarks: ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`,
    )
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  console.log(
    `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
  )
  for (const [name, run] of Object.entries(benchmarks)) {
    if (only && !only.includes(name)) continue
    console.log(`${formatResult(await run())}\n`)
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
