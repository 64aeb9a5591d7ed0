import type { LevelRulesProblem } from '../../src-shared/protocol/levels'
import { t, type MessageKey } from './i18n'

/**
 * The words for a field of the level rules (`weights.message`, `thresholds.2`, …) and what is
 * wrong with it (checkLevelRules' reason): the editor's own check and the business host's
 * refusal (code 12201) read the same.
 */

const kinds: Record<string, MessageKey> = {
  message: 'levelRules.kind.message',
  onlineMinute: 'levelRules.kind.onlineMinute',
  like: 'levelRules.kind.like',
  gift: 'levelRules.kind.gift',
}

const problems: Record<LevelRulesProblem, MessageKey> = {
  notANumber: 'levelRules.problem.notANumber',
  negative: 'levelRules.problem.negative',
  tooLarge: 'levelRules.problem.tooLarge',
  noThresholds: 'levelRules.problem.noThresholds',
  tooManyThresholds: 'levelRules.problem.tooManyThresholds',
  notAscending: 'levelRules.problem.notAscending',
  notPositive: 'levelRules.problem.notPositive',
}

export function levelRulesFieldName(field: string): string {
  const [part, sub] = field.split('.')
  const kind = sub !== undefined && Object.hasOwn(kinds, sub) ? kinds[sub] : undefined
  if (part === 'weights' && kind) return t('levelRules.weight', { kind: t(kind) })
  if (part === 'dailyCaps' && kind) return t('levelRules.cap', { kind: t(kind) })
  if (part === 'memberBonus') return t('levelRules.memberBonus')
  if (part === 'thresholds' && sub !== undefined && /^\d+$/.test(sub)) {
    return t('levelRules.threshold', { level: Number(sub) + 2 })
  }
  return t('levelRules.thresholds')
}

export function levelRulesError(field: string, reason: string): string {
  const problem = Object.hasOwn(problems, reason)
    ? problems[reason as LevelRulesProblem]
    : 'levelRules.problem.notANumber'
  return t('error.levelRules', { field: levelRulesFieldName(field), problem: t(problem) })
}
