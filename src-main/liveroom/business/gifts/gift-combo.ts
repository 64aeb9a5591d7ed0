import type { Clock } from '../../../common/clock'

/**
 * Combo merging, as the seed prescribes ("선물 및 좋아요 메시지 모범 사례"): gifts a viewer sends in a
 * row become few room messages. A combo is one sender's run of one gift in one room; it ends when
 * no gift of it came for `endAfterMs` (3 s). While it runs, a message goes out
 *
 * - as soon as `perMessage` (20) gifts are waiting — so an order of a preset 99 is one message
 *   carrying 99, and 99 quick clicks are 4 messages of 20 and a last one of 19; or
 * - `everyMs` (1 s) after the combo's last message (or its start), if a gift is waiting by then —
 *   so a single gift reaches the room within a second, not only when its combo ends 3 s later,
 *   and a gift that arrives a second or more after the last message goes out at once;
 *
 * and when it ends, whatever is still waiting goes out marked final. If nothing is waiting then
 * (the last message took the last gifts), no message is sent for the end: a message adding zero
 * gifts would show as "×0" on Tencent's kits. The ledger marks the combo ended either way, and
 * the console's feed (which is the ledger's) shows it final.
 *
 * Each message's count is the gifts it adds; a combo's messages add up to its total. Time comes
 * from the Clock, so tests move it by hand.
 */

export interface ComboOptions {
  /** Gifts that make a message at once; default 20 (the seed's, "adjustable"). */
  perMessage?: number
  /** What waits goes out at most this long after the last message (or start); default 1000 ms. */
  everyMs?: number
  /** A combo with no gift for this long ends; default 3000 ms. */
  endAfterMs?: number
}

export const defaultCombo = { perMessage: 20, everyMs: 1000, endAfterMs: 3000 } as const

export interface ComboKey {
  groupId: string
  userId: string
  giftId: string
}

/** One room message of a combo. */
export interface ComboFlush extends ComboKey {
  comboId: string
  /** Gifts this message adds. */
  count: number
  /** Gifts of the combo so far, this message's included. */
  total: number
  final: boolean
}

interface Running extends ComboKey {
  comboId: string
  total: number
  waiting: number
  lastMessageAt: number
  cancelEnd: () => void
  /** Cancels the timer that sends what waits when the 1 s window closes; a no-op when none. */
  cancelWindow: () => void
}

const keyOf = (key: ComboKey): string => JSON.stringify([key.groupId, key.userId, key.giftId])

function positive(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`combo.${name} must be a positive integer (got ${String(value)})`)
  }
  return value
}

export class ComboMerger {
  private readonly running = new Map<string, Running>()
  /**
   * The id a new combo of a key will have: orders of one key checked at the same time (each
   * waiting on its checks before it is billed) must join one combo, not start one each.
   */
  private readonly starting = new Map<string, string>()
  private readonly perMessage: number
  private readonly everyMs: number
  private readonly endAfterMs: number

  constructor(
    private readonly deps: {
      clock: Clock
      /** Sends one message of a combo (in the background; never throws). */
      flush: (message: ComboFlush) => void
      /** The combo ended (after its final flush, if it had one). */
      ended: (comboId: string) => void
      newComboId: () => string
    },
    options: ComboOptions = {},
  ) {
    this.perMessage = positive(options.perMessage ?? defaultCombo.perMessage, 'perMessage')
    this.everyMs = positive(options.everyMs ?? defaultCombo.everyMs, 'everyMs')
    this.endAfterMs = positive(options.endAfterMs ?? defaultCombo.endAfterMs, 'endAfterMs')
  }

  /** The combo a gift of `key` joins now: the running one, or the id of a new one. */
  comboIdFor(key: ComboKey): string {
    const id = keyOf(key)
    const running = this.running.get(id)?.comboId
    if (running) return running
    let next = this.starting.get(id)
    if (!next) {
      next = this.deps.newComboId()
      this.starting.set(id, next)
      // Bounded: a key whose orders were all refused leaves its id here until the map is full.
      if (this.starting.size > 10_000) this.starting.delete(this.starting.keys().next().value!)
    }
    return next
  }

  /** Combos running now. */
  get size(): number {
    return this.running.size
  }

  /**
   * `count` gifts of `key` were billed into `comboId` (the id `comboIdFor` gave). Sends what the
   * rules say is due now, and (re)arms the combo's end.
   */
  add(key: ComboKey, comboId: string, count: number): void {
    const now = this.deps.clock.now()
    const id = keyOf(key)
    let combo = this.running.get(id)
    if (combo && combo.comboId !== comboId) {
      // Billed into a combo that has ended since (an order that waited on a slow check).
      this.finish(id, combo)
      combo = undefined
    }
    if (!combo) {
      if (this.starting.get(id) === comboId) this.starting.delete(id)
      combo = {
        ...key,
        comboId,
        total: 0,
        waiting: 0,
        lastMessageAt: now,
        cancelEnd: () => {},
        cancelWindow: () => {},
      }
      this.running.set(id, combo)
    }
    combo.total += count
    combo.waiting += count
    combo.cancelEnd()
    const running = combo
    combo.cancelEnd = this.deps.clock.setTimer(() => this.finish(id, running), this.endAfterMs)
    if (combo.waiting >= this.perMessage || now - combo.lastMessageAt >= this.everyMs) {
      this.send(combo, false)
    } else if (combo.waiting === count) {
      // The first gift waiting since the last message: the window closes a second after that
      // message, whether or not another gift comes (issue 11 §4).
      combo.cancelWindow = this.deps.clock.setTimer(
        () => this.send(running, false),
        combo.lastMessageAt + this.everyMs - now,
      )
    }
  }

  /** Continues a combo a restart interrupted: what it still owes the room is sent now, final. */
  resume(key: ComboKey, comboId: string, owed: number, total: number): void {
    if (owed > 0) this.deps.flush({ ...key, comboId, count: owed, total, final: true })
    this.deps.ended(comboId)
  }

  /** Ends every running combo now (what waits goes out final). */
  endAll(): void {
    for (const [id, combo] of [...this.running]) this.finish(id, combo)
  }

  /** Forgets every running combo without sending (the host is closing). */
  close(): void {
    for (const combo of this.running.values()) {
      combo.cancelEnd()
      combo.cancelWindow()
    }
    this.running.clear()
    this.starting.clear()
  }

  private send(combo: Running, final: boolean): void {
    combo.cancelWindow()
    combo.cancelWindow = () => {}
    const count = combo.waiting
    combo.waiting = 0
    combo.lastMessageAt = this.deps.clock.now()
    if (count === 0) return
    this.deps.flush({
      groupId: combo.groupId,
      userId: combo.userId,
      giftId: combo.giftId,
      comboId: combo.comboId,
      count,
      total: combo.total,
      final,
    })
  }

  private finish(id: string, combo: Running): void {
    combo.cancelEnd()
    if (this.running.get(id) === combo) this.running.delete(id)
    this.send(combo, true)
    this.deps.ended(combo.comboId)
  }
}
