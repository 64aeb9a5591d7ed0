import { describe, expect, it } from 'vitest'
import { FilterCode, type FilterRuleInput } from '../../../src-shared/contract/filters'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import type { ServerFrame } from '../../../src-shared/protocol/frames'
import { joinMain, rest, startTestRoom, text, type TestClient, type TestRoom } from './helpers'

/**
 * The keyword filters (issue 13 §1) in a real room: rules added over the business HTTP API by the
 * room's owner, decided in the business host's before-send handler, seen by real clients.
 */

async function filtersApi(t: TestRoom, userId: string, method: string, body?: unknown) {
  const sig = t.room.signUserSig(userId, 600)
  const query = method === 'GET' ? '?GroupId=main' : ''
  const response = await fetch(`${t.room.httpUrl}/business/filters/rules${query}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `UserSig ${userId} ${sig}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const addRule = (t: TestRoom, rule: FilterRuleInput, userId = t.room.ownerId) =>
  filtersApi(t, userId, 'POST', { GroupId: 'main', Rule: rule })

const isChat = (frame: ServerFrame): frame is Extract<ServerFrame, { type: 'message' }> =>
  frame.type === 'message'

/** A marker after the message under test: once it arrives, the one before it had its chance. */
async function deliveredBefore(sender: TestClient, watcher: TestClient): Promise<string[]> {
  const marker = `marker ${Math.random()}`
  await sender.request({ type: 'send', groupId: 'main', msgBody: text(marker) })
  await watcher.waitFor((f) => isChat(f) && JSON.stringify(f.message.msgBody).includes(marker))
  return watcher.frames
    .filter(isChat)
    .map((f) => (f.message.msgBody[0]?.MsgContent as { Text: string }).Text)
    .filter((line) => line !== marker)
}

describe('keyword filters on the before-send callback', () => {
  const start = (filters: object = {}) =>
    // No flood limit: each test sends several lines from one client in a row.
    startTestRoom({ business: { onlineCount: false, filters }, floodLimit: false })

  it('lets only the owner and admins edit the rules, as the room says', async () => {
    const t = await start()
    await joinMain(t.room, 'mod1')
    await rest(t, 'group_open_avchatroom_http_svc/modify_admin', {
      GroupId: 'main',
      CommandType: 1,
      Admin_Account: ['mod1'],
    })
    await joinMain(t.room, 'v_troll')
    expect(
      await addRule(t, { kind: 'term', pattern: 'spam', action: 'reject' }, 'v_troll'),
    ).toMatchObject({
      status: 403,
      body: { code: FilterCode.notModerator },
    })
    const added = await addRule(t, { kind: 'term', pattern: 'spam', action: 'reject' }, 'mod1')
    expect(added).toMatchObject({
      status: 200,
      body: { rules: [{ kind: 'term', pattern: 'spam', action: 'reject', createdBy: 'mod1' }] },
    })
    expect(await filtersApi(t, t.room.ownerId, 'GET')).toMatchObject({
      status: 200,
      body: { rules: [{ pattern: 'spam' }] },
    })
  })

  it('rejects with 10016, whatever the spelling (en, ko, zh)', async () => {
    const t = await start()
    for (const pattern of ['spam', '시발', '发票']) {
      expect((await addRule(t, { kind: 'term', pattern, action: 'reject' })).status).toBe(200)
    }
    const { client: alice } = await joinMain(t.room, 'alice')
    const { client: fan } = await joinMain(t.room, 'fan')
    for (const line of ['ｓ p a a m', 'ㅅㅣㅂㅏㄹ', '開發票', 's\u200bp4m']) {
      const ack = await alice.request({ type: 'send', groupId: 'main', msgBody: text(line) })
      expect([line, ack.code]).toEqual([line, ErrorCode.rejectedByCallback])
    }
    expect(await deliveredBefore(alice, fan)).toEqual([])
  })

  it('drops silently and holds for review: the sender is told it went, nobody sees it', async () => {
    const t = await start()
    await addRule(t, { kind: 'term', pattern: 'buy followers', action: 'drop' })
    await addRule(t, { kind: 'link', pattern: '', action: 'hold' })
    const { client: alice } = await joinMain(t.room, 'alice')
    const { client: fan } = await joinMain(t.room, 'fan')
    for (const line of ['BUY FOLLOWERS now', 'see evil.example.com']) {
      const ack = await alice.request({ type: 'send', groupId: 'main', msgBody: text(line) })
      expect([line, ack.code]).toEqual([line, 0])
    }
    await alice.request({ type: 'send', groupId: 'main', msgBody: text('hello all') })
    expect(await deliveredBefore(alice, fan)).toEqual(['hello all'])
  })

  it('masks what matched and delivers the rest as a modified message', async () => {
    const t = await start()
    await addRule(t, { kind: 'term', pattern: 'darn', action: 'mask' })
    const { client: alice } = await joinMain(t.room, 'alice')
    const { client: fan } = await joinMain(t.room, 'fan')
    await alice.request({ type: 'send', groupId: 'main', msgBody: text('oh ＤＡＲＲＮ it') })
    const seen = await fan.waitFor(isChat)
    expect(seen.message).toMatchObject({
      isModified: true,
      msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'oh *** it' } }],
    })
  })

  it('refuses a pattern that is not a regular expression, or could run away', async () => {
    const t = await start()
    expect(await addRule(t, { kind: 'regex', pattern: '(a+)+$', action: 'reject' })).toMatchObject({
      status: 400,
      body: { code: FilterCode.badPattern, data: { reason: 'runaway' } },
    })
    expect(await addRule(t, { kind: 'regex', pattern: '(oops', action: 'reject' })).toMatchObject({
      status: 400,
      body: { code: FilterCode.badPattern, data: { reason: 'invalid' } },
    })
    expect(await addRule(t, { kind: 'term', pattern: ' ', action: 'reject' })).toMatchObject({
      status: 400,
      body: { code: ErrorCode.invalidParameter, data: { field: 'pattern' } },
    })
  })

  it('fails open when the rules cannot finish in time, and closed for a rule that says so', async () => {
    // A deadline of 0 ms: no rule is ever checked in time.
    const t = await start({ deadlineMs: 0 })
    await addRule(t, { kind: 'term', pattern: 'spam', action: 'reject' })
    const { client: alice } = await joinMain(t.room, 'alice')
    const { client: fan } = await joinMain(t.room, 'fan')
    expect(
      (await alice.request({ type: 'send', groupId: 'main', msgBody: text('spam') })).code,
    ).toBe(0)
    expect(await deliveredBefore(alice, fan)).toEqual(['spam'])
    await addRule(t, { kind: 'term', pattern: 'scam', action: 'reject', onTimeout: 'apply' })
    expect((await alice.request({ type: 'send', groupId: 'main', msgBody: text('hi') })).code).toBe(
      ErrorCode.rejectedByCallback,
    )
  })

  it('removes a rule', async () => {
    const t = await start()
    const added = await addRule(t, { kind: 'term', pattern: 'spam', action: 'reject' })
    const id = (added.body.rules as { id: number }[])[0]!.id
    expect(await filtersApi(t, t.room.ownerId, 'DELETE', { GroupId: 'main', Id: id })).toEqual({
      status: 200,
      body: { rules: [] },
    })
    expect(
      await filtersApi(t, t.room.ownerId, 'DELETE', { GroupId: 'main', Id: id }),
    ).toMatchObject({ status: 404, body: { code: FilterCode.ruleNotFound } })
    const { client: alice } = await joinMain(t.room, 'alice')
    expect(
      (await alice.request({ type: 'send', groupId: 'main', msgBody: text('spam') })).code,
    ).toBe(0)
  })
})
