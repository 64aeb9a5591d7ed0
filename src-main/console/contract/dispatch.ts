import {
  commands,
  ContractCode,
  fail,
  isCommandName,
  ok,
  type CommandName,
  type Commands,
  type Result,
} from '../../../src-shared/contract'
import type { z } from 'zod'

export type CommandHandlers = {
  [N in CommandName]: (
    input: z.infer<Commands[N]['input']>,
  ) => Promise<z.infer<Commands[N]['output']>> | z.infer<Commands[N]['output']>
}

/** An error a handler throws on purpose: its code and message reach the renderer as they are. */
export interface CodedError {
  code: number
  message: string
}
function isCodedError(err: unknown): err is CodedError {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as CodedError).code === 'number' &&
    typeof (err as CodedError).message === 'string'
  )
}

export type Dispatch = (name: unknown, input: unknown) => Promise<Result<unknown>>

/**
 * The one entry point for commands from any host: checks the name, validates the payload against
 * the contract's schema and turns every outcome into a Result — nothing is thrown across.
 */
export function createDispatch(
  handlers: CommandHandlers,
  log: (line: string) => void = () => {},
): Dispatch {
  return async (name, input) => {
    if (!isCommandName(name)) {
      return fail(ContractCode.unknownCommand, `Unknown command: ${String(name).slice(0, 64)}`)
    }
    const parsed = commands[name].input.safeParse(input ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
      return fail(
        ContractCode.invalidPayload,
        `${name}: ${where}${issue?.message ?? 'invalid input'}`,
      )
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown
      return ok(await handler(parsed.data))
    } catch (err) {
      if (isCodedError(err)) return fail(err.code, err.message)
      log(
        `command ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      )
      return fail(ContractCode.internal, 'Something went wrong inside LiveDesk; see its log')
    }
  }
}
