#!/usr/bin/env node
// `livedesk <command>` (and `npm run livedesk -- <command>`): the headless entry points.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const [command, ...rest] = process.argv.slice(2)
const usage = `Usage: livedesk <command> [options]

Commands:
  server [--port N] [--data DIR] [--host H] [--sdkappid ID --secret-key KEY]
         run the embedded live room on its own (same as npm run server)
  web    [--port N] [--host H] [--data DIR]
         the console in a browser (same as npm run web)
  push-url --domain D --key K [--app live] --stream S --expires <ISO time>
         Tencent CSS push URL (txSecret/txTime)
  play-urls --domain D --stream S [--app live] [--key K --expires <ISO time>]
         Tencent CSS play URLs (RTMP, FLV, HLS, WebRTC)
  push --source test-pattern|screen|camera|file:PATH --profile 720p30 --to <rtmp url>
       [--record PATH] [--duration S]
         stream headless, one health line a second
  lottery-verify FILE
         recompute a keyword lottery's winners from its exported result (JSON)
  help   this text`

function run(entry, args) {
  const built = join(root, 'out/main', `${entry}.js`)
  const source = {
    server: 'src-main/liveroom/cli.ts',
    host: 'src-main/host/cli.ts',
    stream: 'src-main/console/stream/cli.ts',
    lottery: 'src-main/liveroom/business/lottery/cli.ts',
  }[entry]
  let argv
  if (existsSync(built)) argv = [built, ...args]
  else {
    const tsx = createRequire(import.meta.url).resolve('tsx/cli')
    argv = [tsx, join(root, source), ...args]
  }
  const child = spawn(process.execPath, argv, { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 1))
}

switch (command) {
  case 'server':
    run('server', rest)
    break
  case 'web':
    run('host', rest)
    break
  case 'lottery-verify':
    run('lottery', rest)
    break
  case 'push-url':
  case 'play-urls':
  case 'push':
    run('stream', [command, ...rest])
    break
  case undefined:
  case 'help':
  case '--help':
    console.log(usage)
    break
  default:
    console.error(`Unknown command "${command}".\n\n${usage}`)
    process.exit(2)
}
