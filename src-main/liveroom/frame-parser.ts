import { ErrorCode } from '../../src-shared/protocol/codes'
import { ClientFrame, SUPPORTED_PROTOCOL_VERSIONS } from '../../src-shared/protocol/frames'

export type ParsedFrame =
  | { ok: true; frame: ClientFrame }
  | {
      ok: false
      code: number
      message: string
      /** The frame's `seq` when it had a usable one, so the client's request can be answered. */
      seq?: number
      /** Set when the problem ends the connection (an unsupported protocol version). */
      unsupportedVersion?: boolean
    }

const frameTypes: readonly string[] = ClientFrame.options.map((option) => option.shape.type.value)

function seqOf(value: Record<string, unknown>): number | undefined {
  const seq = value.seq
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? seq : undefined
}

/** Turns one text frame into a typed client frame, or a coded, human-readable problem. */
export function parseClientFrame(text: string): ParsedFrame {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return {
      ok: false,
      code: ErrorCode.parseError,
      message: `Frame is not valid JSON (${(error as Error).message})`,
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      code: ErrorCode.invalidParameter,
      message: 'A frame must be a JSON object with a "type" field',
    }
  }
  const record = value as Record<string, unknown>
  const seq = seqOf(record)
  const type = record.type
  if (typeof type !== 'string' || !frameTypes.includes(type)) {
    const got = typeof type === 'string' ? `"${type.slice(0, 40)}"` : 'no "type"'
    return {
      ok: false,
      code: ErrorCode.invalidCommand,
      message: `Unknown frame type ${got}; expected one of ${frameTypes.join(', ')}`,
      seq,
    }
  }
  if (
    type === 'login' &&
    !(SUPPORTED_PROTOCOL_VERSIONS as readonly unknown[]).includes(record.version)
  ) {
    return {
      ok: false,
      code: ErrorCode.invalidParameter,
      message: `Protocol version ${JSON.stringify(record.version)} is not supported; this server speaks versions ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}`,
      seq,
      unsupportedVersion: true,
    }
  }
  const parsed = ClientFrame.safeParse(value)
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.length ? issue.path.join('.') : '(frame)'}: ${issue.message}`)
    return {
      ok: false,
      code: ErrorCode.invalidParameter,
      message: `Invalid "${type}" frame: ${problems.join('; ')}`,
      seq,
    }
  }
  return { ok: true, frame: parsed.data }
}
