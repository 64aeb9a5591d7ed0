import type { GroupSnapshot, Member, ServerFrame } from '../../src-shared/protocol/frames'
import type { ClientPort } from './client-port'
import type { GroupRow } from './store'

interface Presence {
  port: ClientPort
  member: Member
}

/** The online side of one group: who is connected to it right now, and its next sequence. */
export class Room {
  private readonly present = new Map<string, Presence>()

  constructor(
    readonly group: GroupRow,
    /** Sequence of the newest stored message; the next message gets lastSeq + 1. */
    public lastSeq: number,
  ) {}

  get onlineCount(): number {
    return this.present.size
  }

  has(userId: string): boolean {
    return this.present.has(userId)
  }

  add(port: ClientPort, member: Member): void {
    this.present.set(member.userId, { port, member })
  }

  remove(userId: string): boolean {
    return this.present.delete(userId)
  }

  snapshot(): GroupSnapshot {
    return {
      groupId: this.group.groupId,
      name: this.group.name,
      ownerId: this.group.ownerId,
      onlineCount: this.onlineCount,
    }
  }

  broadcast(frame: ServerFrame): void {
    const text = JSON.stringify(frame)
    for (const { port } of this.present.values()) port.sendText(text)
  }
}
