import { describe, expect, it } from 'vitest'
import type { FilterRuleInput } from '../../../src-shared/contract/filters'
import {
  REVIEW_CLAIM_MS,
  REVIEW_EXPIRY_MS,
  type ReviewOutcome,
} from '../../../src-shared/contract/review'
import type { ServerFrame } from '../../../src-shared/protocol/frames'
import { joinMain, rest, startTestRoom, testClock, text, type TestRoom } from './helpers'

/**
 * The review queue (issue 13 §2) in a real room: a "hold" rule keeps a message back; the owner and
 * an admin — two moderators with their own identities — claim and settle items over the business
 * HTTP API, and approving delivers the message late as its sender's.
 */

async function api(t: TestRoom, userId: string, method: string, path: string, body?: unknown) {
  const sig = t.room.signUserSig(userId, 600)
  const response = await fetch(`${t.room.httpUrl}/business/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `UserSig ${userId} ${sig}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const isChat = (frame: ServerFrame): frame is Extract<ServerFrame, { type: 'message' }> =>
  frame.type === 'message'

async function heldRoom(options: Parameters<typeof startTestRoom>[0] = {}) {
  const t = await startTestRoom({
    business: { onlineCount: false },
    floodLimit: false,
    ...options,
  })
  const owner = t.room.ownerId
  // The admin first: the business host reads the roles once and keeps them a few seconds.
  await joinMain(t.room, 'mod1')
  await rest(t, 'group_open_avchatroom_http_svc/modify_admin', {
    GroupId: 'main',
    CommandType: 1,
    Admin_Account: ['mod1'],
  })
  const rule: FilterRuleInput = { kind: 'link', pattern: '', action: 'hold' }
  expect(
    (await api(t, owner, 'POST', 'filters/rules', { GroupId: 'main', Rule: rule })).status,
  ).toBe(200)
  const { client: alice } = await joinMain(t.room, 'alice')
  const { client: fan } = await joinMain(t.room, 'fan')
  const hold = async (line: string) => {
    expect((await alice.request({ type: 'send', groupId: 'main', msgBody: text(line) })).code).toBe(
      0,
    )
  }
  const items = async (userId = owner) =>
    (await api(t, userId, 'GET', 'review/items?GroupId=main')).body as {
      items: { id: number; from: string; text: string; claimedBy: string }[]
    }
  const act = async (userId: string, path: 'claim' | 'decide', body: Record<string, unknown>) => {
    const answer = await api(t, userId, 'POST', `review/${path}`, { GroupId: 'main', ...body })
    return answer.body as ReviewOutcome & { code?: number }
  }
  return { t, owner, alice, fan, hold, items, act }
}

describe('the review queue', () => {
  it('keeps held messages for every moderator, and approving delivers one late as its sender’s', async () => {
    const { owner, fan, hold, items, act } = await heldRoom()
    await hold('see evil.example.com')
    await hold('and www.other.example.org')
    const queue = await items('mod1')
    expect(queue.items.map((i) => [i.from, i.text])).toEqual([
      ['alice', 'see evil.example.com'],
      ['alice', 'and www.other.example.org'],
    ])
    const [first, second] = queue.items
    expect(await act(owner, 'decide', { Id: first!.id, Decision: 'approve' })).toMatchObject({
      result: 'done',
      state: 'approved',
      snapshot: { items: [{ id: second!.id }] },
    })
    const delivered = await fan.waitFor(isChat)
    expect(delivered.message).toMatchObject({
      from: 'alice',
      msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'see evil.example.com' } }],
    })
    expect(await act('mod1', 'decide', { Id: second!.id, Decision: 'deny' })).toMatchObject({
      result: 'done',
      state: 'denied',
      snapshot: { items: [] },
    })
    expect(fan.frames.filter(isChat)).toHaveLength(1)
  })

  it('never lets two moderators act on one item: the second is told who has it', async () => {
    const { owner, hold, items, act } = await heldRoom()
    await hold('see evil.example.com')
    const [item] = (await items()).items
    expect(await act('mod1', 'claim', { Id: item!.id })).toMatchObject({ result: 'done' })
    expect((await items(owner)).items[0]).toMatchObject({ claimedBy: 'mod1' })
    expect(await act(owner, 'decide', { Id: item!.id, Decision: 'approve' })).toMatchObject({
      result: 'claimed',
      by: 'mod1',
    })
    // Both at once: exactly one settles it, the other hears who did.
    const answers = await Promise.all([
      act('mod1', 'decide', { Id: item!.id, Decision: 'deny' }),
      act('mod1', 'decide', { Id: item!.id, Decision: 'approve' }),
    ])
    expect(answers.map((a) => a.result).sort()).toEqual(['already-handled', 'done'])
    expect(await act(owner, 'claim', { Id: item!.id })).toMatchObject({
      result: 'already-handled',
      by: 'mod1',
    })
  })

  it('lets a claim lapse, expires items held too long, and refuses viewers', async () => {
    const clock = testClock()
    const { owner, hold, items, act } = await heldRoom({ now: clock.now, setTimer: clock.setTimer })
    await hold('see evil.example.com')
    const [item] = (await items()).items
    await act('mod1', 'claim', { Id: item!.id })
    clock.advance(REVIEW_CLAIM_MS + 1)
    expect((await items()).items[0]).toMatchObject({ claimedBy: '' })
    expect(await act(owner, 'claim', { Id: item!.id })).toMatchObject({ result: 'done' })
    clock.advance(REVIEW_EXPIRY_MS)
    expect((await items()).items).toEqual([])
    expect(await act(owner, 'decide', { Id: item!.id, Decision: 'approve' })).toMatchObject({
      result: 'already-handled',
      state: 'expired',
    })
    expect(await act('alice', 'claim', { Id: item!.id })).toMatchObject({ code: 13004 })
  })
})
