import type { ChatLineData } from '../shared/chat-line'

/** Own lines remembered while they wait for their echo; a dropped one never gets it. */
const WAITING_LIMIT = 50

/**
 * The viewer's own lines and the room's copies of them. A line this page sent is shown at once,
 * from the room's answer, and the room then echoes it to every member with the same ID. A line the
 * filters held for review (or dropped) is answered as sent too — the before-send callback's
 * ErrorCode 2, so a filtered sender cannot tell — but is never echoed; approved, it comes later as
 * a new message of the sender's with a new ID (REST send_group_msg, review-queue.ts), and the page
 * showed it twice. So a line of this user's that is not the echo of a waiting line, but says what
 * one says, takes that line's place.
 */
export class OwnLines {
  private readonly waiting: { id: string; says: string }[] = []

  /** The page showed `line`, as the room answered its send. */
  sent(line: ChatLineData): void {
    this.waiting.push({ id: line.id, says: saysOf(line) })
    if (this.waiting.length > WAITING_LIMIT) this.waiting.shift()
  }

  /** The id of the shown line the room's `incoming` line replaces; undefined when none. */
  arrived(incoming: ChatLineData): string | undefined {
    if (!incoming.self) return undefined
    const echo = this.waiting.findIndex((w) => w.id === incoming.id)
    if (echo !== -1) {
      this.waiting.splice(echo, 1)
      return undefined
    }
    const says = saysOf(incoming)
    const late = this.waiting.findIndex((w) => w.says === says)
    if (late === -1) return undefined
    const [replaced] = this.waiting.splice(late, 1)
    return replaced?.id
  }
}

function saysOf(line: ChatLineData): string {
  return `${line.type ?? ''}\n${line.text}`
}
