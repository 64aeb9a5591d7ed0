import { cpus, totalmem } from 'node:os'
import { benchContractEvents } from './contract-events'
import { formatResult } from './stats'

/** `npm run bench`: every benchmark, each beside its baseline from the same run. */
async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 30)
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  console.log(
    `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
  )
  console.log(formatResult(await benchContractEvents(seconds)))
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
