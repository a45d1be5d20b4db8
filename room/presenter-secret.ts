import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { errorCode, RoomStorageError } from './storage-errors'
import { checkDatabasePath } from './storage-open'

/**
 * The presenter secret kept beside the database, one per session, so a
 * restart (a crash, a closed laptop lid, Ctrl-C and `npm start` again) keeps
 * the presenter's page working. A new secret on every start made the
 * controls vanish without a word. The file is mode 0600 and lives next to
 * the database, which is outside every folder a server serves.
 */

/** 24 random bytes, base64url: 32 characters, safe in URLs and headers. */
export function generateSecret(): string {
  return randomBytes(24).toString('base64url')
}

export function secretFileFor(dbPath: string): string {
  return `${dbPath}.secrets.json`
}

type SecretFile = Record<string, { secret: string, createdAt: number }>

function read(path: string): SecretFile {
  if (!existsSync(path))
    return {}
  let data: unknown
  try {
    data = JSON.parse(readFileSync(path, 'utf8'))
  }
  catch {
    data = undefined
  }
  const valid = data && typeof data === 'object' && !Array.isArray(data)
    && Object.values(data).every(entry => entry && typeof entry === 'object' && typeof (entry as { secret?: unknown }).secret === 'string')
  if (!valid)
    throw new RoomStorageError(`The presenter secret file ${path} is not readable JSON.\nDelete it to make new secrets (presenter links printed before stop working), or pass --secret.`, path, 'SECRET_FILE')
  return data as SecretFile
}

function write(path: string, data: SecretFile): void {
  const temp = `${path}.${process.pid}.tmp`
  writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 })
  renameSync(temp, path)
}

export interface StoredSecret {
  secret: string
  /** The file it is kept in. */
  file: string
  /** True when it was made just now (the first start of this session on this database). */
  created: boolean
}

/**
 * This session's presenter secret from the file beside `dbPath`, made and
 * saved the first time. The database's folder is checked first, so a folder
 * that cannot be used is reported as the database's problem, with its advice.
 */
export function sessionSecret(dbPath: string, session: string, now: () => number = Date.now): StoredSecret {
  checkDatabasePath(dbPath)
  const file = secretFileFor(dbPath)
  try {
    const data = read(file)
    // Someone copied it with a looser mode: it holds the keys to the presenter's controls.
    if (existsSync(file) && process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0)
      chmodSync(file, 0o600)
    const found = Object.hasOwn(data, session) ? data[session]!.secret : ''
    if (found)
      return { secret: found, file, created: false }
    const secret = generateSecret()
    write(file, { ...data, [session]: { secret, createdAt: now() } })
    return { secret, file, created: true }
  }
  catch (error) {
    if (error instanceof RoomStorageError)
      throw error
    throw new RoomStorageError(`The presenter secret file ${file} cannot be used (${errorCode(error) ?? (error as Error).message}).\nCheck its permissions, or pass --secret (ROOM_SECRET).`, file, errorCode(error) ?? 'SECRET_FILE')
  }
}

/** Forget a deleted session's secret; the file goes when it holds no other. */
export function forgetSessionSecret(dbPath: string, session: string): void {
  const file = secretFileFor(dbPath)
  const data = read(file)
  if (!Object.hasOwn(data, session))
    return
  const { [session]: _gone, ...rest } = data
  if (Object.keys(rest).length === 0)
    rmSync(file, { force: true })
  else
    write(file, rest)
}
