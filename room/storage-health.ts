import type Database from 'better-sqlite3'
import type { StorageProblem } from '../core/protocol'
import type { SqliteError } from './storage-errors'
import { describeStorageCode, isSqliteError } from './storage-errors'

export type StorageHealthListener = (problem: StorageProblem | null) => void

/**
 * Whether the room can save right now. A SQLite error during a session (disk
 * full, read-only, I/O error) marks it failing: `/api/health` answers 503
 * and the presenter sees why. The next write that lands marks it well again,
 * which tells phones to resend what is still waiting. Without this a failed
 * write looked like a slow network: health said ok and phones waited forever.
 */
export class StorageHealth {
  private current: StorageProblem | null = null
  private readonly listeners = new Set<StorageHealthListener>()
  private changes: Database.Statement | null = null

  constructor(private readonly db: Database.Database, readonly path: string, private readonly now: () => number = Date.now) {}

  get problem(): StorageProblem | null {
    return this.current
  }

  on(listener: StorageHealthListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Run one unit of work (a message, a timer's repair). A SQLite error marks
   * the storage failing and is rethrown for the caller to answer; while
   * failing, work that changed rows proves the disk takes writes again.
   */
  guard<T>(fn: () => T): T {
    const before = this.current ? this.totalChanges() : 0
    let result: T
    try {
      result = fn()
    }
    catch (error) {
      if (isSqliteError(error))
        this.fail(error)
      throw error
    }
    if (this.current && this.totalChanges() > before)
      this.recover()
    return result
  }

  fail(error: SqliteError): void {
    const previous = this.current
    if (previous?.code === error.code)
      return
    const { cause, advice } = describeStorageCode(error.code)
    this.current = { path: this.path, code: error.code, cause, advice, since: previous?.since ?? this.now() }
    console.error(`[room] Could not save: the room database ${this.path} ${cause} (${error.code}: ${error.message}). ${advice}`)
    this.notify()
  }

  recover(): void {
    if (!this.current)
      return
    console.warn(`[room] Saving works again (${this.path}).`)
    this.current = null
    this.notify()
  }

  private notify(): void {
    for (const listener of this.listeners) {
      try {
        listener(this.current)
      }
      catch (error) {
        console.error('[room] storage listener failed:', error)
      }
    }
  }

  /** Rows changed by this connection since it opened: grows only when a write went through. */
  private totalChanges(): number {
    this.changes ??= this.db.prepare('SELECT total_changes()').pluck()
    return this.changes.get() as number
  }
}
