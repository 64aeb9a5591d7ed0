import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@playwright/test'

export interface RunningHost {
  consoleUrl: string
  viewerUrl: string
  dataDir: string
  process: ChildProcess
  stop(): Promise<void>
}

const root = join(__dirname, '../..')

/** Starts the built browser host (`node out/main/host.js`) on ephemeral ports with a temp data dir. */
export async function startHost(): Promise<RunningHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'livedesk-e2e-'))
  const child = spawn(
    process.execPath,
    [join(root, 'out/main/host.js'), '--port', '0', '--data', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const urls = await new Promise<{ consoleUrl: string; viewerUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const consoleUrl = /^Console: (\S+)$/m.exec(output)?.[1]
      const viewerUrl = /^Viewer: (\S+)$/m.exec(output)?.[1]
      if (consoleUrl && viewerUrl) {
        clearTimeout(timer)
        resolve({ consoleUrl, viewerUrl })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`host exited with ${code}:\n${output}`))
    })
  })
  return {
    ...urls,
    dataDir,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
        await exited
        clearTimeout(timer)
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** One browser host for a spec file: started before its tests, stopped after them. */
export function hostPerFile(): () => RunningHost {
  let host: RunningHost | undefined
  test.beforeAll(async () => {
    host = await startHost()
  })
  test.afterAll(async () => {
    await host?.stop()
  })
  return () => {
    if (!host) throw new Error('The browser host has not started')
    return host
  }
}
