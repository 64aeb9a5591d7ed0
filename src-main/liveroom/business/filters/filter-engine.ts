import {
  FILTER_REPEAT_RUN,
  type FilterAction,
  type FilterRule,
} from '../../../../src-shared/contract/filters'
import {
  cleanForPatterns,
  foldForMatch,
  foldTerm,
  type ProjectedText,
  sourceSpan,
} from './fold-text'

/**
 * A room's rules, compiled once per change, and the decision for one message's text. Pure and
 * synchronous: it runs inside the before-send callback, whose whole answer has 2 s (reference
 * §5.1) and which every chat line waits for — the bench holds it to a p99 under 5 ms at 1,000 rules.
 */

type Span = [number, number]

interface CompiledRule {
  readonly rule: FilterRule
  /** The spans of the original text it matches; empty when it does not match. */
  match(text: MessageText): Span[]
}

/** One message's text, projected lazily (most rules need only one projection). */
export class MessageText {
  private foldedText: ProjectedText | undefined
  private cleanText: ProjectedText | undefined
  constructor(readonly original: string) {}
  get folded(): ProjectedText {
    return (this.foldedText ??= foldForMatch(this.original))
  }
  get clean(): ProjectedText {
    return (this.cleanText ??= cleanForPatterns(this.original))
  }
}

/** How strong an action is: the strongest of the rules that match wins. */
const strength: Record<FilterAction, number> = { mask: 1, hold: 2, drop: 3, reject: 4 }

/**
 * A regular expression that can take exponential time on some input ("(a+)+$"): a repeated group
 * that itself repeats. A heuristic in the spirit of `safe-regex` (star height > 1) — the engine
 * runs synchronously in the callback, so a runaway pattern would stall every chat line.
 */
export function isRunawayPattern(pattern: string): boolean {
  return /\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)[*+{]/.test(pattern) || /\\\d/.test(pattern)
}

/** The compiled regex of a pattern, or the reason it cannot be one. */
export function compilePattern(pattern: string): RegExp | 'invalid' | 'runaway' {
  if (isRunawayPattern(pattern)) return 'runaway'
  try {
    return new RegExp(pattern, 'giu')
  } catch {
    return 'invalid'
  }
}

function spansOf(regex: RegExp, projected: ProjectedText): Span[] {
  const spans: Span[] = []
  regex.lastIndex = 0
  for (const found of projected.text.matchAll(regex)) {
    if (found[0] === '') continue
    spans.push(sourceSpan(projected, found.index, found.index + found[0].length))
  }
  return spans
}

const linkPattern =
  /(?:https?:\/\/|www\.)[^\s]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|me|gg|tv|ly|co|kr|cn|jp|xyz|info|link|top|site|app|dev|live|shop|club|online|ru|to)\b(?:\/[^\s]*)?/giu

function hostOf(link: string): string {
  const bare = link.replace(/^https?:\/\//i, '').replace(/^www\./i, '')
  return bare.split(/[/?#:]/)[0]?.toLowerCase() ?? ''
}

function compileRule(rule: FilterRule): CompiledRule | undefined {
  switch (rule.kind) {
    case 'term': {
      const term = foldTerm(rule.pattern)
      if (term === '') return undefined
      return {
        rule,
        match: ({ folded }) => {
          const spans: Span[] = []
          for (let at = folded.text.indexOf(term); at !== -1;) {
            spans.push(sourceSpan(folded, at, at + term.length))
            at = folded.text.indexOf(term, at + term.length)
          }
          return spans
        },
      }
    }
    case 'regex': {
      const regex = compilePattern(rule.pattern)
      if (typeof regex === 'string') return undefined
      return { rule, match: ({ clean }) => spansOf(regex, clean) }
    }
    case 'link': {
      const allowed = rule.pattern
        .split(',')
        .map((domain) =>
          domain
            .trim()
            .toLowerCase()
            .replace(/^www\./, ''),
        )
        .filter(Boolean)
      const isAllowed = (host: string) =>
        allowed.some((domain) => host === domain || host.endsWith(`.${domain}`))
      return {
        rule,
        match: ({ clean }) => {
          const spans: Span[] = []
          linkPattern.lastIndex = 0
          for (const found of clean.text.toLowerCase().matchAll(linkPattern)) {
            if (isAllowed(hostOf(found[0]))) continue
            spans.push(sourceSpan(clean, found.index, found.index + found[0].length))
          }
          return spans
        },
      }
    }
    case 'repeat': {
      const run = new RegExp(`(.)\\1{${FILTER_REPEAT_RUN - 1},}`, 'gsu')
      return { rule, match: ({ clean }) => spansOf(run, clean) }
    }
    case 'caps':
      return {
        rule,
        match: ({ original }) => {
          const letters = original.match(/\p{L}/gu) ?? []
          const capitals = original.match(/\p{Lu}/gu) ?? []
          return letters.length >= 10 && capitals.length >= letters.length * 0.7
            ? [[0, original.length]]
            : []
        },
      }
  }
}

export type FilterDecision =
  | { kind: 'allow' }
  /** The strongest matching rule's action (reject, drop, hold). */
  | { kind: 'reject' | 'drop' | 'hold'; rule: FilterRule; matched: FilterRule[] }
  /** Only mask rules matched: the text with each match as `***`. */
  | { kind: 'mask'; texts: string[]; matched: FilterRule[] }
  /**
   * The rules were not all checked within the deadline: `rule` is the strongest unchecked rule
   * that fails closed (undefined: all fail open, so the message goes as it is).
   */
  | { kind: 'timeout'; rule: FilterRule | undefined; checked: number }

export interface DecideOptions {
  /** Milliseconds since the decision began (a monotonic clock). */
  elapsedMs(): number
  /** Past this, the rules not yet checked are settled by their `onTimeout`. */
  deadlineMs: number
}

/** How often (in rules) the deadline is looked at: a clock read per rule would cost more than most rules. */
const deadlineEvery = 64

export const maskText = '***'

function masked(original: string, spans: Span[]): string {
  const sorted = [...spans].sort((a, b) => a[0] - b[0])
  let out = ''
  let at = 0
  for (const [start, end] of sorted) {
    // Overlapping matches are one masked stretch.
    if (start < at) {
      at = Math.max(at, end)
      continue
    }
    out += original.slice(at, start) + maskText
    at = end
  }
  return out + original.slice(at)
}

/** A room's rules, ready to decide on messages. */
export class CompiledRules {
  private readonly compiled: CompiledRule[]
  constructor(rules: readonly FilterRule[]) {
    // Strongest actions first: a reject that matches ends the check early.
    this.compiled = rules
      .map(compileRule)
      .filter((rule): rule is CompiledRule => rule !== undefined)
      .sort((a, b) => strength[b.rule.action] - strength[a.rule.action] || a.rule.id - b.rule.id)
  }

  get size(): number {
    return this.compiled.length
  }

  /** Decides on a message made of `texts` (its text elements). */
  decide(texts: readonly string[], options: DecideOptions): FilterDecision {
    if (this.compiled.length === 0 || texts.length === 0) return { kind: 'allow' }
    const views = texts.map((text) => new MessageText(text))
    const matched: FilterRule[] = []
    const maskSpans = views.map((): Span[] => [])
    for (let index = 0; index < this.compiled.length; index++) {
      const current = this.compiled[index]!
      if (index % deadlineEvery === 0 && options.elapsedMs() >= options.deadlineMs) {
        // What matched so far stands; with nothing matched, the unchecked rules' policies decide.
        if (matched.length > 0) break
        return this.timedOut(index)
      }
      // Once a stronger action matched, weaker rules cannot change the outcome.
      const best = matched[0]
      if (best && strength[current.rule.action] < strength[best.action]) break
      let hit = false
      views.forEach((view, at) => {
        const spans = current.match(view)
        if (spans.length === 0) return
        hit = true
        maskSpans[at]!.push(...spans)
      })
      if (!hit) continue
      matched.push(current.rule)
      if (current.rule.action === 'reject') break
    }
    const strongest = matched[0]
    if (!strongest) return { kind: 'allow' }
    if (strongest.action !== 'mask') {
      return { kind: strongest.action, rule: strongest, matched }
    }
    return {
      kind: 'mask',
      texts: views.map((view, at) => masked(view.original, maskSpans[at]!)),
      matched,
    }
  }

  private timedOut(from: number): FilterDecision {
    const closed = this.compiled
      .slice(from)
      .map((compiled) => compiled.rule)
      .filter((rule) => rule.onTimeout === 'apply')
    return { kind: 'timeout', rule: closed[0], checked: from }
  }
}
