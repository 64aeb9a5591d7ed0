import { z } from 'zod'
import { RestTransportCode } from '../../../src-shared/contract/result'
import {
  RoomState,
  type RoomStateAction,
  RoomStateCode,
} from '../../../src-shared/protocol/room-state'
import { type LotteryOpen, LotteryResult, LotteryView } from '../../../src-shared/protocol/lottery'
import { RoomError } from '../../common/room-error'
import { AudienceView } from '../../../src-shared/protocol/audience'
import { type LevelRules, LevelRulesShape } from '../../../src-shared/protocol/levels'

/**
 * The console's client of the business host's HTTP API (docs/business.md): the room state's
 * actions go there, not to the IM room, because the business host owns the state. Signed as the
 * console's own identity (`Authorization: UserSig <id> <sig>`, a fresh sig per call); the host
 * checks with REST that it is the group's owner or an admin.
 */

export interface BusinessClientOptions {
  /** `http://host:port` of the room server (its `/business/` routes) or of a business-only host. */
  baseUrl: string
  userId: string
  userSig: () => string
  timeoutMs?: number
  fetch?: typeof fetch
}

const Refusal = z.object({
  code: z.number().int(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
})
const StateAnswer = z.object({ roomState: RoomState.nullable() })

/** Levels by user ID, and (when the host says) whether each asked-for user is a member. */
export interface MemberLevels {
  levels: Record<string, number>
  memberships?: Record<string, boolean>
}

export class BusinessClient {
  constructor(private readonly options: BusinessClientOptions) {}

  async roomStateAction(groupId: string, action: RoomStateAction): Promise<RoomState | null> {
    const answer = await this.post('room-state/action', { groupId, ...action })
    const parsed = StateAnswer.safeParse(answer)
    if (!parsed.success) {
      throw new RoomError(
        RestTransportCode.badResponse,
        'The business host answered in another shape',
      )
    }
    return parsed.data.roomState
  }

  async openLottery(groupId: string, open: LotteryOpen): Promise<LotteryView> {
    return lotteryOf(await this.post('lottery/open', { groupId, ...open }))
  }

  async drawLottery(groupId: string): Promise<LotteryView> {
    return lotteryOf(await this.post('lottery/draw', { groupId }))
  }

  async redrawLottery(groupId: string, userId: string): Promise<LotteryView> {
    return lotteryOf(await this.post('lottery/redraw', { groupId, userId }))
  }

  async lottery(groupId: string): Promise<LotteryView | null> {
    const answer = await this.get(`lottery?groupId=${encodeURIComponent(groupId)}`)
    const parsed = z.object({ lottery: LotteryView.nullable() }).safeParse(answer)
    if (!parsed.success) throw badShape()
    return parsed.data.lottery
  }

  async lotteryResult(groupId: string): Promise<LotteryResult> {
    const parsed = LotteryResult.safeParse(
      await this.get(`lottery/result?groupId=${encodeURIComponent(groupId)}`),
    )
    if (!parsed.success) throw badShape()
    return parsed.data
  }

  /** The audience figures now (issue 12 §3); null when the host never saw the room. */
  async audience(groupId: string): Promise<AudienceView | null> {
    const parsed = z
      .object({ audience: AudienceView.nullable() })
      .safeParse(await this.get(`audience?groupId=${encodeURIComponent(groupId)}`))
    if (!parsed.success) throw badShape()
    return parsed.data.audience
  }

  /**
   * Members' levels, at most 200 at once, and which of them have the membership flag (`members`
   * is undefined from a business host that does not say).
   */
  async levels(groupId: string, userIds: readonly string[]): Promise<MemberLevels> {
    const query = `groupId=${encodeURIComponent(groupId)}&userIds=${userIds.map(encodeURIComponent).join(',')}`
    const parsed = z
      .object({
        levels: z.record(z.string(), z.number().int().positive()),
        members: z.array(z.string()).optional(),
      })
      .safeParse(await this.get(`levels/levels?${query}`))
    if (!parsed.success) throw badShape()
    const { levels, members } = parsed.data
    if (!members) return { levels }
    const flagged = new Set(members)
    return {
      levels,
      memberships: Object.fromEntries(userIds.map((userId) => [userId, flagged.has(userId)])),
    }
  }

  async levelRules(groupId: string): Promise<LevelRules> {
    return rulesOf(await this.get(`levels/rules?groupId=${encodeURIComponent(groupId)}`))
  }

  async saveLevelRules(groupId: string, rules: LevelRules): Promise<LevelRules> {
    return rulesOf(await this.post('levels/rules', { groupId, rules }))
  }

  /** Sets a viewer's membership flag; answers the level it gives now. */
  async setLevelMember(
    groupId: string,
    userId: string,
    member: boolean,
  ): Promise<{ userId: string; member: boolean; level: number }> {
    const parsed = z
      .object({ userId: z.string(), member: z.boolean(), level: z.number().int() })
      .safeParse(await this.post('levels/member', { groupId, userId, member }))
    if (!parsed.success) throw badShape()
    return parsed.data
  }

  private get(path: string): Promise<unknown> {
    return this.request(path, 'GET')
  }

  private post(path: string, body: Record<string, unknown>): Promise<unknown> {
    return this.request(path, 'POST', body)
  }

  private async request(
    path: string,
    method: 'GET' | 'POST',
    body?: Record<string, unknown>,
  ): Promise<unknown> {
    const { baseUrl, userId, userSig, timeoutMs = 10_000 } = this.options
    let response: Response
    try {
      response = await (this.options.fetch ?? fetch)(`${baseUrl}/business/${path}`, {
        method,
        headers: {
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          Authorization: `UserSig ${userId} ${userSig()}`,
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch {
      throw new RoomError(
        RestTransportCode.unreachable,
        `The business host at ${baseUrl} could not be reached`,
        undefined,
        { reason: 'restUnreachable' },
      )
    }
    let answer: unknown
    try {
      answer = await response.json()
    } catch {
      throw new RoomError(RestTransportCode.badResponse, 'The business host did not answer JSON')
    }
    if (response.ok) return answer
    const refusal = Refusal.safeParse(answer)
    if (!refusal.success) {
      throw new RoomError(
        RestTransportCode.httpError,
        `The business host answered ${response.status}`,
      )
    }
    const { code, message, data } = refusal.data
    const facts = Object.fromEntries(
      Object.entries(data ?? {}).filter(([, value]) => typeof value === 'string'),
    ) as Record<string, string>
    throw new RoomError(code, message, data, facts)
  }
}

const badShape = () =>
  new RoomError(RestTransportCode.badResponse, 'The business host answered in another shape')

function rulesOf(answer: unknown): LevelRules {
  const parsed = z.object({ rules: LevelRulesShape }).safeParse(answer)
  if (!parsed.success) throw badShape()
  return parsed.data.rules
}

function lotteryOf(answer: unknown): LotteryView {
  const parsed = z.object({ lottery: LotteryView }).safeParse(answer)
  if (!parsed.success) throw badShape()
  return parsed.data.lottery
}

/** Where a console has no business host to ask (a Tencent room without one configured). */
export function noBusinessHost(): RoomError {
  return new RoomError(
    RoomStateCode.noBusinessHost,
    'This room has no business host the console can reach, so its state cannot be changed here',
  )
}
