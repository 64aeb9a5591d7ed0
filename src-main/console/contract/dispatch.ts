import {
  commands,
  ContractCode,
  errorParams,
  fail,
  isCommandName,
  ok,
  type CommandName,
  type Commands,
  type ContractError,
  type Result,
} from '../../../src-shared/contract'
import type { z } from 'zod'
import type { ModeratorRole } from '../../../src-shared/contract/moderators'

/**
 * Who sent a command, as the host that carried it knows: the desktop window and a browser on this
 * machine at the console's own loopback address are `thisMachine`; a browser on the LAN is not.
 * Settings that run a program, read a local file or name where a credential goes are changed
 * only from this machine (src-shared/contract/local-only.ts).
 */
export interface Caller {
  readonly thisMachine: boolean
  /**
   * The invite a moderator's console was opened with (issue 13 §4); absent for the owner's own
   * consoles. Main checks it is still live and what its role may do on every command.
   */
  readonly moderator?: ModeratorCaller
  /**
   * The window's connection (a browser host's socket, the desktop window's webContents): a
   * panel popped out into it docks back when it closes (issue 15 §2).
   */
  readonly connection?: object
  /**
   * The desktop pop-out window that sent the command, when one did (issue 15 §2): it can stay
   * above other windows. Absent for the main window and for every browser.
   */
  readonly popOut?: PopOutWindow
}

/** What a desktop pop-out window lets main do to it (the shell's BrowserWindow underneath). */
export interface PopOutWindow {
  /** Stays on top (`on`), or not; without `on`, unchanged. Answers whether it stays on top now. */
  stayOnTop(on?: boolean): boolean
}

/** A moderator's console, as the host that authenticated its invite knows it. */
export interface ModeratorCaller {
  readonly id: number
  readonly name: string
  readonly role: ModeratorRole
  readonly userId: string
}

export type CommandHandlers = {
  [N in CommandName]: (
    input: z.infer<Commands[N]['input']>,
    caller: Caller,
  ) => Promise<z.infer<Commands[N]['output']>> | z.infer<Commands[N]['output']>
}

/**
 * An error a handler throws on purpose (RoomError, StreamEngineError, a ContractError): its code,
 * its params (the facts the renderer words the code with) and its message (for logs) reach the
 * renderer as they are.
 */
export interface CodedError {
  code: number
  message: string
  params?: Record<string, unknown>
}
function isCodedError(err: unknown): err is CodedError {
  return (
    typeof err === 'object' &&
    err !== null &&
    Number.isInteger((err as CodedError).code) &&
    typeof (err as CodedError).message === 'string'
  )
}

/** A thrown coded error as the contract carries it, or null for anything else. */
export function contractErrorOf(err: unknown): ContractError | null {
  if (!isCodedError(err)) return null
  const params = errorParams(
    typeof err.params === 'object' && err.params !== null ? err.params : undefined,
  )
  return fail(err.code, err.message, params).error
}

export type Dispatch = (name: unknown, input: unknown, caller: Caller) => Promise<Result<unknown>>

/**
 * The one entry point for commands from any host: checks the name, validates the payload against
 * the contract's schema and turns every outcome into a Result — nothing is thrown across.
 */
export function createDispatch(
  handlers: CommandHandlers,
  log: (line: string) => void = () => {},
): Dispatch {
  return async (name, input, caller) => {
    if (!isCommandName(name)) {
      const command = String(name).slice(0, 64)
      return fail(ContractCode.unknownCommand, `Unknown command: ${command}`, { command })
    }
    const parsed = commands[name].input.safeParse(input ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const field = issue?.path.join('.') ?? ''
      return fail(
        ContractCode.invalidPayload,
        `${name}: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid input'}`,
        field ? { command: name, field } : { command: name },
      )
    }
    try {
      const handler = handlers[name] as (input: unknown, caller: Caller) => unknown
      return ok(await handler(parsed.data, caller))
    } catch (err) {
      const coded = contractErrorOf(err)
      if (coded) return { ok: false, error: coded }
      log(
        `command ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      )
      return fail(ContractCode.internal, 'Something went wrong inside LiveDesk; see its log')
    }
  }
}
