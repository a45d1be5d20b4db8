import type { RoomServerOptions } from './server'
import { randomBytes } from 'node:crypto'
import process from 'node:process'

export interface EnvOptions {
  /** Environment to read. @default process.env */
  env?: NodeJS.ProcessEnv
  /** Where to print a generated secret. @default console.warn */
  log?: (line: string) => void
}

// Vite restarts its server on config changes; the presenter's secret must survive that.
let generatedSecret: string | null = null

/** 24 random bytes, base64url: 32 characters, safe in URLs and headers. */
export function generateSecret(): string {
  return randomBytes(24).toString('base64url')
}

/**
 * Room options for the Vite plugin: explicit options win, then the
 * environment (`ROOM_SECRET`, `ROOM_DB`, `ROOM_SESSION`, `ROOM_JOIN_URL`).
 * Without a secret one is generated once per process and printed (unless
 * `ROOM_QUIET` is set: the caller prints it).
 */
export function resolveRoomOptions(options: Partial<RoomServerOptions> = {}, { env = process.env, log = console.warn }: EnvOptions = {}): RoomServerOptions {
  let secret = options.secret || env.ROOM_SECRET || ''
  if (!secret) {
    if (!generatedSecret) {
      generatedSecret = generateSecret()
      if (!env.ROOM_QUIET)
        log(`[room] No ROOM_SECRET set; presenter secret for this run: ${generatedSecret}`)
    }
    secret = generatedSecret
  }
  return {
    ...options,
    secret,
    dbPath: options.dbPath ?? (env.ROOM_DB || undefined),
    session: options.session ?? (env.ROOM_SESSION || undefined),
    joinUrl: options.joinUrl ?? (env.ROOM_JOIN_URL || undefined),
  }
}
