/** A bad command line: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface HostArgs {
  port: number
  host: string
  dataDir?: string
  roomPort: number
  rtmpPort: number
}

/** `--port N --host H --data DIR --room-port N --rtmp-port N`; anything else is a UsageError. */
export function parseHostArgs(argv: string[]): HostArgs {
  const args: HostArgs = { port: 0, host: '127.0.0.1', roomPort: 0, rtmpPort: 0 }
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
      default:
        throw new UsageError(
          `Unknown option ${flag}; use --port N, --host H, --data DIR, --room-port N, --rtmp-port N`,
        )
    }
  }
  return args
}

function parsePort(flag: string | undefined, value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`${flag} must be a port number from 0 to 65535, not "${value}"`)
  }
  return port
}
