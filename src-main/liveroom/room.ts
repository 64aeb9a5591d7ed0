import type { GroupSnapshot, Member, Role, ServerFrame } from '../../src-shared/protocol/frames'
import type { ClientPort } from './client-port'
import type { GroupProfile } from './store'

interface Presence {
  port: ClientPort
  member: Member
}

/** The online side of one group: who is connected to it right now, and its profile. */
export class Room {
  private readonly present = new Map<string, Presence>()

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

  add(port: ClientPort, member: Member): void {
    this.present.set(member.userId, { port, member })
  }

  remove(userId: string): boolean {
    return this.present.delete(userId)
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

  /** Sends to the listed members who are online here. */
  sendTo(userIds: readonly string[], frame: ServerFrame): void {
    const text = JSON.stringify(frame)
    for (const userId of userIds) this.present.get(userId)?.port.sendText(text)
  }
}
