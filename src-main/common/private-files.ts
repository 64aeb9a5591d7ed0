import fs from 'node:fs'
import path from 'node:path'

/**
 * LiveDesk's data is the user's alone (issue 9 §4): its folders 0700, its files 0600. Modes given
 * at creation are filtered by the umask and do not apply to what exists already (an install from
 * before), so both are set explicitly. No-ops where the OS has no such modes (Windows).
 */

/** Creates `dir` (and missing parents) and makes it readable by its owner only. */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  fs.chmodSync(dir, 0o700)
}

/** Makes an existing file readable by its owner only; a missing one is left missing. */
export function privateFileIfExists(file: string): void {
  try {
    fs.chmodSync(file, 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

/**
 * A SQLite database file, created empty with mode 0600 if missing (SQLite gives its -wal and -shm
 * files the database's own mode), and the files an earlier run left made 0600 too.
 */
export function privateDatabaseFile(file: string): void {
  if (file === ':memory:' || file === '') return
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.closeSync(fs.openSync(file, 'a', 0o600))
  for (const each of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    privateFileIfExists(each)
  }
}

/**
 * Writes `text` to `file` atomically (a temp file renamed over it), mode 0600. When the rename
 * fails (Windows refuses to replace a file another process has open), the temp file goes and the
 * error is thrown.
 */
export function writePrivateFile(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`
  try {
    fs.writeFileSync(temp, text, { mode: 0o600 })
    fs.chmodSync(temp, 0o600)
    fs.renameSync(temp, file)
  } catch (error) {
    fs.rmSync(temp, { force: true })
    throw error
  }
}

/**
 * For the entry points (the browser host, the desktop app, the room server): whatever this process
 * and its children (ffmpeg's recordings) create is the user's only.
 */
export function privateUmask(): void {
  if (process.platform !== 'win32') process.umask(0o077)
}
