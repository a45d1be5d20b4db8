import type { RoomServerOptions } from './server'
import process from 'node:process'
import { defaultDbPath } from './data-dir'
import { generateSecret, sessionSecret } from './presenter-secret'
import { DEFAULT_SESSION } from './storage'

export { generateSecret } from './presenter-secret'

export interface EnvOptions {
  /** Environment to read. @default process.env */
  env?: NodeJS.ProcessEnv
  /** Where to print a generated secret. @default console.warn */
  log?: (line: string) => void
}

// A throwaway `:memory:` room has no file to keep its secret in: one per process.
let memorySecret: string | null = null
/** Secrets already printed by this process (Vite restarts call this again). */
const announced = new Set<string>()

/**
 * `--max-per-address` / `ROOM_MAX_PER_ADDRESS`: a whole number, 0 for no cap.
 * Returns an error message for anything else, so each command can say it its way.
 */
export function parseMaxPerAddress(text: string): { ok: true, value: number } | { ok: false, message: string } {
  const trimmed = text.trim()
  if (!/^\d{1,7}$/.test(trimmed))
    return { ok: false, message: `The phones-per-address cap must be a whole number (0 for no cap), not "${text}".` }
  return { ok: true, value: Number(trimmed) }
}

/** `ROOM_ALLOWED_ORIGINS`: origins separated by commas or spaces. */
export function parseOriginList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean)
}

/**
 * Room options for the Vite plugin: explicit options win, then the
 * environment (`ROOM_SECRET`, `ROOM_DB`, `ROOM_SESSION`, `ROOM_JOIN_URL`,
 * `ROOM_MAX_PER_ADDRESS`, `ROOM_ALLOWED_ORIGINS`).
 * Without a secret the session's stored one is used, made the first time and
 * kept beside the database (see presenter-secret.ts), so a restart keeps the
 * presenter's page working; it is printed once (unless `ROOM_QUIET` is set:
 * the caller prints it).
 */
export function resolveRoomOptions(options: Partial<RoomServerOptions> = {}, { env = process.env, log = console.warn }: EnvOptions = {}): RoomServerOptions {
  const dbPath = options.dbPath ?? (env.ROOM_DB || undefined)
  const session = options.session ?? (env.ROOM_SESSION || undefined)
  let secret = options.secret || env.ROOM_SECRET || ''
  if (!secret) {
    const path = dbPath ?? defaultDbPath()
    const stored = path === ':memory:' ? null : sessionSecret(path, session ?? DEFAULT_SESSION)
    secret = stored?.secret ?? (memorySecret ??= generateSecret())
    if (!env.ROOM_QUIET && !announced.has(secret)) {
      announced.add(secret)
      log(`[room] No ROOM_SECRET set; presenter secret ${stored ? `(kept in ${stored.file})` : 'for this run'}: ${secret}`)
    }
  }
  let maxPerAddress = options.maxPerAddress
  if (maxPerAddress === undefined && env.ROOM_MAX_PER_ADDRESS) {
    const parsed = parseMaxPerAddress(env.ROOM_MAX_PER_ADDRESS)
    if (!parsed.ok)
      throw new Error(`ROOM_MAX_PER_ADDRESS: ${parsed.message}`)
    maxPerAddress = parsed.value
  }
  return {
    ...options,
    secret,
    dbPath,
    session,
    joinUrl: options.joinUrl ?? (env.ROOM_JOIN_URL || undefined),
    maxPerAddress,
    allowedOrigins: options.allowedOrigins ?? (env.ROOM_ALLOWED_ORIGINS ? parseOriginList(env.ROOM_ALLOWED_ORIGINS) : undefined),
  }
}
