import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { Storage } from '../room/storage'

/** Print a message for the terminal and stop with a failing exit code. */
export function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

/** Open a room database that must already exist: these commands read or delete, never create. */
export function openExistingRoomDb(path: string): { dbPath: string, storage: Storage } {
  const dbPath = resolve(path)
  if (!existsSync(dbPath))
    fail(`No room database at ${dbPath}.`)
  return { dbPath, storage: new Storage({ path: dbPath }) }
}
