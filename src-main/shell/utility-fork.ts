import { utilityProcess, type UtilityProcess } from 'electron'
import { EventEmitter } from 'node:events'
import type { Readable } from 'node:stream'
import type { ForkIngest, IngestChild } from '../liveroom'
import type { IngestChildMessage, IngestStart } from '../liveroom/ingest/ingest-ipc'

/**
 * The room's RTMP ingest as an Electron utility process (issue 16 §5): Node's fork needs
 * ELECTRON_RUN_AS_NODE, which the packaged app's RunAsNode fuse turns off; a utility process is
 * Electron's own way to run Node code in a child, fuse or not. The child talks over
 * `process.parentPort` (ingest-child.ts); this adapter gives the supervisor the ChildProcess-like
 * face it knows (liveroom/ingest/ingest-fork.ts).
 */
export const utilityForkIngest: ForkIngest = (file, execArgv) =>
  new UtilityIngestChild(
    utilityProcess.fork(file, [], {
      execArgv,
      stdio: ['ignore', 'ignore', 'pipe'],
      serviceName: 'LiveDesk RTMP ingest',
    }),
  )

class UtilityIngestChild extends EventEmitter implements IngestChild {
  exitCode: number | null = null

  constructor(private readonly child: UtilityProcess) {
    super()
    child.on('message', (message: IngestChildMessage) => this.emit('message', message))
    child.once('exit', (code) => {
      this.exitCode = code
      this.emit('exit', code, null)
    })
    // A fatal V8 error: Electron ends the process, and its exit follows.
    child.on('error', (type, location) => this.emit('error', new Error(`${type} at ${location}`)))
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  get stderr(): Readable | null {
    return this.child.stderr as Readable | null
  }

  send(message: IngestStart): void {
    this.child.postMessage(message)
  }
}
