import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { errorCode, isSqliteError, storageOpenError } from './storage-errors'

export interface OpenOptions {
  synchronous: 'NORMAL' | 'FULL'
  /** Open an in-memory copy of the file as it is now (nothing written back; a missing file is an empty room). */
  snapshot?: boolean
  /** Runs after the pragmas and the integrity check (the migrations); its errors are explained too. */
  setup: (db: Database.Database) => void
}

/** A WAL file this long or shorter holds no frames. */
const WAL_HEADER_BYTES = 32

/**
 * An in-memory copy of the database as it is now, committed WAL frames
 * included, read through a read-only connection that takes no lock a live
 * room would notice.
 */
function snapshotOf(path: string): Database.Database {
  if (!existsSync(path))
    return new Database(':memory:')
  let bytes
  // No WAL frames (no room running, or one closed cleanly): the file alone is the database, read as
  // bytes so not even a -shm file is created or touched (the kit's export writes nothing outside --out).
  const wal = `${path}-wal`
  if (!existsSync(wal) || statSync(wal).size <= WAL_HEADER_BYTES) {
    bytes = readFileSync(path)
    if (bytes.length === 0)
      return new Database(':memory:')
  }
  else {
    const source = new Database(path, { readonly: true, fileMustExist: true })
    try {
      bytes = source.serialize()
    }
    finally {
      source.close()
    }
  }
  // Header bytes 18-19 say "WAL"; an in-memory database has no WAL and refuses to open unless they say "rollback journal".
  if (bytes.length >= 20)
    bytes[18] = bytes[19] = 1
  return new Database(bytes)
}

/** The first line of what `PRAGMA quick_check` found, or null when the file is sound. */
function quickCheckProblem(db: Database.Database): string | null {
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>
  const first = rows[0]?.quick_check ?? 'no answer'
  if (rows.length === 1 && first === 'ok')
    return null
  return first.split('\n').map(line => line.trim()).find(line => line && !line.startsWith('***')) ?? first
}

/**
 * The checks SQLite would fail vaguely (SQLITE_CANTOPEN for a missing
 * permission, a silent read-only open), done first so the message names the
 * real cause. Root passes every permission check; SQLite's own codes follow.
 */
export function checkDatabasePath(path: string): void {
  const dir = dirname(path)
  try {
    // 0700: the folder holds participants' answers and the presenter secret.
    mkdirSync(dir, { recursive: true, mode: 0o700 })
  }
  catch (error) {
    throw storageOpenError(path, errorCode(error) ?? 'CANTOPEN', `cannot create the folder ${dir}`)
  }
  const access = (target: string, mode: number, what: string): void => {
    try {
      accessSync(target, mode)
    }
    catch (error) {
      const code = errorCode(error) ?? 'EACCES'
      throw storageOpenError(path, code === 'EACCES' && mode === constants.W_OK ? 'SQLITE_READONLY' : code, what)
    }
  }
  if (!statSync(dir).isDirectory())
    throw storageOpenError(path, 'ENOTDIR', `${dir} is not a folder`)
  access(dir, constants.R_OK | constants.X_OK, `the folder ${dir} cannot be read`)
  if (existsSync(path)) {
    if (statSync(path).isDirectory())
      throw storageOpenError(path, 'EISDIR', 'it is a folder')
    access(path, constants.R_OK, 'the file cannot be read')
    access(path, constants.W_OK, 'the file is not writable')
  }
  access(dir, constants.W_OK, `the folder ${dir} is not writable`)
}

/**
 * Open the room's SQLite file, or throw a `StorageOpenError` that says what
 * is wrong with it and what to do: unreadable, read-only, not a database,
 * damaged (`PRAGMA quick_check`), cannot be opened. A room that starts on a
 * broken file loses answers later, in front of everyone.
 */
export function openDatabase(path: string, options: OpenOptions): Database.Database {
  const memory = path === ':memory:'
  const created = !memory && !options.snapshot && !existsSync(path)
  if (!memory && !options.snapshot)
    checkDatabasePath(path)
  let db: Database.Database | undefined
  try {
    db = options.snapshot && !memory ? snapshotOf(path) : new Database(path)
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${options.synchronous}`)
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    if (!memory) {
      const problem = quickCheckProblem(db)
      if (problem !== null)
        throw storageOpenError(path, 'QUICK_CHECK', `PRAGMA quick_check: ${problem}`)
    }
    options.setup(db)
    // New files only: SQLite gives the -wal and -shm files the same mode.
    if (created)
      chmodSync(path, 0o600)
    return db
  }
  catch (error) {
    db?.close()
    if (isSqliteError(error))
      throw storageOpenError(path, error.code, error.message)
    throw error
  }
}

/**
 * Run a function in one transaction (a savepoint inside another). The
 * wrapper is made once per database: `db.transaction` builds four wrappers
 * and their properties each time it is called, and a vote is a transaction.
 */
export function transactionRunner(db: Database.Database): <T>(fn: () => T) => T {
  const run = db.transaction((fn: () => unknown) => fn())
  return <T>(fn: () => T): T => run(fn) as T
}

/**
 * Prepared statements, one per SQL text, for the storage adapters.
 *
 * Measured with the SQLite that better-sqlite3 13 ships (3.54, built with
 * STAT4): a statement that sorts (ORDER BY) or takes a max() and tests
 * `column = ?` is compiled again on every run (it binds anew each time),
 * 15-40 µs a run, and better-sqlite3 builds a new row function too.
 * `column = +?` is the same comparison and is compiled once, so such a
 * statement must write `+?`; one that does not is refused when first prepared,
 * which every test that runs it sees.
 */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>()
  return (sql) => {
    let statement = statements.get(sql)
    if (!statement) {
      if (/ORDER BY|max\(/i.test(sql) && /=\s*\?/.test(sql))
        throw new Error(`This statement sorts or takes a max() and compares with a bare ?, which SQLite compiles again on every run: write = +? (room/storage-open.ts). ${sql.trim()}`)
      statement = db.prepare(sql)
      statements.set(sql, statement)
    }
    return statement
  }
}
