import { isMessageCap, maxMessageCap } from '../../src-shared/protocol/message-cap'

/** A bad command line: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface HostArgs {
  /** Undefined: the port kept from the last start, else a free one; 0: a free one now. */
  port?: number
  /** Undefined: 127.0.0.1 (this machine only). `0.0.0.0` opens the console to the LAN. */
  host?: string
  dataDir?: string
  roomPort?: number
  rtmpPort?: number
  /** A certificate and its key (PEM files) for HTTPS/WSS. */
  tlsCert?: string
  tlsKey?: string
  /** Names the console answers to besides IP addresses, localhost and this machine's names. */
  allowedHosts: string[]
  /** The embedded room's message cap for this run (`--msg-cap`), over the saved one. */
  msgCap?: number
}

export const hostUsage =
  'use --port N, --host H, --data DIR, --room-port N, --rtmp-port N, ' +
  '--tls-cert FILE --tls-key FILE, --allowed-host NAME, --msg-cap N'

/**
 * `--port N --host H --data DIR --room-port N --rtmp-port N --tls-cert FILE --tls-key FILE
 * --allowed-host NAME`. Anything else is a UsageError; with `lenient` (inside Electron, whose
 * command line also carries Chromium's switches) anything else is skipped.
 */
export function parseHostArgs(argv: string[], lenient = false): HostArgs {
  const args: HostArgs = { allowedHosts: [] }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = argv[i + 1]
    const needValue = () => {
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`${flag} needs a value`)
      i++
      return value
    }
    switch (flag) {
      case '--port':
        args.port = parsePort(flag, needValue())
        break
      case '--room-port':
        args.roomPort = parsePort(flag, needValue())
        break
      case '--rtmp-port':
        args.rtmpPort = parsePort(flag, needValue())
        break
      case '--host':
        args.host = needValue()
        break
      case '--data':
        args.dataDir = needValue()
        break
      case '--tls-cert':
        args.tlsCert = needValue()
        break
      case '--tls-key':
        args.tlsKey = needValue()
        break
      case '--allowed-host':
        args.allowedHosts.push(needValue().toLowerCase())
        break
      case '--msg-cap': {
        const text = needValue()
        const cap = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN
        if (!isMessageCap(cap)) {
          throw new UsageError(
            `--msg-cap must be a whole number of messages per second from 1 to ${maxMessageCap}, not "${text}"`,
          )
        }
        args.msgCap = cap
        break
      }
      default:
        if (!lenient) throw new UsageError(`Unknown option ${flag}; ${hostUsage}`)
    }
  }
  if ((args.tlsCert === undefined) !== (args.tlsKey === undefined)) {
    throw new UsageError('--tls-cert and --tls-key go together: the certificate and its key')
  }
  return args
}

/** Whether `host` lets other machines in (anything but a loopback address). */
export function isLanHost(host: string | undefined): boolean {
  return host !== undefined && !['127.0.0.1', 'localhost', '::1'].includes(host)
}

function parsePort(flag: string | undefined, value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`${flag} must be a port number from 0 to 65535, not "${value}"`)
  }
  return port
}
