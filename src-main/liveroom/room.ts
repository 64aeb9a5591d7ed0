import type {
  GroupSnapshot,
  Member,
  ProtocolVersion,
  Role,
  ServerFrame,
  WireMessage,
} from '../../src-shared/protocol/frames'
import { type ClientPort, sendShared } from './client-port'
import { MemberChanges } from './member-changes'
import { type Pacer, realPacer, tickMs } from './message-pacing'
import { SharedFrame } from './shared-frame'
import type { GroupProfile } from './store'

interface Presence {
  port: ClientPort
  member: Member
  /** The dialect this connection logged in with. */
  version: ProtocolVersion
  /** The online count this member was last told (in its join ack or an `online-count`). */
  countSeen: number
}

/** The first protocol version that takes group messages in `messages` batches. */
const batchVersion = 3

/**
 * The online side of one group: who is connected to it right now, and its profile; and the fan-out
 * of its messages — each serialized once, sent at once as a `message` frame to version 1 and 2
 * members, and spliced into the next `messages` batch for version 3 members (message-pacing.ts).
 */
export class Room {
  private readonly present = new Map<string, Presence>()
  private readonly changes = new MemberChanges()
  /** JSON of the messages waiting for the next batch, oldest first. */
  private pending: string[] = []
  private batchMembers = 0
  /** When the last flush began: a tick counts from there, so writing is part of it. */
  private lastFlushStart = -Infinity
  /** How long the last flush took to write, ms (the tick stretches when writing is slow). */
  private lastFlushMs = 0
  private cancelFlush: (() => void) | undefined

  constructor(
    public profile: GroupProfile,
    private readonly pacer: Pacer = realPacer,
  ) {}

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
    // What is waiting goes out first: the joiner's history (read after this) already has it.
    this.flush()
    this.present.set(member.userId, { port, member, version, countSeen: this.present.size + 1 })
    if (version >= batchVersion) this.batchMembers++
    this.changes.joined(member)
  }

  remove(userId: string): boolean {
    const presence = this.present.get(userId)
    if (!presence) return false
    this.present.delete(userId)
    if (presence.version >= batchVersion) this.batchMembers--
    this.changes.left(userId)
    return true
  }

  /**
   * A group message to every member: serialized once; a `message` frame now to version 1 and 2
   * members, the same JSON spliced into the next `messages` batch for version 3 members.
   */
  deliver(message: WireMessage): void {
    const json = JSON.stringify(message)
    if (this.batchMembers < this.present.size) {
      const single = new SharedFrame(`{"type":"message","message":${json}}`)
      for (const { port, version } of this.present.values()) {
        if (version < batchVersion) sendShared(port, single)
      }
    }
    if (this.batchMembers === 0) return
    this.pending.push(json)
    if (this.cancelFlush) return
    const wait =
      this.lastFlushStart + tickMs(this.batchMembers, this.lastFlushMs) - this.pacer.now()
    if (wait <= 0) this.flush()
    else this.cancelFlush = this.pacer.later(() => this.flush(), wait)
  }

  /** Sends the waiting batch now (its tick ended, or another frame must not overtake it). */
  flush(): void {
    this.cancelFlush?.()
    this.cancelFlush = undefined
    if (this.pending.length === 0) return
    const batch = new SharedFrame(`{"type":"messages","messages":[${this.pending.join(',')}]}`)
    this.pending = []
    const start = this.pacer.now()
    for (const { port, version } of this.present.values()) {
      if (version >= batchVersion) sendShared(port, batch)
    }
    this.lastFlushStart = start
    this.lastFlushMs = this.pacer.now() - start
  }

  /** The room is gone: nothing waiting is sent. */
  dispose(): void {
    this.cancelFlush?.()
    this.cancelFlush = undefined
    this.pending = []
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

  /** A frame to every member, after the messages waiting (a recall never overtakes its message). */
  broadcast(frame: ServerFrame): void {
    this.flush()
    const shared = new SharedFrame(JSON.stringify(frame))
    for (const { port } of this.present.values()) sendShared(port, shared)
  }

  /**
   * Sends to the owner and admins online here who speak at least `minVersion` (a frame added in a
   * later version must not reach a client that does not know it).
   */
  sendToStaff(frame: ServerFrame, minVersion: ProtocolVersion): void {
    this.flush()
    let shared: SharedFrame | undefined
    for (const { port, member, version } of this.present.values()) {
      if (member.role === 'Member' || version < minVersion) continue
      shared ??= new SharedFrame(frameText(frame))
      sendShared(port, shared)
    }
  }

  /**
   * The membership notice: what changed since the previous one, to every member — one
   * `members-changed` (version 2) or the listed `member-left`/`member-joined` frames (version 1) —
   * then `online-count` to each member whose last known count differs. Each distinct frame is
   * serialized once. Sends nothing when nothing changed.
   */
  announceChanges(maxListed: number): void {
    this.flush()
    const groupId = this.profile.groupId
    const batch = this.changes.take(maxListed)
    const count = this.onlineCount
    let current: SharedFrame | undefined
    let legacy: SharedFrame[] | undefined
    let countFrame: SharedFrame | undefined
    for (const presence of this.present.values()) {
      if (batch && presence.version === 1) {
        legacy ??= [
          ...batch.left.map((userId) => shared({ type: 'member-left', groupId, userId })),
          ...batch.joined.map((member) => shared({ type: 'member-joined', groupId, member })),
        ]
        for (const frame of legacy) sendShared(presence.port, frame)
      } else if (batch) {
        current ??= shared({ type: 'members-changed', groupId, ...batch })
        sendShared(presence.port, current)
      }
      if (presence.countSeen !== count) {
        countFrame ??= shared({ type: 'online-count', groupId, count })
        sendShared(presence.port, countFrame)
        presence.countSeen = count
      }
    }
  }
}

const frameText = (frame: ServerFrame): string => JSON.stringify(frame)
const shared = (frame: ServerFrame): SharedFrame => new SharedFrame(frameText(frame))
