import { createHash, randomBytes } from 'node:crypto'

/**
 * The keyword lottery's draw, which anyone can check (docs/business.md, "Keyword lottery"):
 *
 * 1. When the lottery opens, the business host picks a **seed** (32 random bytes, hex) and tells
 *    the room its **commitment**: `SHA-256(seed bytes)`, hex. The seed stays secret until the draw,
 *    so nobody — the anchor included — can pick the winners by choosing when to enter.
 * 2. When it closes, the entrant list is frozen and **sorted by userId** (UTF-16 code units, as
 *    JavaScript sorts strings), one entry per user.
 * 3. The winners are the first `count` of a Fisher–Yates shuffle of that list driven by the seed
 *    (algorithm `LIVEDESK-SHA256-FY-1`): for position i = 0, 1, …, n−2 the host draws j uniformly
 *    from [0, n−i) and swaps positions i and i+j. A draw takes the first 8 bytes of
 *    `SHA-256(seed bytes ‖ uint32be(i) ‖ uint32be(attempt))` as an unsigned 64-bit big-endian
 *    integer x, and retries with attempt+1 while x ≥ ⌊2⁶⁴ / m⌋·m (m = n−i), so j = x mod m has
 *    no modulo bias.
 * 4. The seed is revealed with the winners. Anyone recomputes the commitment and the winners
 *    from the exported result (`npm run livedesk -- lottery-verify FILE`).
 *
 * A redraw (a winner who did not claim) takes the next entrant of the same shuffle, so it is as
 * checkable as the first draw: the result lists the replaced winners (`redrawn`), and the winners
 * are the head of the shuffle without them.
 */

export const LOTTERY_ALGORITHM = 'LIVEDESK-SHA256-FY-1'

export function newSeed(): string {
  return randomBytes(32).toString('hex')
}

export function commitmentOf(seed: string): string {
  return createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex')
}

const TWO_64 = 1n << 64n

function uniform(seed: Buffer, position: number, range: number): number {
  const m = BigInt(range)
  const limit = (TWO_64 / m) * m
  for (let attempt = 0; ; attempt++) {
    const block = Buffer.alloc(8)
    block.writeUInt32BE(position, 0)
    block.writeUInt32BE(attempt, 4)
    const digest = createHash('sha256').update(seed).update(block).digest()
    const x = digest.readBigUInt64BE(0)
    if (x < limit) return Number(x % m)
  }
}

/** The entrants in the order the draw ranks them (the whole shuffle); winners are its head. */
export function drawOrder<T extends { userId: string }>(seed: string, entrants: readonly T[]): T[] {
  const pool = sortEntrants(entrants)
  const bytes = Buffer.from(seed, 'hex')
  for (let i = 0; i < pool.length - 1; i++) {
    const j = i + uniform(bytes, i, pool.length - i)
    const swap = pool[i] as T
    pool[i] = pool[j] as T
    pool[j] = swap
  }
  return pool
}

/** One entry per user, sorted by userId (code units): the frozen list the draw starts from. */
export function sortEntrants<T extends { userId: string }>(entrants: readonly T[]): T[] {
  const seen = new Set<string>()
  const unique = entrants.filter((entrant) => {
    if (seen.has(entrant.userId)) return false
    seen.add(entrant.userId)
    return true
  })
  return unique.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
}

/**
 * A message's text as the keyword matches it: Unicode NFKC (full-width letters and digits become
 * ASCII), lower case, and no white space at all — so full-width "Ｌｕｃｋｙ" and "Ｄｒａｗ" with an
 * ideographic space between them enter "lucky draw".
 */
export function normalizeKeyword(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '')
}

/** The exported result, as "Export results" downloads it and lottery-verify reads it. */
export interface LotteryResult {
  keyword: string
  commitment: string
  seed: string
  algorithm: string
  /** Unix ms. */
  openedAt: number
  closedAt: number
  /** Sorted by userId, as the draw froze them. */
  entrants: { userId: string; nick: string }[]
  winners: { userId: string; nick: string }[]
  /** Winners replaced by a redraw (they did not claim), in the order they were replaced. */
  redrawn?: { userId: string; nick: string }[]
}

export type Verification =
  | { ok: true; winners: string[] }
  | { ok: false; reason: 'algorithm' | 'commitment' | 'entrants' | 'winners'; expected?: string[] }

/** Recomputes a result: its commitment, its sorted entrant list and its winners. */
export function verifyLottery(result: LotteryResult): Verification {
  if (result.algorithm !== LOTTERY_ALGORITHM) return { ok: false, reason: 'algorithm' }
  if (!/^[0-9a-f]{64}$/i.test(result.seed) || commitmentOf(result.seed) !== result.commitment) {
    return { ok: false, reason: 'commitment' }
  }
  const sorted = sortEntrants(result.entrants)
  if (
    sorted.length !== result.entrants.length ||
    sorted.some((entrant, i) => entrant.userId !== result.entrants[i]?.userId)
  ) {
    return { ok: false, reason: 'entrants' }
  }
  const replaced = new Set((result.redrawn ?? []).map((winner) => winner.userId))
  const expected = drawOrder(result.seed, result.entrants)
    .filter((entrant) => !replaced.has(entrant.userId))
    .slice(0, result.winners.length)
    .map((entrant) => entrant.userId)
  const given = result.winners.map((winner) => winner.userId)
  return expected.every((userId, i) => userId === given[i])
    ? { ok: true, winners: expected }
    : { ok: false, reason: 'winners', expected }
}
