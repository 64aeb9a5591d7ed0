import { MsgElem, type Priority, type WireMessage } from '../../../src-shared/protocol/frames'
import type { Db } from '../../common/sqlite'

interface MessageRecord {
  group_id: string
  seq: number
  msg_id: string
  from_id: string
  nick: string
  time: number
  priority: Priority
  body_json: string
  random: number | null
  cloud_custom_data: string | null
  is_modified: number
  recalled: number
}

const insertColumns =
  'group_id, seq, msg_id, from_id, nick, time, priority, body_json, random, cloud_custom_data, is_modified'
const columns = `${insertColumns}, recalled`

/** A stored message with the sender's Random (REST history reports it as MsgRandom). */
export interface StoredMessage {
  message: WireMessage
  random: number | undefined
  /** Recalled (group_msg_recall, the client `recall`): kept only as a placeholder. */
  recalled: boolean
}

export type RecallResult = 'recalled' | 'already-recalled' | 'not-found'

function toWire(row: MessageRecord): WireMessage {
  const message: WireMessage = {
    ID: row.msg_id,
    to: row.group_id,
    sequence: row.seq,
    from: row.from_id,
    nick: row.nick,
    time: row.time,
    priority: row.priority,
    msgBody: MsgElem.array().parse(JSON.parse(row.body_json)),
  }
  if (row.cloud_custom_data !== null) message.cloudCustomData = row.cloud_custom_data
  if (row.is_modified === 1) message.isModified = true
  return message
}

export class MessageQueries {
  private readonly insertOne
  private readonly selectRecent
  private readonly selectByRandom
  private readonly selectLastSeq
  private readonly selectUpTo
  private readonly selectRecalled
  private readonly markRecalled

  constructor(db: Db) {
    this.insertOne = db.prepare(
      `INSERT INTO messages (${insertColumns})
       VALUES (@group_id, @seq, @msg_id, @from_id, @nick, @time, @priority, @body_json, @random,
               @cloud_custom_data, @is_modified)`,
    )
    this.selectUpTo = db.prepare<[string, number, number, number], MessageRecord>(
      `SELECT ${columns} FROM messages WHERE group_id = ? AND seq <= ? AND recalled <= ?
       ORDER BY seq DESC LIMIT ?`,
    )
    this.selectRecent = db.prepare<[string, number, number], MessageRecord>(
      `SELECT ${columns} FROM messages WHERE group_id = ? AND time >= ? AND recalled = 0
       ORDER BY seq DESC LIMIT ?`,
    )
    this.selectRecalled = db.prepare<[string, number], { recalled: number }>(
      'SELECT recalled FROM messages WHERE group_id = ? AND seq = ?',
    )
    this.markRecalled = db.prepare(
      'UPDATE messages SET recalled = 1 WHERE group_id = ? AND seq = ?',
    )
    // INDEXED BY: for `ORDER BY seq` the planner otherwise walks the group's whole history (its
    // primary key) backwards, a cost that grew with every message of the show (issue 15 §4).
    this.selectByRandom = db.prepare<[string, string, number, number], MessageRecord>(
      `SELECT ${columns} FROM messages INDEXED BY messages_by_random
       WHERE group_id = ? AND from_id = ? AND random = ? AND time >= ?
       ORDER BY seq DESC LIMIT 1`,
    )
    this.selectLastSeq = db.prepare<[string], { last: number | null }>(
      'SELECT MAX(seq) AS last FROM messages WHERE group_id = ?',
    )
  }

  insert(message: WireMessage, random: number | undefined): void {
    this.insertOne.run({
      group_id: message.to,
      seq: message.sequence,
      msg_id: message.ID,
      from_id: message.from,
      nick: message.nick,
      time: message.time,
      priority: message.priority,
      body_json: JSON.stringify(message.msgBody),
      random: random ?? null,
      cloud_custom_data: message.cloudCustomData ?? null,
      is_modified: message.isModified ? 1 : 0,
    })
  }

  /**
   * Up to `limit` messages with seq ≤ `maxSeq`, newest first (REST group_msg_get_simple);
   * recalled ones only when asked for.
   */
  upTo(groupId: string, maxSeq: number, limit: number, withRecalled = false): StoredMessage[] {
    return this.selectUpTo.all(groupId, maxSeq, withRecalled ? 1 : 0, limit).map((row) => ({
      message: toWire(row),
      random: row.random ?? undefined,
      recalled: row.recalled === 1,
    }))
  }

  /** Marks a stored message recalled; it leaves history but keeps its sequence. */
  recall(groupId: string, seq: number): RecallResult {
    const row = this.selectRecalled.get(groupId, seq)
    if (!row) return 'not-found'
    if (row.recalled === 1) return 'already-recalled'
    this.markRecalled.run(groupId, seq)
    return 'recalled'
  }

  /** The newest `limit` messages sent at or after `since` (ms), oldest first; not recalled ones. */
  recent(groupId: string, since: number, limit: number): WireMessage[] {
    return this.selectRecent.all(groupId, since, limit).reverse().map(toWire)
  }

  findByRandom(
    groupId: string,
    fromId: string,
    random: number,
    since: number,
  ): WireMessage | undefined {
    const row = this.selectByRandom.get(groupId, fromId, random, since)
    return row ? toWire(row) : undefined
  }

  lastSeq(groupId: string): number {
    return this.selectLastSeq.get(groupId)?.last ?? 0
  }
}
