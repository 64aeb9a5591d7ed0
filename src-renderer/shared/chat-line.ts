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
