import { fork } from 'node:child_process'
import type { Readable } from 'node:stream'
import type { IngestChildMessage, IngestStart } from './ingest-ipc'

/**
 * How the ingest's child process is started, as its supervisor (ingest-process.ts) uses it. Under
 * Node (the server, the browser host, tests) it is Node's fork. The packaged desktop app cannot
 * fork that way — its RunAsNode fuse is off (issue 16 §5), and fork needs ELECTRON_RUN_AS_NODE —
 * so the shell passes one over Electron's utilityProcess (src-main/shell/utility-fork.ts).
 */
export interface IngestChild {
  /** Undefined until the process runs (and for good, when it never started). */
  readonly pid: number | undefined
  /** Null while it runs. */
  readonly exitCode: number | null
  readonly stderr: Readable | null
  send(message: IngestStart): void
  on(event: 'message', listener: (message: IngestChildMessage) => void): unknown
  once(event: 'error', listener: (error: Error) => void): unknown
  once(
    event: 'exit',
    listener: (code: number | null, signal: NodeJS.Signals | null) => void,
  ): unknown
}

export type ForkIngest = (file: string, execArgv: string[]) => IngestChild

export const nodeForkIngest: ForkIngest = (file, execArgv) =>
  fork(file, [], {
    execArgv,
    // Under Electron without the shell's fork (`npm start` from a checkout), fork runs
    // Electron's binary: make it behave as Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  }) as IngestChild
