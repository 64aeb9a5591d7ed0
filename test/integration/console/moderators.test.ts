import { createHash } from 'node:crypto'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import {
  MODERATOR_ENDED_CLOSE,
  ModeratorCode,
  type AuditSnapshot,
  type ChatMessage,
  type ConsoleIdentity,
  type HostServerFrame,
  type LayoutSnapshot,
  type ModeratorInviteRequest,
  type ModeratorInviteResult,
  type ModeratorsSnapshot,
  type Result,
  type RoomSnapshot,
} from '../../../src-shared/contract'
import { startConsole, type ConsoleApp } from '../../../src-main/console/console-app'
import { ImRestClient } from '../../../src-main/common/im-rest-client'
import { AccessLink, browserConsoleReach } from '../../../src-main/host/access-link'
import { startBrowserHost, type BrowserHost } from '../../../src-main/host/browser-host'
import { manualClock, type ManualClock } from '../../support/manual-clock'
import { readWire } from '../../../src-shared/contract/wire-to-chat'
import { encodeBusinessMessage } from '../../../src-shared/protocol/business-messages'
import type { ServerFrame } from '../../../src-shared/protocol/frames'
import { joinMain, type TestClient } from '../liveroom/helpers'

/** A console over the browser host's WebSocket, as a moderator's (or the owner's) page speaks it. */
class Console {
  readonly events: string[] = []
  /** The chat lines main pushed to this console (room:messages-received). */
  readonly lines: ChatMessage[] = []
  private nextId = 1
  private readonly waiting = new Map<number, (r: Result<unknown>) => void>()
  readonly closed: Promise<number>
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as HostServerFrame
      if (frame.kind === 'result') this.waiting.get(frame.id)?.(frame.result)
      else {
        this.events.push(...frame.events.map((e) => e.name))
        for (const e of frame.events) {
          if (e.name === 'room:messages-received') this.lines.push(...(e.payload as ChatMessage[]))
        }
      }
    })
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)))
  }
  static async open(url: string): Promise<Console> {
    const ws = new WebSocket(url)
    await new Promise((resolve, reject) => {
      ws.once('open', resolve)
      ws.once('error', reject)
    })
    return new Console(ws)
  }
  call(name: string, input: unknown = {}): Promise<Result<unknown>> {
    const id = this.nextId++
    return new Promise((resolve) => {
      this.waiting.set(id, resolve)
      this.ws.send(JSON.stringify({ kind: 'call', id, name, input }))
    })
  }
  async value<T>(name: string, input: unknown = {}): Promise<T> {
    const result = await this.call(name, input)
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
    return result.value as T
  }
}

const codeOf = (result: Result<unknown>) => (result.ok ? 0 : result.error.code)

/**
 * Moderators with their own identities (issue 13 §4), end to end on the real console services,
 * the embedded room (its REST API and group admins), the browser host and real WebSockets: what
 * a moderator's console may do is decided by main on every call, revoking or the expiry closes
 * its socket at once, tokens are kept only hashed, and the room holds at most 5 admins.
 */
describe('moderators with their own identities', () => {
  let dir: string
  let app: ConsoleApp
  let host: BrowserHost
  let clock: ManualClock
  let owner: Console
  let rest: ImRestClient
  const open: Console[] = []
  const viewers: TestClient[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-moderators-'))
    const rendererDir = join(dir, 'renderer')
    mkdirSync(join(rendererDir, 'console'), { recursive: true })
    writeFileSync(join(rendererDir, 'console', 'index.html'), '<!doctype html><title>x</title>')
    clock = manualClock(Date.now())
    const access = new AccessLink(undefined)
    app = await startConsole({
      dataDir: join(dir, 'data'),
      host: 'browser',
      version: 'test',
      rendererDir,
      moderatorClock: clock,
      reach: browserConsoleReach({
        access,
        lan: false,
        encrypted: false,
        consoleUrl: () => host?.consoleUrl ?? null,
        portChanges: () => [],
      }),
      log: () => {},
    })
    host = await startBrowserHost({ app, rendererDir, access })
    owner = await Console.open(
      `${host.consoleUrl.replace('http', 'ws').replace('/?', '/contract?')}`,
    )
    const admin = app.room.adminIdentifiers[0]!
    rest = new ImRestClient({
      baseUrl: app.room.httpUrl,
      sdkAppId: app.room.sdkAppId,
      identifier: admin,
      userSig: () => app.room.signUserSig(admin, 600),
    })
  })
  afterEach(async () => {
    for (const c of open.splice(0)) c.ws.close()
    await Promise.all(viewers.splice(0).map((v) => v.close()))
    // Every test starts with no invites (and so no group admins of ours).
    const { moderators } = await owner.value<ModeratorsSnapshot>('moderators:get-snapshot')
    for (const m of moderators) await owner.value('moderators:revoke', { id: m.id })
  })
  afterAll(async () => {
    owner?.ws.close()
    await host?.close()
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function invite(request: Partial<ModeratorInviteRequest> & { name: string }) {
    return owner.value<ModeratorInviteResult>('moderators:invite', {
      role: 'moderator',
      expiresInHours: 8,
      ...request,
    })
  }
  /** A tool's console opened with the invite link (the token in the URL, no Origin). */
  async function openAs(link: string): Promise<Console> {
    const url = new URL(link)
    const console = await Console.open(
      `ws://${url.host}/contract?invite=${url.searchParams.get('invite')}`,
    )
    open.push(console)
    return console
  }
  async function viewer(userId: string): Promise<TestClient> {
    const { client } = await joinMain(app.room, userId, { nick: userId })
    viewers.push(client)
    return client
  }
  const admins = async () =>
    (
      (await rest.call('group_open_avchatroom_http_svc', 'get_admin_list', {
        GroupId: app.room.defaultRoomId,
      })) as unknown as { Admin_List: { Admin_Account: string }[] }
    ).Admin_List.map((a) => a.Admin_Account)

  it('keeps only the SHA-256 of an invite token, and the link opens a console as that person', async () => {
    const made = await invite({ name: 'Mina' })
    const token = new URL(made.link).searchParams.get('invite')!
    expect(token.length).toBeGreaterThanOrEqual(32)
    const db = new Database(join(dir, 'data', 'console.db'), { readonly: true })
    const rows = db.prepare('SELECT * FROM moderator_invites').all() as Record<string, unknown>[]
    db.close()
    const row = rows.find((r) => r.name === 'Mina')!
    expect(row.token_sha256).toBe(createHash('sha256').update(token).digest('hex'))
    expect(JSON.stringify(rows)).not.toContain(token)

    const mina = await openAs(made.link)
    const identity = await mina.value<ConsoleIdentity>('app:get-identity')
    expect(identity).toEqual({ role: 'moderator', name: 'Mina', userId: made.entry.userId })
    const list = await owner.value<ModeratorsSnapshot>('moderators:get-snapshot')
    expect(list.moderators.find((m) => m.name === 'Mina')?.online).toBe(true)

    // The team's list goes to the owner's consoles only (a roundtrip on Mina's socket comes after
    // any batch sent to it before).
    await invite({ name: 'Other' })
    for (let i = 0; i < 200 && !owner.events.includes('moderators:changed'); i++) {
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(owner.events).toContain('moderators:changed')
    await mina.value('app:get-identity')
    expect(mina.events).not.toContain('moderators:changed')

    // A made-up token opens nothing, on the page or the socket.
    const page = await fetch(`${host.url}/?invite=${'x'.repeat(32)}`)
    expect(page.status).toBe(403)
  })

  it('refuses a moderator everything but moderation, and any action on the owner or an admin', async () => {
    const mina = await openAs((await invite({ name: 'Mina' })).link)
    const boss = await invite({ name: 'Boss', role: 'admin' })
    const ownerId = (await owner.value<RoomSnapshot>('room:get-snapshot')).selfUserId

    for (const [name, input] of [
      ['stage:get-snapshot', {}],
      ['stream:go-live', {}],
      ['room:get-connection', {}],
      ['app:reset-access-link', {}],
      ['room:send-message', { text: 'as the owner?' }],
      ['moderators:invite', { name: 'Sneaky', role: 'admin', expiresInHours: 1 }],
      ['room:set-mute-all', { on: true }],
      ['lottery:draw', {}],
    ] as const) {
      const result = await mina.call(name, input)
      expect(codeOf(result), name).toBe(ModeratorCode.roleForbidden)
    }
    const onOwner = await mina.call('moderation:mute', { userId: ownerId, seconds: 60 })
    expect(codeOf(onOwner)).toBe(ModeratorCode.targetProtected)
    const onAdmin = await mina.call('moderation:ban', { userId: boss.entry.userId, seconds: 60 })
    expect(codeOf(onAdmin)).toBe(ModeratorCode.targetProtected)

    // An admin may act on a moderator, not on the owner, and may switch mute-all.
    const bossConsole = await openAs(boss.link)
    const minaId = (await mina.value<ConsoleIdentity>('app:get-identity')).userId
    expect(codeOf(await bossConsole.call('moderation:mute', { userId: minaId, seconds: 60 }))).toBe(
      0,
    )
    expect(codeOf(await bossConsole.call('moderation:kick', { userId: ownerId }))).toBe(
      ModeratorCode.targetProtected,
    )
    expect(codeOf(await bossConsole.call('room:set-mute-all', { on: false }))).toBe(0)
    expect(codeOf(await bossConsole.call('stage:get-snapshot'))).toBe(ModeratorCode.roleForbidden)
  })

  it("attributes a moderator's actions to them in the audit log", async () => {
    const mina = await openAs((await invite({ name: 'Mina' })).link)
    await viewer('pest')
    expect(codeOf(await mina.call('moderation:mute', { userId: 'pest', seconds: 120 }))).toBe(0)
    await mina.value('filters:add-rule', {
      kind: 'term',
      pattern: 'spoiler',
      action: 'reject',
      onTimeout: 'allow',
    })
    const find = async () => {
      for (let i = 0; i < 100; i++) {
        const log = await owner.value<AuditSnapshot>('audit:get-entries', { actor: 'Mina' })
        if (log.entries.some((e) => e.action === 'mute')) return log
        await new Promise((r) => setTimeout(r, 20))
      }
      throw new Error('the mute never reached the audit log')
    }
    const log = await find()
    expect(log.entries.find((e) => e.action === 'mute')).toMatchObject({
      actor: 'Mina',
      target: 'pest',
      durationSeconds: 120,
    })
    expect(log.entries.some((e) => e.action === 'filter-add' && e.actor === 'Mina')).toBe(true)
  })

  it('tells the viewers and every console that the moderator muted a viewer, not the owner', async () => {
    const mina = await openAs((await invite({ name: 'Mina' })).link)
    const minaId = (await mina.value<ConsoleIdentity>('app:get-identity')).userId
    const ownerId = (await owner.value<RoomSnapshot>('room:get-snapshot')).selfUserId
    await viewer('bob')
    const fan = await viewer('fan')
    /** The moderation line a viewer's page reads from the room (wire-to-chat.ts, as it does). */
    const noticeSeen = async (client: TestClient, action: string) => {
      const frame = await client.waitFor(
        (f: ServerFrame) =>
          f.type === 'message' &&
          JSON.stringify(f.message.msgBody).includes(`\\"action\\":\\"${action}\\"`),
      )
      const read = frame.type === 'message' ? readWire(frame.message, 'fan') : undefined
      return read?.kind === 'chat' ? read.chat : undefined
    }
    /** The moderation line about bob a console was pushed, once main has it. */
    const consoleLine = async (c: Console, action: string) => {
      for (let i = 0; i < 200; i++) {
        const found = c.lines.find(
          (m) => m.moderation?.action === action && m.moderation.targetId === 'bob',
        )
        if (found) return found
        await new Promise((r) => setTimeout(r, 20))
      }
      throw new Error(`no ${action} line reached the console`)
    }

    expect(codeOf(await mina.call('moderation:mute', { userId: 'bob', seconds: 600 }))).toBe(0)
    const seen = await noticeSeen(fan, 'mute')
    const mutedByMina = {
      action: 'mute',
      operatorId: minaId,
      operatorName: 'Mina',
      operatorRole: 'moderator' as const,
      targetId: 'bob',
      targetNick: 'bob',
      seconds: 600,
    }
    expect(seen).toMatchObject({ from: minaId, nick: 'Mina', moderation: mutedByMina })
    // Both consoles, the owner's and Mina's, hold the same line, from main's chat.
    expect(await consoleLine(owner, 'mute')).toMatchObject({ moderation: mutedByMina })
    expect(await consoleLine(mina, 'mute')).toMatchObject({ moderation: mutedByMina })
    const snapshot = await owner.value<RoomSnapshot>('room:get-snapshot')
    expect(snapshot.messages.filter((m) => m.moderation?.operatorId === minaId)).toHaveLength(1)

    // The owner's own action names the owner.
    expect(codeOf(await owner.call('moderation:unmute', { userId: 'bob' }))).toBe(0)
    expect(await noticeSeen(fan, 'unmute')).toMatchObject({
      from: ownerId,
      moderation: { operatorId: ownerId, operatorName: '', operatorRole: 'owner' },
    })

    // A viewer who sends the same JSON by hand names nobody: it is not a line at all.
    const forged = await fan.request({
      type: 'send',
      groupId: app.room.defaultRoomId,
      msgBody: [
        {
          MsgType: 'TIMCustomElem',
          MsgContent: {
            Data: encodeBusinessMessage({
              businessID: 'LiveDeskModeration',
              version: 1,
              ...mutedByMina,
              action: 'kick',
            }),
          },
        },
      ],
    })
    expect(forged.code).toBe(0)
    expect(codeOf(await mina.call('moderation:kick', { userId: 'bob' }))).toBe(0)
    expect(await consoleLine(owner, 'kick')).toMatchObject({ from: minaId })
    expect(
      owner.lines.filter((m) => m.moderation?.action === 'kick' && m.moderation.targetId === 'bob'),
    ).toHaveLength(1)
  })

  it("revoking closes the moderator's socket at once and their calls and page are refused", async () => {
    const made = await invite({ name: 'Mina' })
    const mina = await openAs(made.link)
    expect(codeOf(await mina.call('room:get-snapshot'))).toBe(0)
    await owner.value('moderators:revoke', { id: made.entry.id })
    expect(await mina.closed).toBe(MODERATOR_ENDED_CLOSE)
    // The link opens nothing any more, and the dispatch refuses the old caller too.
    expect((await fetch(made.link.replace(/^https?:\/\/[^/]+/, host.url))).status).toBe(403)
    const again = await app.dispatch(
      'room:get-snapshot',
      {},
      {
        thisMachine: false,
        moderator: {
          id: made.entry.id,
          name: 'Mina',
          role: 'moderator',
          userId: made.entry.userId,
        },
      },
    )
    expect(codeOf(again)).toBe(ModeratorCode.sessionEnded)
    expect(codeOf(await owner.call('moderators:revoke', { id: made.entry.id }))).toBe(
      ModeratorCode.inviteNotFound,
    )
  })

  it('an invite that runs out ends its console and stays listed as expired', async () => {
    const made = await invite({ name: 'Brief', role: 'admin', expiresInHours: 1 })
    const brief = await openAs(made.link)
    expect(await admins()).toContain(made.entry.userId)
    clock.advance(3_600_000)
    expect(await brief.closed).toBe(MODERATOR_ENDED_CLOSE)
    const list = await owner.value<ModeratorsSnapshot>('moderators:get-snapshot')
    expect(list.moderators.find((m) => m.id === made.entry.id)?.expired).toBe(true)
    expect(app.moderators?.authenticate(new URL(made.link).searchParams.get('invite'))).toBeNull()
    // Its group admin role ends with it.
    for (let i = 0; i < 100 && (await admins()).includes(made.entry.userId); i++) {
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(await admins()).not.toContain(made.entry.userId)
  })

  it('makes admins group admins through modify_admin, at most 5, and removes them on revoke', async () => {
    const made: ModeratorInviteResult[] = []
    for (let i = 1; i <= 5; i++) made.push(await invite({ name: `Admin ${i}`, role: 'admin' }))
    expect((await admins()).sort()).toEqual(made.map((m) => m.entry.userId).sort())
    const sixth = await owner.call('moderators:invite', {
      name: 'Admin 6',
      role: 'admin',
      expiresInHours: 8,
    })
    expect(sixth.ok ? null : sixth.error).toMatchObject({
      code: ModeratorCode.adminLimit,
      params: { max: 5 },
    })
    // A moderator is no group admin, so the sixth person can still come in as one.
    expect(
      codeOf(
        await owner.call('moderators:invite', {
          name: 'Helper',
          role: 'moderator',
          expiresInHours: 8,
        }),
      ),
    ).toBe(0)
    await owner.value('moderators:revoke', { id: made[0]!.entry.id })
    expect(await admins()).not.toContain(made[0]!.entry.userId)
    expect((await admins()).length).toBe(4)
  })

  it('refuses a second live invite with the same name', async () => {
    await invite({ name: 'Mina' })
    expect(
      codeOf(
        await owner.call('moderators:invite', {
          name: 'mina',
          role: 'moderator',
          expiresInHours: 1,
        }),
      ),
    ).toBe(ModeratorCode.nameTaken)
  })

  it('keeps each moderator’s layout apart from the owner’s, and docks a pop-out when its socket closes', async () => {
    const link = (await invite({ name: 'Mina' })).link
    const mina = await openAs(link)
    expect((await mina.value<LayoutSnapshot>('layout:get')).preset).toBe('moderator')
    await mina.value('layout:choose-preset', { preset: 'producer' })
    expect((await owner.value<LayoutSnapshot>('layout:get')).preset).not.toBe('producer')
    expect((await mina.value<LayoutSnapshot>('layout:get')).preset).toBe('producer')

    // Mina's chat in a second window on the same invite: out until that window's socket closes.
    const chatWindow = await openAs(link)
    await chatWindow.value('layout:pop-out', { panel: 'chat' })
    expect((await mina.value<LayoutSnapshot>('layout:get')).poppedOut).toEqual(['chat'])
    expect((await owner.value<LayoutSnapshot>('layout:get')).poppedOut).toEqual([])
    chatWindow.ws.close()
    await chatWindow.closed
    await expect
      .poll(async () => (await mina.value<LayoutSnapshot>('layout:get')).poppedOut)
      .toEqual([])
  })
})
