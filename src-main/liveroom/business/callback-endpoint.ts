import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Clock } from '../../common/clock'
import {
  type BeforeSendAnswer,
  type CallbackAnswer,
  callbackSchemas,
  isCallbackCommand,
} from '../../common/im-callbacks'
import { readBody } from '../../common/read-body'
import type { BusinessCallback, CallbackReceiver } from './callback-port'
import { checkCallbackQuery } from './callback-check'
import { type CallbackRefusal, CallbackRefusalCode, refusal } from './callback-refusal'

/**
 * The HTTP side of the port: Tencent IM (or a room started with --callback-url) POSTs callbacks
 * here (reference §5.1). Order of checks: method, the URL's query (SdkAppid, Sign, RequestTime —
 * before the body is read, so an unsigned request costs nothing), body size, JSON, the command's
 * schema; then the business host, and an answer in Tencent's shape.
 */

/** Where callbacks are POSTed: the path to give Tencent's console as the callback URL's. */
export const CALLBACK_PATH = '/callbacks/im'

/**
 * Largest body read, bytes. A message is at most 8 KB (reference §3.3); a destroyed group's
 * MemberList is what makes a body large. Over it: 413.
 */
export const defaultMaxCallbackBytes = 1024 * 1024

export interface CallbackEndpointOptions {
  sdkAppId: number
  token: string
  clock: Pick<Clock, 'now'>
  receiver: CallbackReceiver
  log: (line: string) => void
  maxBodyBytes?: number
}

const ok: CallbackAnswer = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 } as const

/** A refusal logged at most once a minute per code, so a scanner cannot flood the log. */
function refusalLog(log: (line: string) => void, now: () => number) {
  const last = new Map<number, { at: number; suppressed: number }>()
  return (found: CallbackRefusal, from: string): void => {
    const seen = last.get(found.code)
    const time = now()
    if (seen && time - seen.at < 60_000) {
      seen.suppressed++
      return
    }
    const more = seen?.suppressed ? ` (and ${seen.suppressed} more like it in the last minute)` : ''
    last.set(found.code, { at: time, suppressed: 0 })
    log(`business: refused a callback from ${from} (${found.code}): ${found.message}${more}`)
  }
}

function send(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  response.end(text)
}

function answerOf(answer: BeforeSendAnswer | undefined): object {
  if (!answer) return ok
  return {
    ActionStatus: 'OK',
    ErrorInfo: answer.ErrorInfo ?? '',
    ErrorCode: answer.ErrorCode,
    ...(answer.MsgBody !== undefined ? { MsgBody: answer.MsgBody } : {}),
    ...(answer.CloudCustomData !== undefined ? { CloudCustomData: answer.CloudCustomData } : {}),
  }
}

export function createCallbackEndpoint(
  options: CallbackEndpointOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const maxBytes = options.maxBodyBytes ?? defaultMaxCallbackBytes
  const logRefusal = refusalLog(options.log, () => options.clock.now())
  const unknownCommands = new Set<string>()

  const refuse = (
    request: IncomingMessage,
    response: ServerResponse,
    found: CallbackRefusal,
  ): void => {
    // The body of a refused request is drained, never kept.
    request.resume()
    logRefusal(found, request.socket.remoteAddress ?? 'an unknown address')
    if (found.status === 405) response.setHeader('Allow', 'POST')
    send(response, found.status, {
      ActionStatus: 'FAIL',
      ErrorInfo: found.message,
      ErrorCode: found.code,
    })
  }

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'POST') {
      return refuse(
        request,
        response,
        refusal(
          405,
          CallbackRefusalCode.badRequest,
          'Callbacks are POSTed; nothing else is served here',
        ),
      )
    }
    const query = new URL(request.url ?? '/', 'http://callback').searchParams
    const checked = checkCallbackQuery(query, {
      sdkAppId: options.sdkAppId,
      token: options.token,
      now: options.clock.now(),
    })
    if (!checked.ok) return refuse(request, response, checked.refusal)

    const text = await readBody(request, maxBytes)
    if (text === 'too-big') {
      return refuse(
        request,
        response,
        refusal(413, CallbackRefusalCode.tooBig, `The callback body is over ${maxBytes} bytes`),
      )
    }
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return refuse(
        request,
        response,
        refusal(400, CallbackRefusalCode.jsonParse, 'The callback body is not JSON'),
      )
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return refuse(
        request,
        response,
        refusal(400, CallbackRefusalCode.invalidBody, 'The callback body must be a JSON object'),
      )
    }
    const bodyCommand = (value as { CallbackCommand?: unknown }).CallbackCommand
    if (bodyCommand !== undefined && bodyCommand !== checked.command) {
      return refuse(
        request,
        response,
        refusal(
          400,
          CallbackRefusalCode.badRequest,
          'The body names another CallbackCommand than the URL does',
        ),
      )
    }
    const command = checked.command
    if (!isCallbackCommand(command)) {
      // A callback switched on in the IM console that no handler here knows: answering OK lets
      // IM go on (for a "before" one, OK allows).
      if (!unknownCommands.has(command) && unknownCommands.size < 64) {
        unknownCommands.add(command)
        options.log(`business: ${command.slice(0, 64)} callbacks are not handled here; answered OK`)
      }
      return send(response, 200, ok)
    }
    const parsed = callbackSchemas[command].safeParse(value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? issue.path.join('.') : 'the body'
      return refuse(
        request,
        response,
        refusal(
          400,
          CallbackRefusalCode.invalidBody,
          `The ${command} body does not have Tencent's fields: ${where}: ${issue?.message ?? 'invalid'}`,
        ),
      )
    }
    const answer = await options.receiver.receive({
      command,
      body: parsed.data,
      context: checked.context,
    } as BusinessCallback)
    send(response, 200, command === 'Group.CallbackBeforeSendMsg' ? answerOf(answer) : ok)
  }

  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log(`business: a callback failed: ${(error as Error).message}`)
      if (response.headersSent) {
        response.destroy()
        return
      }
      send(response, 500, {
        ActionStatus: 'FAIL',
        ErrorInfo: 'The business host failed on this callback; see its log',
        ErrorCode: CallbackRefusalCode.internal,
      })
    })
  }
}
