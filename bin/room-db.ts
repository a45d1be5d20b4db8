import { existsSync } from 'node:fs'
import process from 'node:process'
import { resolveDbPath } from '../room/data-dir'
import { Storage } from '../room/storage'
import { RoomStorageError } from '../room/storage-errors'

/** Print a message for the terminal and stop with a failing exit code. */
export function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

/**
 * Open a room database that must already exist: these commands read or
 * delete, never create. `path` is the `--db` value; without one, `ROOM_DB`
 * or the default in the user's data folder (room/data-dir.ts), as `npm start` uses.
 */
export function openExistingRoomDb(path?: string): { dbPath: string, storage: Storage } {
  const dbPath = resolveDbPath(path)
  if (!existsSync(dbPath))
    fail(`No room database at ${dbPath}.${path ? '' : ' Name one with --db <path> (or ROOM_DB).'}`)
  try {
    return { dbPath, storage: new Storage({ path: dbPath }) }
  }
  catch (error) {
    if (error instanceof RoomStorageError)
      fail(error.message)
    throw error
  }
}
