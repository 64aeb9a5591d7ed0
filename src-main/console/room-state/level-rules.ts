import {
  checkLevelRules,
  type LevelRules,
  LevelRulesCode,
} from '../../../src-shared/protocol/levels'
import { RoomError } from '../../common/room-error'
import type { BusinessClient } from './business-client'

/**
 * Saves the anchor's level rules on the business host (issue 12 §3). Checked here first, with
 * the same check the host makes, so a wrong field is named (code 12201, `field` and `reason`)
 * without a round trip; the host checks again, since it serves other callers too.
 */
export async function saveLevelRules(
  business: BusinessClient,
  groupId: string,
  rules: LevelRules,
): Promise<LevelRules> {
  const checked = checkLevelRules(rules)
  if (!checked.ok) {
    const facts = { field: checked.field, reason: checked.reason }
    throw new RoomError(
      LevelRulesCode.badRules,
      `The level rules were not saved: ${checked.field} is ${checked.reason}`,
      facts,
    )
  }
  return business.saveLevelRules(groupId, checked.rules)
}
