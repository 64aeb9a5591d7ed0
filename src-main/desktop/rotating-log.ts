import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The desktop app's log (issue 16 §4): `logs/main.log` in the data folder, rotated at `maxBytes`
 * into main.1.log … main.<keep>.log, so a week of shows cannot fill the disk. Lines are written
 * synchronously — the app's own lines are few, and a crash must not lose the last one.
 */
export interface RotatingLogOptions {
  dir: string
  maxBytes?: number
  keep?: number
  now?: () => number
}

export const LOG_FILE = 'main.log'

export class RotatingLog {
  private readonly file: string
  private readonly maxBytes: number
  private readonly keep: number
  private readonly now: () => number
  private size: number

  constructor(private readonly options: RotatingLogOptions) {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 })
    this.file = join(options.dir, LOG_FILE)
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024
    this.keep = options.keep ?? 3
    this.now = options.now ?? Date.now
    this.size = existsSync(this.file) ? statSync(this.file).size : 0
  }

  /** One line, stamped with the time in UTC. Never throws: a full disk must not stop the show. */
  write = (line: string): void => {
    const text = `${new Date(this.now()).toISOString()} ${line.replace(/\r?\n/g, '\n  ')}\n`
    try {
      if (this.size + Buffer.byteLength(text) > this.maxBytes && this.size > 0) this.rotate()
      appendFileSync(this.file, text, { mode: 0o600 })
      this.size += Buffer.byteLength(text)
    } catch {
      // Nowhere to write: the line is lost, the app goes on.
    }
  }

  /** The log files, newest first, as they are now. */
  files(): string[] {
    return [LOG_FILE, ...Array.from({ length: this.keep }, (_, i) => `main.${i + 1}.log`)]
      .map((name) => join(this.options.dir, name))
      .filter((file) => existsSync(file))
  }

  private rotate(): void {
    rmSync(join(this.options.dir, `main.${this.keep}.log`), { force: true })
    for (let i = this.keep - 1; i >= 1; i--) {
      const from = join(this.options.dir, `main.${i}.log`)
      if (existsSync(from)) renameSync(from, join(this.options.dir, `main.${i + 1}.log`))
    }
    renameSync(this.file, join(this.options.dir, 'main.1.log'))
    this.size = 0
  }
}
