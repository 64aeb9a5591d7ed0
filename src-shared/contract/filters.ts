import { z } from 'zod'

/**
 * The room's keyword filters (issue 13 §1) as the console edits them and the business host keeps
 * them: the same schema on the business HTTP API (`/business/filters/rules`) and in the contract,
 * so a rule means one thing wherever it travels.
 */

/** What a rule looks for. */
export const FilterKind = z.enum([
  /** A blocked term: matched after folding away the usual evasions (fold-text.ts). */
  'term',
  /** A regular expression (JavaScript, case-insensitive) on the NFKC text. */
  'regex',
  /** Any link; `pattern` may list domains that are allowed (comma-separated). */
  'link',
  /** One character repeated `FILTER_REPEAT_RUN` times or more ("!!!!!!!!!!"). */
  'repeat',
  /** Shouting: at least 10 letters, and 70 % or more of them capitals. */
  'caps',
])
export type FilterKind = z.infer<typeof FilterKind>

/**
 * What happens to a message a rule matches (the seed's before-send answers): `reject` — the sender
 * gets 10016; `drop` — nobody sees it and the sender is told it was sent (ErrorCode 2); `hold` —
 * kept for the review queue, the sender told it was sent; `mask` — delivered with what matched as
 * `***` (a modified message).
 */
export const FilterAction = z.enum(['reject', 'drop', 'hold', 'mask'])
export type FilterAction = z.infer<typeof FilterAction>

/**
 * When the rules cannot all be checked in time (the callback's budget): `allow` (fail open, the
 * default — Tencent's own rule for a callback that does not answer) or `apply` (fail closed: the
 * rule's action, a mask being held for review since nothing matched to mask).
 */
export const FilterOnTimeout = z.enum(['allow', 'apply'])
export type FilterOnTimeout = z.infer<typeof FilterOnTimeout>

export const FILTER_REPEAT_RUN = 10
/** Longest term or pattern, in characters. */
export const FILTER_PATTERN_MAX = 200
/** Rules per room. */
export const FILTER_RULES_MAX = 2000

export const FilterRuleInput = z
  .object({
    kind: FilterKind,
    pattern: z.string().trim().max(FILTER_PATTERN_MAX),
    action: FilterAction,
    onTimeout: FilterOnTimeout.default('allow'),
  })
  .strict()
  .superRefine((rule, context) => {
    if ((rule.kind === 'term' || rule.kind === 'regex') && rule.pattern === '') {
      context.addIssue({ code: 'custom', path: ['pattern'], message: 'Type the term first' })
    }
  })
export type FilterRuleInput = z.input<typeof FilterRuleInput>

export const FilterRule = z.object({
  id: z.number().int().positive(),
  kind: FilterKind,
  pattern: z.string(),
  action: FilterAction,
  onTimeout: FilterOnTimeout,
  /** Who added it (a UserID), and when (Unix ms). */
  createdBy: z.string(),
  createdAt: z.number(),
  /** Messages it matched since it was added. */
  hits: z.number().int().nonnegative(),
})
export type FilterRule = z.infer<typeof FilterRule>

/** The room's rules as the console shows them; `error` when the business host could not be read. */
export const FiltersSnapshot = z.object({
  available: z.boolean(),
  rules: z.array(FilterRule),
})
export type FiltersSnapshot = z.infer<typeof FiltersSnapshot>

/** Business-host codes of the filters (LiveDesk's, in no Tencent range). */
export const FilterCode = {
  /** The pattern is not a regular expression, or one that could run away (nested repeats). */
  badPattern: 13001,
  /** The room has FILTER_RULES_MAX rules already. */
  tooManyRules: 13002,
  /** No such rule (removed by another moderator meanwhile). */
  ruleNotFound: 13003,
  /** The caller is not the room's owner or one of its admins. */
  notModerator: 13004,
  /** This room's backend has no business host to keep filters (a Tencent room without one). */
  unavailable: 13005,
  /** No such item in the review queue. */
  reviewNotFound: 13006,
} as const
