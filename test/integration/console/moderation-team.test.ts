import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type {
  CommandName,
  ContractEvent,
  EventName,
  EventPayload,
  FiltersSnapshot,
  AuditSnapshot,
  Result,
  RoomSnapshot,
} from '../../../src-shared/contract'
import { FilterCode } from '../../../src-shared/contract'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { startConsole, type ConsoleApp } from '../../../src-main/console/console-app'
import { ImRestClient } from '../../../src-main/common/im-rest-client'
import { joinMain, text, type TestClient } from '../liveroom/helpers'

/**
 * The moderation team's console side (issue 13) end to end: the real console services hosting the
 * embedded room, their contract, and viewers on real WebSockets — deleting a message for
 * everyone (from the console and over REST) and the Filters commands.
 */
describe('console moderation team', () => {
  let dir: string
  let app: ConsoleApp
  let events: ContractEvent[] = []
  const viewers: TestClient[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-moderation-team-'))
    app = await startConsole({
      dataDir: dir,
      host: 'browser',
      version: 'test',
      log: (line) => (line.startsWith('audit') ? console.error(line) : undefined),
    })
    app.events.subscribe((batch) => events.push(...batch))
  })
  afterEach(async () => {
    await Promise.all(viewers.splice(0).map((v) => v.close()))
    events = []
  })
  afterAll(async () => {
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const call = (name: CommandName, input: unknown): Promise<Result<unknown>> =>
    app.dispatch(name, input, { thisMachine: true })
  async function value<T>(name: CommandName, input: unknown): Promise<T> {
    const result = await call(name, input)
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
    return result.value as T
  }
  async function viewer(userId: string): Promise<TestClient> {
    const { client } = await joinMain(app.room, userId, { nick: userId })
    viewers.push(client)
    return client
  }
  async function waitForEvent<N extends EventName>(
    name: N,
    match: (payload: EventPayload<N>) => boolean = () => true,
  ): Promise<EventPayload<N>> {
    for (let i = 0; i < 200; i++) {
      app.events.flush()
      const found = events.find((e) => e.name === name && match(e.payload as EventPayload<N>))
      if (found) return found.payload as EventPayload<N>
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    throw new Error(`${name} did not arrive; got ${events.map((e) => e.name).join(', ')}`)
  }
  const send = (client: TestClient, words: string) =>
    client.request({ type: 'send', groupId: app.room.defaultRoomId, msgBody: text(words) })
  /** Sends a line and waits until main's chat has it; its sequence. */
  async function line(client: TestClient, words: string): Promise<number> {
    const ack = await send(client, words)
    expect(ack.code).toBe(0)
    const received = await waitForEvent('room:messages-received', (lines) =>
      lines.some((m) => m.text === words),
    )
    return received.find((m) => m.text === words)!.sequence
  }
  const chatTexts = async () =>
    (await value<RoomSnapshot>('room:get-snapshot', {})).messages.map((m) => m.text)

  it('"Delete message" recalls a line for every viewer and every console', async () => {
    const troll = await viewer('v_troll')
    const fan = await viewer('v_fan')
    const sequence = await line(troll, 'rude words')
    await line(troll, 'ok words')
    expect(await value('moderation:delete-message', { sequence })).toEqual({ sequence })
    expect(await fan.waitFor((f) => f.type === 'message-recalled')).toMatchObject({
      sequence,
      operatorId: app.room.ownerId,
    })
    expect(await waitForEvent('room:messages-recalled')).toEqual([sequence])
    expect(await chatTexts()).not.toContain('rude words')
    expect(await chatTexts()).toContain('ok words')
    // A joiner's history does not have it either.
    const late = await viewer('v_late')
    await late.waitFor((f) => f.type === 'ack' && JSON.stringify(f).includes('"history"'))
    expect(JSON.stringify(late.frames)).not.toContain('rude words')
  })

  it('a REST recall (the App admin, or a business server) hides the line in the console too', async () => {
    const troll = await viewer('v_troll2')
    const sequence = await line(troll, 'recalled over REST')
    const rest = new ImRestClient({
      baseUrl: app.room.httpUrl,
      sdkAppId: app.room.sdkAppId,
      identifier: 'administrator',
      userSig: () => app.room.signUserSig('administrator', 600),
    })
    const answer = await rest.call('group_open_http_svc', 'group_msg_recall', {
      GroupId: app.room.defaultRoomId,
      MsgSeqList: [{ MsgSeq: sequence }],
    })
    expect(answer.RecallRetList).toEqual([{ MsgSeq: sequence, RetCode: 0 }])
    expect(await waitForEvent('room:messages-recalled', (s) => s.includes(sequence))).toEqual([
      sequence,
    ])
    expect(await chatTexts()).not.toContain('recalled over REST')
  })

  it('edits the filters through the business host, and every console hears of it', async () => {
    const added = await value<FiltersSnapshot>('filters:add-rule', {
      kind: 'term',
      pattern: 'casino',
      action: 'reject',
    })
    expect(added).toMatchObject({
      available: true,
      rules: [{ pattern: 'casino', createdBy: 'anchor' }],
    })
    expect(await waitForEvent('filters:changed')).toEqual(added)
    const troll = await viewer('v_troll3')
    expect((await send(troll, 'C A S I N O tonight')).code).toBe(ErrorCode.rejectedByCallback)
    const refused = await call('filters:add-rule', {
      kind: 'regex',
      pattern: '(x+)+y',
      action: 'drop',
    })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: FilterCode.badPattern, params: { reason: 'runaway' } },
    })
    const id = added.rules[0]!.id
    expect(await value('filters:remove-rule', { id })).toEqual({ available: true, rules: [] })
    expect(await call('filters:remove-rule', { id })).toMatchObject({
      ok: false,
      error: { code: FilterCode.ruleNotFound },
    })
  })

  it('keeps every action in the audit log, attributed, with repeats as one entry', async () => {
    const troll = await viewer('v_audited')
    await value('moderation:mute', { userId: 'v_audited', seconds: 60 })
    await value('moderation:mute', { userId: 'v_audited', seconds: 60 })
    await value('moderation:ban', { userId: 'v_audited', seconds: 3600, reason: 'spam' })
    await waitForEvent('audit:changed')
    await value('filters:add-rule', { kind: 'term', pattern: 'lottery', action: 'drop' })
    const other = await viewer('v_dropper')
    expect((await send(other, 'free l o t t e r y')).code).toBe(0)
    void troll
    let entries: AuditSnapshot['entries'] = []
    for (let i = 0; i < 100 && !entries.some((e) => e.action === 'ban'); i++) {
      entries = (await value<AuditSnapshot>('audit:get-entries', {})).entries
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(entries.find((e) => e.action === 'mute')).toMatchObject({
      actor: 'anchor',
      target: 'v_audited',
      durationSeconds: 60,
      count: 2,
      undo: 'unmute',
    })
    expect(entries.find((e) => e.action === 'ban')).toMatchObject({
      reason: 'spam',
      undo: 'unban',
      expiresAt: expect.any(Number),
    })
    expect(entries.find((e) => e.action === 'filter-drop')).toMatchObject({
      actor: 'filters',
      target: 'v_dropper',
      message: 'free l o t t e r y',
    })
    expect(entries.find((e) => e.action === 'filter-add')).toMatchObject({ actor: 'anchor' })
    const onlyBans = await value<AuditSnapshot>('audit:get-entries', { action: 'ban' })
    expect(onlyBans.entries.map((e) => e.action)).toEqual(['ban'])
    const byTarget = await value<AuditSnapshot>('audit:get-entries', { target: 'v_dropper' })
    expect(byTarget.entries.map((e) => e.action)).toEqual(['filter-drop'])
    expect(await call('audit:get-entries', { action: 'explode' })).toMatchObject({
      ok: false,
      error: { code: 1002 },
    })
  })

  it('a ban can also delete the banned member’s lines for everyone', async () => {
    const spammer = await viewer('v_spammer')
    const fan = await viewer('v_fan2')
    await line(spammer, 'spam one')
    await line(fan, 'a fan line')
    await line(spammer, 'spam two')
    const banned = await value<{ deleted: number }>('moderation:ban', {
      userId: 'v_spammer',
      seconds: 3600,
      deleteRecent: true,
    })
    expect(banned.deleted).toBe(2)
    const texts = await chatTexts()
    expect(texts).not.toContain('spam one')
    expect(texts).not.toContain('spam two')
    expect(texts).toContain('a fan line')
    // Both recalls reach the other viewers (each over its own socket: wait for the second).
    for (let i = 0; i < 200 && fan.framesOf('message-recalled').length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(fan.framesOf('message-recalled')).toHaveLength(2)
  })
})
