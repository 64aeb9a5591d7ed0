import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  commitmentOf,
  drawOrder,
  LOTTERY_ALGORITHM,
  sortEntrants,
} from '../../../src-main/liveroom/business/lottery/lottery-draw'

/** `npm run livedesk -- lottery-verify FILE` on an exported result, good and tampered. */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-lottery-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function verify(result: unknown): Promise<{ code: number; out: string }> {
  const file = path.join(dir, `${Math.random()}.json`)
  fs.writeFileSync(file, JSON.stringify(result))
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(__dirname, '../../../scripts/livedesk.mjs'), 'lottery-verify', file],
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, out: `${stdout}${stderr}` }),
    )
  })
}

describe('lottery-verify', () => {
  const seed = createHash('sha256').update('cli').digest('hex')
  const entrants = sortEntrants(['zed', 'amy', 'kim'].map((userId) => ({ userId, nick: userId })))
  const result = {
    keyword: 'draw',
    commitment: commitmentOf(seed),
    seed,
    algorithm: LOTTERY_ALGORITHM,
    openedAt: 1,
    closedAt: 2,
    entrants,
    winners: drawOrder(seed, entrants).slice(0, 1),
  }

  it('says OK for the result as exported, and FAILED with the reason for a changed one', async () => {
    const good = await verify(result)
    expect(good).toMatchObject({ code: 0 })
    expect(good.out).toContain(
      `OK: the seed matches the commitment and draws ${result.winners[0]!.userId}`,
    )
    const other = entrants.find((e) => e.userId !== result.winners[0]!.userId)!
    const bad = await verify({ ...result, winners: [other] })
    expect(bad.code).toBe(1)
    expect(bad.out).toContain('FAILED: the seed draws')
    expect((await verify({ nothing: true })).code).toBe(2)
  })
})
