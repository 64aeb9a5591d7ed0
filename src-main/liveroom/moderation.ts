import { ErrorCode, Limits } from '../../src-shared/protocol/codes'
import type { ClientFrameType, MemberInfo } from '../../src-shared/protocol/frames'
import { groupInfoChangedBody } from './callback-bodies'
import type { CallbackContext, CallbackDispatcher } from './callbacks'
import { type Failure, type FrameOf, type Outcome, fail } from './outcome'
import type { Room } from './room'
import type { GroupProfile, GroupProfileChanges, GroupRow, Store } from './store'

export type MuteOutcome = { ok: true; muteUntil: number } | Failure
export type BanOutcome = { ok: true; bannedUntil: number } | Failure

/** The outcome of recalling one message (REST RetCode 0 or 10030). */
export interface RecallOutcome {
  sequence: number
  code: number
  /** True when this call recalled it (members are told); false when it already was. */
  recalled: boolean
}

/** What moderation needs from the IM engine. */
export interface ModerationHost {
  store: Store
  now: () => number
  callbacks: CallbackDispatcher
  /** The group's online side, while anyone is in it. */
  room(groupId: string): Room | undefined
  /** Takes the user out of the group now, as a kick (ExitType Kicked); nothing when not in it. */
  expel(groupId: string, userId: string, operatorId: string): void
  /** Sends the group's pending membership notice now, if it has one. */
  announceMembersNow(groupId: string): void
  /** Refreshes the live profile and tells the members (GRP_TIP_GRP_PROFILE_UPDATED). */
  groupProfileChanged(profile: GroupProfile, changes: GroupProfileChanges, operatorId: string): void
}

/** A client's moderation request: who asks, from where, and the one ack that answers it. */
export interface ModerationRequest<T extends ClientFrameType> {
  operatorId: string
  context: CallbackContext
  reply: (outcome: Outcome<T>) => void
}

/**
 * Mutes, bans, kicks, mute-all, the member list and recall: the owner's and admins' requests over
 * the client protocol, and the App admin's through REST. Every request is answered before the
 * pushes it causes.
 */
export class Moderation {
  constructor(private readonly host: ModerationHost) {}

  /** End of the member's current mute in ms, 0 when not muted. */
  currentMute(groupId: string, userId: string): number {
    const until = this.host.store.mutes.muteUntil(groupId, userId)
    return until > this.host.now() ? until : 0
  }

  // ---- moderation by the owner and admins (client requests) -----------------------------------

  mute(frame: FrameOf<'mute'>, { operatorId, reply }: ModerationRequest<'mute'>): void {
    const { store } = this.host
    const group = store.groups.get(frame.groupId)
    if (!group) {
      return reply(fail(ErrorCode.groupNotFound, `Group "${frame.groupId}" does not exist`))
    }
    const operatorRole = store.groups.roleOf(group, operatorId)
    if (operatorRole === 'Member') {
      return reply(
        fail(ErrorCode.noPermission, 'Only the group owner or an admin can mute members'),
      )
    }
    const targetRole = store.groups.roleOf(group, frame.userId)
    if (targetRole === 'Admin' && operatorRole !== 'Owner') {
      return reply(fail(ErrorCode.noPermission, 'Only the group owner can mute an admin'))
    }
    const outcome = this.muteMembers(frame.groupId, [frame.userId], frame.seconds, operatorId)
    if (!('ok' in outcome)) return reply(outcome)
    reply({ ok: true, data: { userId: frame.userId, muteUntil: outcome.muteUntil } })
    this.announceMutes(frame.groupId, [frame.userId], frame.seconds, outcome.muteUntil, operatorId)
  }

  ban(frame: FrameOf<'ban'>, { operatorId, reply }: ModerationRequest<'ban'>): void {
    const checked = this.moderated(frame.groupId, operatorId, 'ban members', {
      userId: frame.userId,
      verb: 'ban',
    })
    if ('code' in checked) return reply(checked)
    if (frame.seconds === 0) {
      this.unbanMembers(frame.groupId, [frame.userId])
      return reply({ ok: true, data: { userId: frame.userId, bannedUntil: 0 } })
    }
    const reason = frame.reason ?? ''
    const outcome = this.banMembers(
      frame.groupId,
      [frame.userId],
      frame.seconds,
      operatorId,
      reason,
    )
    if (!('ok' in outcome)) return reply(outcome)
    reply({ ok: true, data: { userId: frame.userId, bannedUntil: outcome.bannedUntil } })
    this.announceBan(frame.groupId, [frame.userId], operatorId, reason, outcome.bannedUntil)
  }

  kick(frame: FrameOf<'kick'>, { operatorId, reply }: ModerationRequest<'kick'>): void {
    const checked = this.moderated(frame.groupId, operatorId, 'remove members', {
      userId: frame.userId,
      verb: 'remove',
    })
    if ('code' in checked) return reply(checked)
    const removed = this.host.room(frame.groupId)?.has(frame.userId) ?? false
    reply({ ok: true, data: { userId: frame.userId, removed } })
    if (removed) this.removeMembers(frame.groupId, [frame.userId], operatorId, frame.reason ?? '')
  }

  muteAll(
    frame: FrameOf<'mute-all'>,
    { operatorId, context, reply }: ModerationRequest<'mute-all'>,
  ): void {
    const checked = this.moderated(frame.groupId, operatorId, 'turn mute-all on or off')
    if ('code' in checked) return reply(checked)
    const { store, now } = this.host
    const profile = store.groups.profile(frame.groupId)
    const changes: GroupProfileChanges = { muteAllMembers: frame.on }
    const updated =
      profile && profile.muteAllMembers !== frame.on
        ? store.groups.update(frame.groupId, changes, now())
        : undefined
    reply({ ok: true, data: { muteAllMembers: frame.on } })
    if (!updated) return
    this.host.groupProfileChanged(updated, changes, operatorId)
    this.host.callbacks.emit(
      'Group.CallbackAfterGroupInfoChanged',
      groupInfoChangedBody(frame.groupId, operatorId, {}, now()),
      context,
    )
  }

  getMembers(
    frame: FrameOf<'get-members'>,
    { operatorId, reply }: ModerationRequest<'get-members'>,
  ): void {
    const checked = this.moderated(frame.groupId, operatorId, 'list the members')
    if ('code' in checked) return reply(checked)
    const online = this.host.room(frame.groupId)?.members() ?? []
    const members: MemberInfo[] = online
      .slice(-Limits.maxMembersListed)
      .map((member) => ({ ...member, muteUntil: this.currentMute(frame.groupId, member.userId) }))
    reply({ ok: true, data: { members, onlineCount: online.length } })
  }

  recall(frame: FrameOf<'recall'>, { operatorId, reply }: ModerationRequest<'recall'>): void {
    const checked = this.moderated(frame.groupId, operatorId, 'recall messages')
    if ('code' in checked) return reply(checked)
    const [outcome] = this.recallMessages(frame.groupId, [frame.sequence])
    if (!outcome || outcome.code !== 0) {
      return reply(
        fail(
          ErrorCode.messageNotFound,
          `Group "${frame.groupId}" has no stored message with sequence ${frame.sequence}`,
        ),
      )
    }
    reply({ ok: true, data: { sequence: frame.sequence } })
    if (outcome.recalled) {
      this.announceRecall(frame.groupId, frame.sequence, operatorId, frame.reason ?? '')
    }
  }

  /**
   * The group when `operatorId` may moderate it (Owner or Admin) and, when given, may act on
   * `targetId` (never the Owner; an Admin only by the Owner); else the failure to answer.
   */
  private moderated(
    groupId: string,
    operatorId: string,
    what: string,
    target?: { userId: string; verb: string },
  ): GroupRow | Failure {
    const { store } = this.host
    const group = store.groups.get(groupId)
    if (!group) return fail(ErrorCode.groupNotFound, `Group "${groupId}" does not exist`)
    const operatorRole = store.groups.roleOf(group, operatorId)
    if (operatorRole === 'Member') {
      return fail(ErrorCode.noPermission, `Only the group owner or an admin can ${what}`)
    }
    if (target) {
      const targetRole = store.groups.roleOf(group, target.userId)
      if (targetRole === 'Owner') {
        return fail(ErrorCode.noPermission, `Nobody can ${target.verb} the group owner`)
      }
      if (targetRole === 'Admin' && operatorRole !== 'Owner') {
        return fail(ErrorCode.noPermission, `Only the group owner can ${target.verb} an admin`)
      }
    }
    return group
  }

  // ---- the operations, shared with REST -------------------------------------------------------

  /**
   * Mutes (seconds > 0) or unmutes (0) members, all or none; the owner cannot be muted. The
   * caller answers its request, then calls announceMutes, so the answer precedes the pushes.
   */
  muteMembers(
    groupId: string,
    userIds: readonly string[],
    seconds: number,
    operatorId: string,
  ): MuteOutcome {
    const { store, now } = this.host
    const group = store.groups.get(groupId)
    if (!group) return fail(ErrorCode.groupNotFound, `Group "${groupId}" does not exist`)
    if (userIds.includes(group.ownerId)) {
      return fail(ErrorCode.noPermission, 'The group owner cannot be muted')
    }
    const muteUntil = seconds === 0 ? 0 : now() + seconds * 1000
    store.mutes.setMany(groupId, userIds, muteUntil, operatorId)
    return { ok: true, muteUntil }
  }

  announceMutes(
    groupId: string,
    userIds: readonly string[],
    seconds: number,
    muteUntil: number,
    operatorId: string,
  ): void {
    const room = this.host.room(groupId)
    for (const userId of userIds) {
      room?.broadcast({
        type: 'member-muted',
        groupId,
        userId,
        operatorId,
        muteTime: seconds,
        muteUntil,
      })
    }
  }

  /**
   * Bans members for `seconds` (> 0), all or none; the owner cannot be banned. The caller answers
   * its request, then calls announceBan, so the answer precedes the pushes.
   */
  banMembers(
    groupId: string,
    userIds: readonly string[],
    seconds: number,
    operatorId: string,
    reason: string,
  ): BanOutcome {
    const { store, now } = this.host
    const group = store.groups.get(groupId)
    if (!group) return fail(ErrorCode.groupNotFound, `Group "${groupId}" does not exist`)
    if (userIds.includes(group.ownerId)) {
      return fail(ErrorCode.noPermission, 'The group owner cannot be banned')
    }
    const bannedUntil = now() + seconds * 1000
    store.bans.setMany(groupId, userIds, bannedUntil, operatorId, reason)
    return { ok: true, bannedUntil }
  }

  unbanMembers(groupId: string, userIds: readonly string[]): void {
    this.host.store.bans.removeMany(groupId, userIds)
  }

  /** Tells the room about a ban, then takes the banned members out of it. */
  announceBan(
    groupId: string,
    userIds: readonly string[],
    operatorId: string,
    reason: string,
    bannedUntil: number,
  ): void {
    const room = this.host.room(groupId)
    if (!room) return
    // Members hear of a join before the removal that names the joiner.
    this.host.announceMembersNow(groupId)
    room.broadcast({
      type: 'member-banned',
      groupId,
      userIds: [...userIds],
      operatorId,
      reason,
      bannedUntil,
    })
    for (const userId of userIds) this.host.expel(groupId, userId, operatorId)
  }

  /** delete_group_member: the members leave now and may join again. Returns who was online. */
  removeMembers(
    groupId: string,
    userIds: readonly string[],
    operatorId: string,
    reason: string,
  ): string[] {
    const room = this.host.room(groupId)
    if (!room) return []
    const online = userIds.filter((userId) => room.has(userId))
    if (online.length === 0) return []
    // Members hear of a join before the removal that names the joiner.
    this.host.announceMembersNow(groupId)
    room.broadcast({ type: 'member-kicked', groupId, userIds: online, operatorId, reason })
    for (const userId of online) this.host.expel(groupId, userId, operatorId)
    return online
  }

  /** Marks stored messages recalled; the caller then calls announceRecall for `recalled` ones. */
  recallMessages(groupId: string, sequences: readonly number[]): RecallOutcome[] {
    const { store } = this.host
    return store.db.transaction(() =>
      sequences.map((sequence) => {
        const result = store.messages.recall(groupId, sequence)
        return {
          sequence,
          code: result === 'not-found' ? ErrorCode.messageNotFound : 0,
          recalled: result === 'recalled',
        }
      }),
    )()
  }

  announceRecall(groupId: string, sequence: number, operatorId: string, reason: string): void {
    this.host.room(groupId)?.broadcast({
      type: 'message-recalled',
      groupId,
      sequence,
      operatorId,
      reason,
    })
  }
}
