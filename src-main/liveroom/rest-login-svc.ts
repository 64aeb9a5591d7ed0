import { z } from 'zod'
import { UserId } from '../../src-shared/protocol/frames'
import { normalizeNickname } from './nickname'
import { type CommandHandler, parseBody, RestError } from './rest-common'

/**
 * The REST commands of service `im_open_login_svc`. Their request fields are [I] in the
 * reference (§3.2: `UserID`, `Nick`, `FaceUrl`); docs/rest-api.md says so.
 */

const AccountImport = z.object({
  UserID: UserId,
  Nick: z.string().optional(),
  FaceUrl: z.string().max(500).optional(),
})

const accountImport: CommandHandler = (deps, _call, raw) => {
  const body = parseBody(AccountImport, raw)
  let nick: string | undefined
  if (body.Nick !== undefined && body.Nick !== '') {
    const checked = normalizeNickname(body.Nick)
    if (!checked.ok) throw new RestError(checked.code, `Nick: ${checked.message}`)
    nick = checked.nick
  }
  const now = deps.now()
  deps.store.db.transaction(() => {
    deps.store.accounts.import(body.UserID, body.FaceUrl ?? '', now)
    if (nick !== undefined) deps.store.profiles.setNick(body.UserID, nick, now)
  })()
  return {}
}

const kick: CommandHandler = (deps, _call, raw) => {
  const body = parseBody(z.object({ UserID: UserId }), raw)
  deps.engine.kickUser(body.UserID)
  return {}
}

export const loginService: Record<string, CommandHandler> = {
  account_import: accountImport,
  kick,
}
