import { randomBytes } from 'node:crypto'
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { RoomStorageError } from './storage-errors'

/**
 * One room server per database. Two servers on one file each think they run
 * the room: the second "repaired" the first one's live exercise pairs, because
 * nobody was connected to it. A lock file beside the database names the
 * process that holds it; SQLite's own locks are per write and do not help.
 */

export interface LockHolder {
  pid: number
  /** The port it serves on; null until its HTTP server listens. */
  port: number | null
  startedAt: number
  /** Tells our own lock from a successor's that took over a stale one. */
  token: string
}

export class DatabaseLockedError extends RoomStorageError {
  override name = 'DatabaseLockedError'
  constructor(path: string, readonly holder: LockHolder) {
    const port = holder.port === null ? 'its port not known yet' : `port ${holder.port}`
    super(
      `The room database ${path} is in use by another room server: PID ${holder.pid} on ${port}, since ${new Date(holder.startedAt).toLocaleString()}.\n`
      + `Two servers on one file would each run the room and undo each other's work. Stop that one first (Ctrl-C in its terminal, or kill ${holder.pid}), or give this one its own file with --db.`,
      path,
      'LOCKED',
    )
  }
}

export function lockPathFor(dbPath: string): string {
  return `${dbPath}.lock`
}

/** `kill(pid, 0)` sends nothing: it only asks whether the process exists (EPERM: it does, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  }
  catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const data = JSON.parse(text) as Partial<LockHolder>
    if (Number.isInteger(data.pid) && data.pid! > 0 && typeof data.startedAt === 'number')
      return { pid: data.pid!, port: Number.isInteger(data.port) ? data.port! : null, startedAt: data.startedAt, token: typeof data.token === 'string' ? data.token : '' }
  }
  catch {}
  return null
}

/** Who holds the lock now, or null when nobody (no file, a dead process, a file that is not ours to read). */
export function liveLockHolder(dbPath: string, isAlive: (pid: number) => boolean = processAlive): LockHolder | null {
  let text: string
  try {
    text = readFileSync(lockPathFor(dbPath), 'utf8')
  }
  catch {
    return null
  }
  const holder = parseHolder(text)
  return holder && isAlive(holder.pid) ? holder : null
}

/** Locks this process holds, released however it exits (process.exit in a command's fail(), too). */
const held = new Set<() => void>()
let exitHook = false

export interface DbLock {
  readonly path: string
  /** Record the port once the server listens, so a refused second server can say where the first one is. */
  setPort: (port: number) => void
  release: () => void
}

export interface LockOptions {
  pid?: number
  now?: () => number
  isAlive?: (pid: number) => boolean
  /** Told when a stale lock (its process gone) is taken over. */
  log?: (line: string) => void
}

/**
 * Take the database's lock or throw `DatabaseLockedError` naming the PID and
 * port that hold it. A lock whose process is gone (a crash, kill -9) is taken
 * over with a note. `:memory:` databases need none.
 */
export function acquireDbLock(dbPath: string, options: LockOptions = {}): DbLock {
  const path = lockPathFor(dbPath)
  const isAlive = options.isAlive ?? processAlive
  const log = options.log ?? console.warn
  const holder: LockHolder = { pid: options.pid ?? process.pid, port: null, startedAt: (options.now ?? Date.now)(), token: randomBytes(9).toString('base64url') }
  const write = (flag: 'wx' | 'w'): void => writeFileSync(flag === 'wx' ? path : `${path}.${holder.token}.tmp`, `${JSON.stringify(holder)}\n`, { flag, mode: 0o600 })

  // `wx` fails when the file exists, so of two servers starting at once exactly one creates it.
  for (let attempt = 0; ; attempt++) {
    try {
      write('wx')
      break
    }
    catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3)
        throw error
    }
    let text = ''
    try {
      text = readFileSync(path, 'utf8')
    }
    catch {
      continue
    }
    const other = parseHolder(text)
    if (other && isAlive(other.pid))
      throw new DatabaseLockedError(dbPath, other)
    log(other
      ? `[room] Took over the lock on ${dbPath} from PID ${other.pid}, which is no longer running (it stopped without cleaning up, e.g. a crash).`
      : `[room] Took over an unreadable lock file ${path}.`)
    rmSync(path, { force: true })
  }

  const ours = (): boolean => {
    try {
      return parseHolder(readFileSync(path, 'utf8'))?.token === holder.token
    }
    catch {
      return false
    }
  }
  let released = false
  const lock: DbLock = {
    path,
    setPort(port) {
      if (released || holder.port === port || !ours())
        return
      holder.port = port
      // Write beside and rename: a reader never sees half a lock.
      write('w')
      renameSync(`${path}.${holder.token}.tmp`, path)
    },
    release() {
      if (released)
        return
      released = true
      held.delete(lock.release)
      if (ours())
        rmSync(path, { force: true })
    },
  }
  held.add(lock.release)
  if (!exitHook) {
    exitHook = true
    process.once('exit', () => {
      for (const release of [...held])
        release()
    })
  }
  return lock
}
