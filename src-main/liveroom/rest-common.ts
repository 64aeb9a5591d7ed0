import type { z } from 'zod'
import { ErrorCode } from '../../src-shared/protocol/codes'
import type { CallbackDispatcher } from './callbacks'
import type { ImEngine } from './im-engine'
import type { Actor, Done, Reply } from './moderation'
import type { Store } from './store'

/** Choices where the reference says "not found" (docs/rest-api.md); all can be changed. */
export interface RestTuning {
  /** Most AppDefinedData fields on one group. */
  maxAppDefinedFields: number
  /** AppDefinedData key length in bytes. */
  maxAppDefinedKeyBytes: number
  /** AppDefinedData value length in bytes. */
  maxAppDefinedValueBytes: number
  /** Members per get_members page. */
  membersPageSize: number
  /** Group admins per AVChatRoom (reference §1: 5). */
  maxGroupAdmins: number
}

export const defaultRestTuning: RestTuning = {
  maxAppDefinedFields: 16,
  maxAppDefinedKeyBytes: 16,
  maxAppDefinedValueBytes: 4096,
  membersPageSize: 100,
  maxGroupAdmins: 5,
}

export interface RestDeps {
  engine: ImEngine
  store: Store
  callbacks: CallbackDispatcher
  now: () => number
  tuning: RestTuning
  isAppAdmin: (userId: string) => boolean
  log: (line: string) => void
}

/** One call: who made it (the App admin identifier) and from where. */
export interface RestCall {
  identifier: string
  clientIp: string
}

/** The App admin making a call, as the actor of an operation; `operatorId` is whom the room is told of. */
export function restActor(call: RestCall, operatorId: string = call.identifier): Actor {
  return {
    userId: operatorId,
    standing: 'app-admin',
    context: { clientIp: call.clientIp, platform: 'RESTAPI' },
  }
}

/**
 * Runs an operation that answers through a reply (moderation.ts) and hands back its value; a
 * refusal is thrown as the RestError the envelope carries. The room's pushes go out as the
 * operation runs; the HTTP answer follows (another channel, so no order to keep between them).
 */
export function settle<T>(run: (reply: Reply<T>) => void): T {
  const answered: { done?: Done<T> } = {}
  run((done) => {
    answered.done = done
  })
  const { done } = answered
  if (done === undefined) throw new Error('The operation did not answer')
  if (!('ok' in done)) throw new RestError(done.code, done.message)
  return done.value
}

/** A failed command; the envelope carries its code and info, and nothing was changed. */
export class RestError extends Error {
  constructor(
    readonly code: number,
    info: string,
  ) {
    super(info)
  }
}

export type RestFields = Record<string, unknown>

/**
 * A command: answers its response fields (without the envelope), or throws RestError. It may
 * answer with a promise (send_group_msg waits for the message pipeline).
 */
export type CommandHandler = (
  deps: RestDeps,
  call: RestCall,
  body: unknown,
) => RestFields | Promise<RestFields>

/** Parses a request body against its schema; problems become 10004 naming the fields. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.message}`)
  throw new RestError(ErrorCode.invalidParameter, `Invalid request: ${problems.join('; ')}`)
}

export function groupNotFound(groupId: string): RestError {
  return new RestError(
    ErrorCode.groupNotFound,
    `Group "${groupId}" does not exist or was destroyed`,
  )
}

export const toSeconds = (ms: number): number => Math.floor(ms / 1000)
