import {
  StreamErrorCode,
  type StreamError,
  type StreamErrorName,
} from '../../../src-shared/contract/stream'

/**
 * The one error type the stream engine throws on purpose. It carries a numeric code from the
 * contract (so dispatch passes it to the renderer as it is), the code's name for logs and tests,
 * and a message that tells a person what to do next.
 */
export class StreamEngineError extends Error {
  readonly code: number
  readonly key: StreamErrorName

  constructor(key: StreamErrorName, message: string) {
    super(message)
    this.name = 'StreamEngineError'
    this.key = key
    this.code = StreamErrorCode[key]
  }

  toJSON(): StreamError {
    return { code: this.code, message: this.message }
  }
}

export function streamError(key: StreamErrorName, message: string): StreamEngineError {
  return new StreamEngineError(key, message)
}

/** The code's name for a numeric code, for logs and tests. */
export function streamErrorName(code: number): StreamErrorName | undefined {
  return (Object.keys(StreamErrorCode) as StreamErrorName[]).find(
    (key) => StreamErrorCode[key] === code,
  )
}
