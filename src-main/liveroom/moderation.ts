import { ErrorCode } from '../../src-shared/protocol/codes'
import type { Member } from '../../src-shared/protocol/frames'
import { groupInfoChangedBody } from './callback-bodies'
import type { CallbackContext, CallbackDispatcher } from './callbacks'
import { type Failure, fail } from './outcome'
import type { Room } from './room'
import type { GroupProfile, GroupProfileChanges, GroupRow, Store } from './store'

/**
 * Moderation as operations: mute (and unmute), ban, unban, remove (kick), the group profile (which
 * holds mute-all), recall and the member list — one operation each, asked for by the client
 * protocol (im-engine.ts, frame by frame) and by REST (rest-*.ts, as the App admin) alike.
 *
 * Who may: every operation is asked by an Actor. A group member's role decides: the Owner and
 * Admins moderate, Members may not; nobody acts on the Owner; only the Owner acts on an Admin; only
 * the Owner changes the profile beyond mute-all. An App admin — a REST caller, or an App admin
 * account on the client protocol — may do whatever the REST API allows (everything but acting on
 * the Owner).
 *
 * Order: an operation that changes something takes the caller's `reply` and answers through it
 * exactly once, refused or done, before it announces: first the pushes to the room, then the
 * callbacks. So a client's ack precedes the frames its own request causes (docs/protocol.md,
 * "Transport"), and no caller can forget to announce. The member list changes nothing and just
 * returns its answer.
 */

/** Who asks for an operation, and from where (the callbacks' ClientIP and OptPlatform). */
export interface Actor {
  /** The operator the room is told of (frames' `operatorId`, callbacks' `Operator_Account`). */
  userId: string
  /** `member`: the group role decides; `app-admin`: may do what the REST API allows. */
  standing: 'member' | 'app-admin'
  context: CallbackContext
}

/** What an operation answers: its result, or why it refused (and then nothing changed). */
export type Done<T> = { ok: true; value: T } | Failure
export type Reply<T> = (done: Done<T>) => void

/** The outcome of recalling one message (REST RetCode 0 or 10030). */
export interface RecallOutcome {
  sequence: number
  code: number
  /** True when this call recalled it (members are told); false when it already was. */
  recalled: boolean
}

/** An online member with the end of their mute (ms; 0 when not muted). */
export interface ListedMember extends Member {
  muteUntil: number
}

/** What moderation needs from the IM engine. */
export interface ModerationHost {
  store: Store
  now: () => number
  callbacks: CallbackDispatcher
  /** The group's online side, while anyone is in it. */
  room(groupId: string): Room | undefined
  /** Takes the user out of the group now, as a kick (ExitType Kicked); nothing when not in it. */
  expel(groupId: string, userId: string, actor: Actor): void
  /** Sends the group's pending membership notice now, if it has one. */
  announceMembersNow(groupId: string): void
  /** Refreshes the live profile and tells the members (GRP_TIP_GRP_PROFILE_UPDATED). */
  groupProfileChanged(profile: GroupProfile, changes: GroupProfileChanges, operatorId: string): void
  /** A ban of an anonymous viewer also bans the address it was minted from. */
  banAddresses: boolean
}

/** An action as a refusal names it. */
interface Action {
  /** "Only the group owner or an admin can …" */
  what: string
  /** "Only the group owner can … an admin" */
  verb: string
  /** "The group owner cannot be …" */
  done: string
}

const act = {
  mute: { what: 'mute members', verb: 'mute', done: 'muted' },
  ban: { what: 'ban members', verb: 'ban', done: 'banned' },
  unban: { what: 'lift bans', verb: 'unban', done: 'banned' },
  remove: { what: 'remove members', verb: 'remove', done: 'removed' },
  muteAll: { what: 'turn mute-all on or off', verb: '', done: '' },
  profile: { what: "change the group's profile", verb: '', done: '' },
  recall: { what: 'recall messages', verb: '', done: '' },
  list: { what: 'list the members', verb: '', done: '' },
} satisfies Record<string, Action>

const profileFields = ['name', 'introduction', 'notification', 'faceUrl', 'appDefinedData'] as const

export class Moderation {
  constructor(private readonly host: ModerationHost) {}

  /** End of the member's current mute in ms, 0 when not muted. */
  currentMute(groupId: string, userId: string): number {
    const until = this.host.store.mutes.muteUntil(groupId, userId)
    return until > this.host.now() ? until : 0
  }

  /** Mutes members for `seconds` (0 unmutes), all or none; each member of the room is told. */
  mute(
    actor: Actor,
    request: { groupId: string; userIds: readonly string[]; seconds: number },
    reply: Reply<{ muteUntil: number }>,
  ): void {
    const { groupId, userIds, seconds } = request
    const group = this.allowed(actor, groupId, act.mute, userIds)
    if ('code' in group) return reply(group)
    const muteUntil = seconds === 0 ? 0 : this.host.now() + seconds * 1000
    this.host.store.mutes.setMany(groupId, userIds, muteUntil, actor.userId)
    reply({ ok: true, value: { muteUntil } })
    const room = this.host.room(groupId)
    for (const userId of userIds) {
      room?.broadcast({
        type: 'member-muted',
        groupId,
        userId,
        operatorId: actor.userId,
        muteTime: seconds,
        muteUntil,
      })
    }
  }

  /**
   * AVChatRoom ban for `seconds` (> 0), all or none: the room is told (the banned included), then
   * the banned leave it and cannot join again until the ban ends.
   */
  ban(
    actor: Actor,
    request: { groupId: string; userIds: readonly string[]; seconds: number; reason: string },
    reply: Reply<{ bannedUntil: number }>,
  ): void {
    const { groupId, userIds, seconds, reason } = request
    const group = this.allowed(actor, groupId, act.ban, userIds)
    if ('code' in group) return reply(group)
    const now = this.host.now()
    const bannedUntil = now + seconds * 1000
    const { store } = this.host
    store.db.transaction(() => {
      store.bans.setMany(groupId, userIds, bannedUntil, actor.userId, reason)
      // An anonymous identity is free to make again: its address is banned too, so identities
      // minted there from now on stay out as long (issue 9, §2).
      if (!this.host.banAddresses) return
      for (const userId of userIds) {
        const identity = store.viewerIdentities.get(userId)
        if (identity)
          store.viewerIdentities.banAddress(groupId, identity.mintedAddress, now, bannedUntil)
      }
    })()
    reply({ ok: true, value: { bannedUntil } })
    const room = this.host.room(groupId)
    if (!room) return
    // Members hear of a join before the removal that names the joiner.
    this.host.announceMembersNow(groupId)
    room.broadcast({
      type: 'member-banned',
      groupId,
      userIds: [...userIds],
      operatorId: actor.userId,
      reason,
      bannedUntil,
    })
    for (const userId of userIds) this.host.expel(groupId, userId, actor)
  }

  /** Lifts bans (one that does not exist is no error). Nothing is pushed. */
  unban(
    actor: Actor,
    request: { groupId: string; userIds: readonly string[] },
    reply: Reply<Record<string, never>>,
  ): void {
    const group = this.allowed(actor, request.groupId, act.unban, request.userIds)
    if ('code' in group) return reply(group)
    const { store } = this.host
    store.db.transaction(() => {
      store.bans.removeMany(request.groupId, request.userIds)
      for (const userId of request.userIds) {
        const identity = store.viewerIdentities.get(userId)
        if (identity) store.viewerIdentities.unbanAddress(request.groupId, identity.mintedAddress)
      }
    })()
    reply({ ok: true, value: {} })
  }

  /**
   * Takes the members who are online out of the room now; they may join again. Answers who was
   * removed (the others are ignored).
   */
  remove(
    actor: Actor,
    request: { groupId: string; userIds: readonly string[]; reason: string },
    reply: Reply<{ removed: string[] }>,
  ): void {
    const { groupId, userIds, reason } = request
    const group = this.allowed(actor, groupId, act.remove, userIds)
    if ('code' in group) return reply(group)
    const room = this.host.room(groupId)
    const removed = room ? userIds.filter((userId) => room.has(userId)) : []
    reply({ ok: true, value: { removed } })
    if (!room || removed.length === 0) return
    // Members hear of a join before the removal that names the joiner.
    this.host.announceMembersNow(groupId)
    room.broadcast({
      type: 'member-kicked',
      groupId,
      userIds: removed,
      operatorId: actor.userId,
      reason,
    })
    for (const userId of removed) this.host.expel(groupId, userId, actor)
  }

  /**
   * Changes the group profile (REST modify_group_base_info; a client's mute-all is its
   * `muteAllMembers`). Only what differs from the stored profile counts: answers it, and when
   * anything changed the room hears of it and Group.CallbackAfterGroupInfoChanged fires. Owner
   * and Admins may turn mute-all on or off; the rest of the profile is the Owner's.
   */
  changeProfile(
    actor: Actor,
    groupId: string,
    requested: GroupProfileChanges,
    reply: Reply<{ changes: GroupProfileChanges }>,
  ): void {
    const { store, now } = this.host
    const profile = store.groups.profile(groupId)
    if (!profile) return reply(groupNotFound(groupId))
    const changes = differences(profile, requested)
    const beyondMuteAll = profileFields.some((field) => changes[field] !== undefined)
    const group = this.allowed(actor, groupId, beyondMuteAll ? act.profile : act.muteAll)
    if ('code' in group) return reply(group)
    if (
      beyondMuteAll &&
      actor.standing === 'member' &&
      store.groups.roleOf(group, actor.userId) !== 'Owner'
    ) {
      return reply(fail(ErrorCode.noPermission, `Only the group owner can ${act.profile.what}`))
    }
    const updated =
      Object.keys(changes).length > 0 ? store.groups.update(groupId, changes, now()) : undefined
    reply({ ok: true, value: { changes: updated ? changes : {} } })
    if (!updated) return
    this.host.groupProfileChanged(updated, changes, actor.userId)
    this.host.callbacks.emit(
      'Group.CallbackAfterGroupInfoChanged',
      groupInfoChangedBody(groupId, actor.userId, changes, now()),
      actor.context,
    )
  }

  /**
   * Marks stored messages recalled, all in one transaction; the room is told once per message
   * this call recalled. A sequence with no stored message gets code 10030 (it is not a refusal).
   */
  recall(
    actor: Actor,
    request: { groupId: string; sequences: readonly number[]; reason: string },
    reply: Reply<RecallOutcome[]>,
  ): void {
    const { groupId, sequences, reason } = request
    const group = this.allowed(actor, groupId, act.recall)
    if ('code' in group) return reply(group)
    const { store } = this.host
    const outcomes = store.db.transaction(() =>
      sequences.map((sequence): RecallOutcome => {
        const result = store.messages.recall(groupId, sequence)
        return {
          sequence,
          code: result === 'not-found' ? ErrorCode.messageNotFound : 0,
          recalled: result === 'recalled',
        }
      }),
    )()
    reply({ ok: true, value: outcomes })
    const room = this.host.room(groupId)
    for (const { sequence, recalled } of outcomes) {
      if (!recalled) continue
      room?.broadcast({
        type: 'message-recalled',
        groupId,
        sequence,
        operatorId: actor.userId,
        reason,
      })
    }
  }

  /** The members online now, in join order, with their live mutes. */
  members(actor: Actor, groupId: string): Done<ListedMember[]> {
    const group = this.allowed(actor, groupId, act.list)
    if ('code' in group) return group
    const online = this.host.room(groupId)?.members() ?? []
    return {
      ok: true,
      value: online.map((member) => ({
        ...member,
        muteUntil: this.currentMute(groupId, member.userId),
      })),
    }
  }

  /**
   * The group, when `actor` may do `action` to `targets` (see the file's header); else the
   * refusal to answer.
   */
  private allowed(
    actor: Actor,
    groupId: string,
    action: Action,
    targets: readonly string[] = [],
  ): GroupRow | Failure {
    const { store } = this.host
    const group = store.groups.get(groupId)
    if (!group) return groupNotFound(groupId)
    const role = actor.standing === 'member' ? store.groups.roleOf(group, actor.userId) : undefined
    if (role === 'Member') {
      return fail(ErrorCode.noPermission, `Only the group owner or an admin can ${action.what}`)
    }
    if (targets.includes(group.ownerId)) {
      return fail(ErrorCode.noPermission, `The group owner cannot be ${action.done}`)
    }
    if (role === 'Admin' && targets.some((id) => store.groups.roleOf(group, id) === 'Admin')) {
      return fail(ErrorCode.noPermission, `Only the group owner can ${action.verb} an admin`)
    }
    return group
  }
}

function groupNotFound(groupId: string): Failure {
  return fail(ErrorCode.groupNotFound, `Group "${groupId}" does not exist or was destroyed`)
}

/** The requested changes that differ from the profile. */
function differences(profile: GroupProfile, requested: GroupProfileChanges): GroupProfileChanges {
  const changes: GroupProfileChanges = {}
  if (requested.name !== undefined && requested.name !== profile.name) changes.name = requested.name
  if (requested.introduction !== undefined && requested.introduction !== profile.introduction) {
    changes.introduction = requested.introduction
  }
  if (requested.notification !== undefined && requested.notification !== profile.notification) {
    changes.notification = requested.notification
  }
  if (requested.faceUrl !== undefined && requested.faceUrl !== profile.faceUrl) {
    changes.faceUrl = requested.faceUrl
  }
  if (
    requested.muteAllMembers !== undefined &&
    requested.muteAllMembers !== profile.muteAllMembers
  ) {
    changes.muteAllMembers = requested.muteAllMembers
  }
  if (
    requested.appDefinedData !== undefined &&
    JSON.stringify(requested.appDefinedData) !== JSON.stringify(profile.appDefinedData)
  ) {
    changes.appDefinedData = requested.appDefinedData
  }
  return changes
}
