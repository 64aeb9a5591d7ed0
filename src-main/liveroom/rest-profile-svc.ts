import { z } from 'zod'
import { ErrorCode } from '../../src-shared/protocol/codes'
import { type CommandHandler, parseBody } from './rest-common'

/**
 * `profile/portrait_get` (Tencent's "pull profiles"): how a business server learns a user's
 * nickname, e.g. for the sender of a gift (docs/business.md). Tencent's request is `To_Account`
 * (1–100 accounts) and `TagList`; the answer's `UserProfileItem` has one entry per account with
 * `ProfileItem [{Tag, Value}]` and a `ResultCode`. Field names are [I] (from memory of Tencent's
 * doc; the reference does not list them). This room keeps one tag, `Tag_Profile_IM_Nick`, and
 * answers `Tag_Profile_IM_Image` with the account_import avatar; other tags are left out.
 */

const PortraitGet = z.object({
  To_Account: z.array(z.string().min(1).max(32)).min(1).max(100),
  TagList: z.array(z.string().max(64)).min(1).max(50),
})

/** Tencent's code for an account that does not exist, as remembered. */
const accountNotFound = 40003

const portraitGet: CommandHandler = (deps, _call, raw) => {
  const body = parseBody(PortraitGet, raw)
  const wantNick = body.TagList.includes('Tag_Profile_IM_Nick')
  const wantImage = body.TagList.includes('Tag_Profile_IM_Image')
  const UserProfileItem = body.To_Account.map((account) => {
    const nick = deps.store.profiles.nick(account)
    if (nick === undefined && !deps.store.accounts.exists(account)) {
      return {
        To_Account: account,
        ProfileItem: [],
        ResultCode: accountNotFound,
        ResultInfo: `Account "${account}" has no profile`,
      }
    }
    const items: { Tag: string; Value: string }[] = []
    if (wantNick) items.push({ Tag: 'Tag_Profile_IM_Nick', Value: nick ?? '' })
    if (wantImage)
      items.push({ Tag: 'Tag_Profile_IM_Image', Value: deps.store.accounts.faceUrl(account) })
    return { To_Account: account, ProfileItem: items, ResultCode: ErrorCode.ok, ResultInfo: '' }
  })
  return { UserProfileItem }
}

export const profileService: Record<string, CommandHandler> = { portrait_get: portraitGet }
