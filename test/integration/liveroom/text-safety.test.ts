import { describe, expect, it } from 'vitest'
import type { WireMessage } from '../../../src-shared/protocol/frames'
import { connect, joinMain, startTestRoom, text } from './helpers'

/**
 * Issue 9, §7: text that cannot disguise itself, against a real room — the viewer page's session
 * endpoint, the client protocol's login, and chat lines as every member receives them.
 */
async function viewerSession(base: string, nickname: string) {
  const response = await fetch(`${base}/api/viewer-session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname }),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('names and lines that cannot disguise themselves', () => {
  it('refuses a viewer nickname that is invisible, turns text around or looks like the host', async () => {
    const t = await startTestRoom()
    const base = t.room.httpUrl
    const refused = async (nickname: string) => (await viewerSession(base, nickname)).body
    expect(await refused('\u200b\u200b')).toMatchObject({
      code: 10004,
      data: { reason: 'nicknameInvisible' },
    })
    expect(await refused('\u3164')).toMatchObject({ data: { reason: 'nicknameInvisible' } })
    expect(await refused('\u202eevil')).toMatchObject({ data: { reason: 'nicknameDirection' } })
    expect(await refused(`Z${'\u0301'.repeat(31)}`)).toMatchObject({
      data: { reason: 'nicknameMarks' },
    })
    // The room's owner is "anchor": a Cyrillic а, a zero and full-width letters all look like it.
    for (const lookalike of ['аnchor', 'ANCH0R', 'ａｎｃｈｏｒ']) {
      expect(await refused(lookalike)).toMatchObject({ data: { reason: 'nicknameLooksLikeHost' } })
    }
    const fine = await viewerSession(base, '  ＭＩＮＡ 민지 ')
    expect(fine).toMatchObject({ status: 200, body: { nick: 'MINA 민지' } })
  })

  it('lets the host sign in under their own name, and nobody else under one like it', async () => {
    const t = await startTestRoom()
    const host = await connect(t.room.wsUrl)
    const asHost = await host.request({
      type: 'login',
      version: 2,
      sdkAppId: t.room.sdkAppId,
      userId: t.room.ownerId,
      userSig: t.room.signUserSig(t.room.ownerId),
      nick: 'anchor',
    })
    expect(asHost.code).toBe(0)
    const other = await connect(t.room.wsUrl)
    const asOther = await other.request({
      type: 'login',
      version: 2,
      sdkAppId: t.room.sdkAppId,
      userId: 'v_mimic',
      userSig: t.room.signUserSig('v_mimic'),
      nick: 'аnchor',
    })
    expect(asOther).toMatchObject({ code: 10004, data: { reason: 'nicknameLooksLikeHost' } })
  })

  it('delivers chat lines without control characters, to everyone', async () => {
    const t = await startTestRoom()
    const { client: alice } = await joinMain(t.room, 'v_alice')
    const { client: bob } = await joinMain(t.room, 'v_bob')
    const sent = await alice.request({
      type: 'send',
      groupId: t.room.defaultRoomId,
      msgBody: text('bell\u0007 escape\u001b[31m red\u0085 and\r\nnext line'),
    })
    expect(sent.code).toBe(0)
    const received = await bob.waitFor((f) => f.type === 'message')
    const message = (received as { message: WireMessage }).message
    expect(message.msgBody).toEqual(text('bell escape[31m red and\nnext line'))
    expect((sent.data as { message: WireMessage }).message.msgBody).toEqual(message.msgBody)
    // Nothing but controls is nothing at all.
    expect(
      (
        await alice.request({
          type: 'send',
          groupId: t.room.defaultRoomId,
          msgBody: text('\u0007\u0007'),
        })
      ).code,
    ).toBe(10004)
  })
})
