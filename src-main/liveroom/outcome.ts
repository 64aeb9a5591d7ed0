import type { AckData, ClientFrame, ClientFrameType } from '../../src-shared/protocol/frames'

export type FrameOf<T extends ClientFrameType> = Extract<ClientFrame, { type: T }>

/** A refused request: Tencent's code, a sentence a person can act on, and facts for clients. */
export interface Failure {
  code: number
  message: string
  data?: Record<string, unknown>
}

/** The answer to one client request: its ack data, or why it was refused. */
export type Outcome<T extends ClientFrameType> = { ok: true; data: AckData<T> } | Failure

export const fail = (code: number, message: string, data?: Record<string, unknown>): Failure =>
  data ? { code, message, data } : { code, message }
