import Database from 'better-sqlite3'

/**
 * What a storage failure means for a facilitator: one sentence about the
 * file, one about what to do. Raw SQLite codes and stack traces tell someone
 * in front of a waiting room nothing.
 */

export interface StorageCause {
  /** "is read-only", "cannot grow: the disk is full": follows "The room database <path> ". */
  cause: string
  advice: string
}

/** Every storage failure the room explains: opening the file, locking it, writing to it. */
export class RoomStorageError extends Error {
  override name = 'RoomStorageError'
  constructor(message: string, readonly path: string, readonly code: string) {
    super(message)
  }
}

/** The database cannot be opened or used; nothing has started. */
export class StorageOpenError extends RoomStorageError {
  override name = 'StorageOpenError'
}

/** better-sqlite3's error: `code` is SQLite's extended result code name, e.g. SQLITE_FULL. */
export type SqliteError = InstanceType<typeof Database.SqliteError>

export function isSqliteError(error: unknown): error is SqliteError {
  return error instanceof Database.SqliteError
}

/** SQLite's extended code (SQLITE_READONLY_DIRECTORY) or the OS's (EACCES), when the error has one. */
export function errorCode(error: unknown): string | undefined {
  const code = error && typeof error === 'object' && 'code' in error ? error.code : undefined
  return typeof code === 'string' ? code : undefined
}

const ANOTHER_FILE = 'or choose another file with --db (ROOM_DB).'

/** Codes by family: SQLite adds suffixes (SQLITE_IOERR_WRITE, SQLITE_CORRUPT_INDEX) to a base code. */
export function describeStorageCode(code: string): StorageCause {
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH')
    return { cause: 'cannot be read: permission denied', advice: `Give your user access to the file and its folder (ls -l shows the owner), ${ANOTHER_FILE}` }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS')
    return { cause: 'is read-only', advice: `Make the file and its folder writable (SQLite writes -wal and -shm files beside it), ${ANOTHER_FILE}` }
  if (code === 'SQLITE_NOTADB')
    return { cause: 'is not a SQLite database', advice: `Check that the path names the room's database. To start afresh, move this file away, ${ANOTHER_FILE}` }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'QUICK_CHECK')
    return { cause: 'is damaged', advice: `Keep it for recovery (\`sqlite3 <file> .recover > rescued.sql\` often saves its rows) and move it away: a fresh database is made at the next start, ${ANOTHER_FILE}` }
  if (code === 'SQLITE_CANTOPEN' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST')
    return { cause: 'cannot be opened', advice: `The path must name a file (not a folder, and not below a file) in a folder you can write to, ${ANOTHER_FILE}` }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return { cause: 'cannot grow: the disk is full', advice: 'Free some disk space. Phones keep the answers that could not be saved and send them again.' }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO')
    return { cause: 'could not be written: the disk reported an error', advice: 'Check the disk (free space, a removed USB stick). Phones keep the answers that could not be saved and send them again.' }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return { cause: 'is held by another program', advice: 'Close whatever else has it open (a sqlite3 shell, a second room server) and try again.' }
  if (code === 'SCHEMA')
    return { cause: 'was written by a newer version of this kit', advice: `Update the kit (git pull, npm install), ${ANOTHER_FILE}` }
  return { cause: `failed (${code})`, advice: `Check the file and the disk, ${ANOTHER_FILE}` }
}

/** "The room database <path> is read-only (SQLITE_READONLY: detail).\n<advice>" */
export function storageMessage(path: string, code: string, detail?: string): string {
  const { cause, advice } = describeStorageCode(code)
  return `The room database ${path} ${cause} (${code}${detail ? `: ${detail}` : ''}).\n${advice}`
}

export function storageOpenError(path: string, code: string, detail?: string): StorageOpenError {
  return new StorageOpenError(storageMessage(path, code, detail), path, code)
}
