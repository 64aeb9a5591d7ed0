import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FilterAction, FilterKind } from '../src-shared/contract/filters'
import { systemClock } from '../src-main/common/clock'
import type { SendMsgBody } from '../src-main/common/im-callbacks'
import { BusinessHost } from '../src-main/liveroom/business/business-host'
import { openBusinessStore } from '../src-main/liveroom/business/business-store'
import type { BusinessCapability } from '../src-main/liveroom/business/callback-port'
import { FilterStore } from '../src-main/liveroom/business/filters/filter-store'
import { KeywordFilters } from '../src-main/liveroom/business/filters/keyword-filters'
import { seededRandom } from '../test/support/seeded-random'
import { type BenchResult, percentile } from './stats'

/**
 * The keyword filters' decision (issue 13 §1): a room with 1,000 rules (terms in en/ko/zh,
 * patterns, links, repeats, shouting), chat at the room's 40 msg/s for `seconds`, each message
 * decided by the business host's before-send handler as the room would ask it (in process). The
 * figure is the time from the callback to its answer. A tenth of the lines carry a blocked term
 * written the way people evade filters (spaced, full-width, look-alike digits, jamo).
 *
 * Baseline, from the same run and the same lines: the same host with the same number of terms
 * matched the naive way (lower-cased substring, no folding) — what resisting evasion costs.
 */

const ruleCount = 1000
const ratePerSecond = 40

const words = [
  'hello',
  'great',
  'stream',
  'today',
  'love',
  'this',
  'song',
  'when',
  'next',
  'game',
  'wow',
  'nice',
  'play',
  'again',
  'lol',
  '안녕하세요',
  '재밌다',
  '오늘',
  '방송',
  '최고',
  '대박',
  '你好',
  '主播',
  '好看',
  '今天',
  '加油',
  '厉害',
  '哈哈',
]
const syllables = '가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허'

function makeTerms(random: () => number): string[] {
  const latin = 'abcdefghijklmnopqrstuvwxyz'
  const pick = (alphabet: string, length: number) =>
    Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
  const terms: string[] = []
  while (terms.length < ruleCount - 60) {
    const kind = terms.length % 3
    if (kind === 0) terms.push(pick(latin, 5 + Math.floor(random() * 5)))
    else if (kind === 1) terms.push(pick(syllables, 2 + Math.floor(random() * 2)))
    else terms.push(pick('赌博发票色情毒品枪支诈骗代开刷单兼职', 2))
  }
  return terms
}

/** A blocked term as someone would write it to get it through. */
function evade(term: string, random: () => number): string {
  const way = Math.floor(random() * 4)
  if (way === 0) return [...term].join(' ')
  if (way === 1) return term.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
  if (way === 2) return term.replace(/o/g, '0').replace(/i/g, '1').replace(/e/g, '3')
  return [...term].join('\u200b')
}

function makeLines(terms: string[], count: number, random: () => number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const length = 3 + Math.floor(random() * 10)
    const parts = Array.from({ length }, () => words[Math.floor(random() * words.length)]!)
    if (index % 10 === 0) {
      parts.splice(
        Math.floor(random() * length),
        0,
        evade(terms[Math.floor(random() * terms.length)]!, random),
      )
    }
    return parts.join(' ')
  })
}

const body = (text: string, random: number): SendMsgBody => ({
  GroupId: 'main',
  Type: 'AVChatRoom',
  From_Account: 'v_bench',
  Random: random,
  MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
})

/** The naive filter: the same terms, lower-cased substrings of the text as sent. */
class NaiveFilters implements BusinessCapability {
  readonly name = 'naive filters'
  private readonly terms: string[]
  constructor(terms: string[]) {
    this.terms = terms.map((term) => term.toLowerCase())
  }
  beforeSend(message: SendMsgBody) {
    const texts = message.MsgBody.map((e) => (e.MsgContent as { Text?: string }).Text ?? '')
    for (const text of texts) {
      const lower = text.toLowerCase()
      if (this.terms.some((term) => lower.includes(term))) return { ErrorCode: 1 }
    }
    return undefined
  }
  close() {}
}

/** Decides `lines` at 40 msg/s through `host`: the answer times (ms), ascending, and the lines acted on. */
async function paced(
  host: BusinessHost,
  lines: string[],
): Promise<{ times: number[]; refused: number }> {
  const times: number[] = []
  let refused = 0
  const start = performance.now()
  for (let index = 0; index < lines.length; index++) {
    const due = start + (index * 1000) / ratePerSecond
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const asked = performance.now()
    const answer = await host.receive({
      command: 'Group.CallbackBeforeSendMsg',
      body: body(lines[index]!, index),
    })
    times.push(performance.now() - asked)
    if (answer && (answer.ErrorCode !== 0 || answer.MsgBody)) refused += 1
  }
  return { times: times.sort((a, b) => a - b), refused }
}

const hostOf = (capability: BusinessCapability) =>
  new BusinessHost({
    capabilities: [capability],
    clock: systemClock,
    log: (line) => console.error(line),
    verifyUserSig: () => false,
  })

export async function benchFilters(seconds: number): Promise<BenchResult> {
  const random = seededRandom(13)
  const terms = makeTerms(random)
  const lines = makeLines(terms, seconds * ratePerSecond, random)
  const dir = mkdtempSync(join(tmpdir(), 'livedesk-bench-filters-'))
  const db = openBusinessStore(join(dir, 'business.db'))
  try {
    const store = new FilterStore(db)
    const actions: FilterAction[] = ['reject', 'drop', 'hold', 'mask']
    const add = (kind: FilterKind, pattern: string, index: number) =>
      store.add({
        groupId: 'main',
        kind,
        pattern,
        action: actions[index % actions.length]!,
        onTimeout: 'allow',
        createdBy: 'anchor',
        createdAt: 0,
      })
    terms.forEach((term, index) => add('term', term, index))
    for (let index = 0; index < 57; index++) add('regex', `buy\\s*${terms[index]}\\d+`, index)
    add('link', 'livedesk.app', 0)
    add('repeat', '', 1)
    add('caps', '', 2)

    const filters = new KeywordFilters(
      {},
      {
        store: db,
        rest: { call: () => Promise.reject(new Error('no REST')) },
        clock: systemClock,
        log: () => {},
      },
    )
    const ours = hostOf(filters)
    // Warm-up: compile the rules and the JIT, as a room does on its first messages.
    await paced(ours, lines.slice(0, 40))
    const measured = await paced(ours, lines)
    ours.close()
    const naive = hostOf(new NaiveFilters([...terms]))
    await paced(naive, lines.slice(0, 40))
    const baseline = await paced(naive, lines)
    naive.close()
    return {
      name: `filters — ${ruleCount} rules, ${ratePerSecond} msg/s for ${seconds} s (${lines.length} messages)`,
      rows: [
        {
          metric: 'decision p50 (ms)',
          value: percentile(measured.times, 50),
          baseline: percentile(baseline.times, 50),
          goal: '',
        },
        {
          metric: 'decision p99 (ms)',
          value: percentile(measured.times, 99),
          baseline: percentile(baseline.times, 99),
          goal: '< 5 ms',
        },
        {
          metric: 'decision max (ms)',
          value: measured.times.at(-1) ?? 0,
          baseline: baseline.times.at(-1) ?? 0,
          goal: '',
        },
        {
          metric: 'lines acted on (any action)',
          value: measured.refused,
          baseline: baseline.refused,
          goal: `${Math.ceil(lines.length / 10)} carry an evaded term`,
        },
      ],
    }
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
