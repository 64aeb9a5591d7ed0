import fs from 'node:fs'
import { LotteryResult } from '../../../../src-shared/protocol/lottery'
import { verifyLottery } from './lottery-draw'

/**
 * `npm run livedesk -- lottery-verify FILE`: recomputes a lottery from its exported result (the
 * JSON "Export results" downloads) — the commitment from the seed, the sorted entrant list, the
 * winners from the seed (lottery-draw.ts). Exit 0 when it checks, 1 when it does not, 2 when the
 * file cannot be read.
 */
function main(args: string[]): number {
  const file = args[0]
  if (!file || args.length > 1) {
    process.stderr.write('Usage: livedesk lottery-verify FILE (the exported result, JSON)\n')
    return 2
  }
  let parsed
  try {
    parsed = LotteryResult.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')))
  } catch (error) {
    process.stderr.write(`Cannot read ${file}: ${(error as Error).message}\n`)
    return 2
  }
  if (!parsed.success) {
    process.stderr.write(`${file} is not a lottery result: ${parsed.error.issues[0]?.message}\n`)
    return 2
  }
  const verdict = verifyLottery(parsed.data)
  if (verdict.ok) {
    process.stdout.write(
      `OK: the seed matches the commitment and draws ${verdict.winners.join(', ') || 'nobody'} from ${parsed.data.entrants.length} entrants\n`,
    )
    return 0
  }
  const words = {
    algorithm: `the algorithm is not ${'LIVEDESK-SHA256-FY-1'}`,
    commitment: 'the seed does not match the commitment',
    entrants: 'the entrant list is not sorted by userId with one entry per user',
    winners: `the seed draws ${verdict.expected?.join(', ')}, not the winners listed`,
  }[verdict.reason]
  process.stdout.write(`FAILED: ${words}\n`)
  return 1
}

process.exitCode = main(process.argv.slice(2))
