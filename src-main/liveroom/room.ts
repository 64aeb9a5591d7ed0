import type {
  GroupSnapshot,
  Member,
  ProtocolVersion,
  Role,
  ServerFrame,
} from '../../src-shared/protocol/frames'
import type { ClientPort } from './client-port'
import { MemberChanges } from './member-changes'
import type { GroupProfile } from './store'

interface Presence {
  port: ClientPort
  member: Member
  /** The dialect this connection logged in with. */
  version: ProtocolVersion
  /** The online count this member was last told (in its join ack or an `online-count`). */
  countSeen: number
}

/** The online side of one group: who is connected to it right now, and its profile. */
export class Room {
  private readonly present = new Map<string, Presence>()
  private readonly changes = new MemberChanges()

  constructor(public profile: GroupProfile) {}

  get group(): GroupProfile {
    return this.profile
  }

  get onlineCount(): number {
    return this.present.size
  }

  has(userId: string): boolean {
    return this.present.has(userId)
  }

  member(userId: string): Member | undefined {
    return this.present.get(userId)?.member
  }

  /** Seats a member; its join ack carries the count from here on, so it counts as told. */
  add(port: ClientPort, member: Member, version: ProtocolVersion): void {
    this.present.set(member.userId, { port, member, version, countSeen: this.present.size + 1 })
    this.changes.joined(member)
  }

  remove(userId: string): boolean {
    if (!this.present.delete(userId)) return false
    this.changes.left(userId)
    return true
  }

  /** Members online now, in join order. */
  members(): Member[] {
    return [...this.present.values()].map((p) => p.member)
  }

  setRole(userId: string, role: Role): void {
    const presence = this.present.get(userId)
    if (presence) presence.member = { ...presence.member, role }
  }

  snapshot(): GroupSnapshot {
    const p = this.profile
    return {
      groupId: p.groupId,
      name: p.name,
      ownerId: p.ownerId,
      onlineCount: this.onlineCount,
      introduction: p.introduction,
      notification: p.notification,
      faceUrl: p.faceUrl,
      muteAllMembers: p.muteAllMembers,
      appDefinedData: p.appDefinedData,
    }
  }

  broadcast(frame: ServerFrame): void {
    const text = JSON.stringify(frame)
    for (const { port } of this.present.values()) port.sendText(text)
  }

  /**
   * Sends to the owner and admins online here who speak at least `minVersion` (a frame added in a
   * later version must not reach a client that does not know it).
   */
  sendToStaff(frame: ServerFrame, minVersion: ProtocolVersion): void {
    let text: string | undefined
    for (const { port, member, version } of this.present.values()) {
      if (member.role === 'Member' || version < minVersion) continue
      text ??= frameText(frame)
      port.sendText(text)
    }
  }

  /**
   * The membership notice: what changed since the previous one, to every member — one
   * `members-changed` (version 2) or the listed `member-left`/`member-joined` frames (version 1) —
   * then `online-count` to each member whose last known count differs. Each distinct frame is
   * serialized once. Sends nothing when nothing changed.
   */
  announceChanges(maxListed: number): void {
    const groupId = this.profile.groupId
    const batch = this.changes.take(maxListed)
    const count = this.onlineCount
    let current: string | undefined
    let legacy: string[] | undefined
    let countText: string | undefined
    for (const presence of this.present.values()) {
      if (batch && presence.version === 1) {
        legacy ??= [
          ...batch.left.map((userId) => frameText({ type: 'member-left', groupId, userId })),
          ...batch.joined.map((member) => frameText({ type: 'member-joined', groupId, member })),
        ]
        for (const text of legacy) presence.port.sendText(text)
      } else if (batch) {
        current ??= frameText({ type: 'members-changed', groupId, ...batch })
        presence.port.sendText(current)
      }
      if (presence.countSeen !== count) {
        countText ??= frameText({ type: 'online-count', groupId, count })
        presence.port.sendText(countText)
        presence.countSeen = count
      }
    }
  }
}

const frameText = (frame: ServerFrame): string => JSON.stringify(frame)
