/** What a chat line needs to be shown; the contract's ChatMessage is one. */
export interface ChatLineData {
  id: string
  from: string
  nick: string
  /** Unix ms. */
  time: number
  text: string
  self: boolean
}
