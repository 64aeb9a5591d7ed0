import { execFile, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

const repoRoot = path.resolve(__dirname, '../../..')

export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000) {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/**
 * node-media-server in a child process: it keeps its state in a module-level singleton (one
 * instance per process), and a child can be killed and started again on the same ports, which
 * is how the tests make the ingest go away.
 */
export class Ingest {
  child: ChildProcess | null = null
  constructor(
    readonly dir: string,
    readonly rtmpPort: number,
    readonly httpPort: number,
    readonly publishAuth = false,
  ) {}

  static async create(dir: string, publishAuth = false): Promise<Ingest> {
    return new Ingest(dir, await freeTcpPort(), await freeTcpPort(), publishAuth)
  }

  rtmpUrl(stream: string) {
    return `rtmp://127.0.0.1:${this.rtmpPort}/live/${stream}`
  }
  flvUrl(stream: string) {
    return `http://127.0.0.1:${this.httpPort}/live/${stream}.flv`
  }

  async start(): Promise<void> {
    const config = path.join(this.dir, `nms-${this.rtmpPort}.json`)
    fs.writeFileSync(
      config,
      JSON.stringify({
        bind: '127.0.0.1',
        store: { path: path.join(this.dir, 'nms-data') },
        webadmin: { enable: false },
        auth: {
          play: false,
          publish: this.publishAuth,
          secret: 'test-secret',
          jwt: { secret: 'x', users: [] },
        },
        rtmp: { port: this.rtmpPort },
        http: { port: this.httpPort },
        record: { auto: false, path: path.join(this.dir, 'nms-record') },
      }),
    )
    const app = path.join(repoRoot, 'node_modules/node-media-server/bin/app.js')
    this.child = spawn(process.execPath, [app, '-c', config], { stdio: 'ignore' })
    await until(() => portOpen(this.rtmpPort), 'node-media-server RTMP port')
    await until(() => portOpen(this.httpPort), 'node-media-server HTTP port')
  }

  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child
    this.child = null
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await exited
  }
}

export function run(
  file: string,
  args: string[],
  timeoutMs = 30_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // execFile's error carries the exit status as a number (or a string code when it never ran).
        const status = (error as { code?: unknown } | null)?.code
        resolve({ code: error ? (typeof status === 'number' ? status : 1) : 0, stdout, stderr })
      },
    )
  })
}

export async function probeDuration(file: string): Promise<number> {
  const r = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'csv=p=0',
    file,
  ])
  return Number.parseFloat(r.stdout.trim())
}

/** Decodes every frame; resolves the decoded video frame count (ffmpeg exits 0 on a clean decode). */
export async function decodeFrames(
  input: string,
  extra: string[] = [],
): Promise<{ ok: boolean; frames: number }> {
  const r = await run('ffmpeg', [
    '-v',
    'error',
    '-nostdin',
    ...extra,
    '-i',
    input,
    '-map',
    '0:v',
    '-f',
    'null',
    '-progress',
    'pipe:1',
    '-',
  ])
  const frames = [...r.stdout.matchAll(/^frame=(\d+)/gm)].map((m) => Number(m[1])).at(-1) ?? 0
  return { ok: r.code === 0, frames }
}

/** Video packet timestamps (seconds) of a recording, in decode order. */
export async function videoPacketTimes(file: string): Promise<number[]> {
  const r = await run('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'packet=dts_time',
    '-of',
    'csv=p=0',
    file,
  ])
  return r.stdout
    .split('\n')
    .map((l) => Number.parseFloat(l))
    .filter((n) => Number.isFinite(n))
}

export function hasFfprobe(): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => fs.existsSync(path.join(dir, 'ffprobe')))
}
