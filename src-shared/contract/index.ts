import { z } from 'zod'
import { ChatMessage, ConnectionState, MemberMute, RoomSnapshot } from './chat'
import type { Result } from './result'
import { Limits } from '../protocol/codes'

export * from './chat'
export * from './result'

const Empty = z.object({}).strict()

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  roomId: z.string(),
  viewerUrl: z.string(),
})
export type AppInfo = z.infer<typeof AppInfo>

/**
 * Every command (renderer → main, request/response) with its input and output schema. A renamed
 * channel or a changed schema breaks the build in every process that uses it.
 */
export const commands = {
  'app:get-info': { input: Empty, output: AppInfo },
  'room:get-snapshot': { input: Empty, output: RoomSnapshot },
  'room:send-message': {
    input: z.object({ text: z.string().trim().min(1, 'Type a message first') }).strict(),
    output: z.object({ message: ChatMessage }),
  },
  'moderation:mute': {
    input: z
      .object({
        userId: z.string().min(1).max(Limits.maxUserIdBytes),
        seconds: z.number().int().min(0).max(Limits.maxMuteSeconds),
      })
      .strict(),
    output: MemberMute,
  },
} as const

/** Every event (main → renderer, pushed in batches). Names are past tense. */
export const events = {
  'room:messages-received': z.array(ChatMessage),
  'room:online-count-changed': z.object({ count: z.number().int() }),
  'room:member-joined': z.object({ userId: z.string(), nick: z.string() }),
  'room:member-left': z.object({ userId: z.string() }),
  'room:connection-changed': z.object({ state: ConnectionState }),
  'moderation:member-muted': z.object({
    userId: z.string(),
    muteUntil: z.number(),
    operatorId: z.string(),
  }),
} as const

export type Commands = typeof commands
export type CommandName = keyof Commands
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>
export type CommandOutput<N extends CommandName> = z.infer<Commands[N]['output']>

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<N extends EventName> = z.infer<Events[N]>
export type ContractEvent = { [N in EventName]: { name: N; payload: EventPayload<N> } }[EventName]

export const commandNames = Object.keys(commands) as CommandName[]
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name)
}

/** Channels of the Electron host (preload ↔ main). */
export const IpcChannel = {
  invoke: 'livedesk:invoke',
  events: 'livedesk:events',
} as const

/** Frames of the browser host's WebSocket. */
export type HostClientFrame = { kind: 'call'; id: number; name: string; input: unknown }
export type HostServerFrame =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'events'; events: ContractEvent[] }

/** What the preload exposes as `window.livedesk`. */
export interface LiveDeskBridge {
  invoke(name: CommandName, input: unknown): Promise<Result<unknown>>
  onEvents(listener: (events: ContractEvent[]) => void): () => void
}
