import { errorParams, type ErrorParams } from '../../../src-shared/contract/result'
import {
  StreamErrorCode,
  type StreamError,
  type StreamErrorName,
  type StreamErrorParams,
} from '../../../src-shared/contract/stream'

/**
 * The one error type the stream engine throws on purpose. It carries a numeric code from the
 * contract (so dispatch passes it to the renderer as it is), the code's name for logs and tests,
 * the facts the renderer words the code with (`params`), and an English message for logs.
 */
export class StreamEngineError extends Error {
  readonly code: number
  readonly key: StreamErrorName
  readonly params: ErrorParams | undefined

  /** Prefer streamError(), which checks `params.reason` against the code. */
  constructor(key: StreamErrorName, message: string, params?: Record<string, unknown>) {
    super(message)
    this.name = 'StreamEngineError'
    this.key = key
    this.code = StreamErrorCode[key]
    this.params = errorParams(params)
  }

  toJSON(): StreamError {
    return this.params
      ? { code: this.code, message: this.message, params: this.params }
      : { code: this.code, message: this.message }
  }
}

/** A stream error; `params.reason` must be one the contract lists for the code. */
export function streamError<K extends StreamErrorName>(
  key: K,
  message: string,
  params?: StreamErrorParams<K>,
): StreamEngineError {
  return new StreamEngineError(key, message, params)
}

/** The code's name for a numeric code, for logs and tests. */
export function streamErrorName(code: number): StreamErrorName | undefined {
  return (Object.keys(StreamErrorCode) as StreamErrorName[]).find(
    (key) => StreamErrorCode[key] === code,
  )
}
