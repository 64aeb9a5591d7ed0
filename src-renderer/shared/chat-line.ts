/** What a chat line needs to be shown; the contract's ChatMessage is one. */
export interface ChatLineData {
  id: string
  from: string
  nick: string
  /** Unix ms. */
  time: number
  text: string
  self: boolean
  /** Tencent's message priority (High, Normal, Low, Lowest), where known. */
  priority?: string
  /** The element type (TIMTextElem, TIMCustomElem, …), where known. */
  type?: string
  /** The room's MsgSeq, where known: what a recall names. */
  sequence?: number
  /** The sender's level from the message's CloudCustomData (issue 12 §3), where it has one. */
  level?: number
}

/**
 * How many of `lines` (oldest first) arrived in the `windowMs` up to the newest: the chat's rate
 * now. Reads back from the newest only as far as the window reaches.
 */
export function recentRate(lines: readonly ChatLineData[], windowMs = 1000): number {
  const newest = lines.at(-1)
  if (!newest) return 0
  let count = 0
  for (let i = lines.length - 1; i >= 0; i--) {
    if ((lines[i] as ChatLineData).time <= newest.time - windowMs) break
    count++
  }
  return count
}
