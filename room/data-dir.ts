import { homedir } from 'node:os'
import { isAbsolute, join, relative, resolve } from 'node:path'
import process from 'node:process'

/**
 * Where the room keeps its database, presenter secrets and lock by default:
 * the user's data folder, never the project folder, which Slidev's dev server
 * serves to anyone on the network (a file there is one URL away from every phone).
 */

export const APP_FOLDER = 'asking-for-help-workshop'
export const DB_FILE = 'room.sqlite'

export interface PlatformContext {
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
  home: string
}

function current(): PlatformContext {
  return { env: process.env, platform: process.platform, home: homedir() }
}

/** The folder for this app's data: XDG on Linux and the BSDs, Application Support on macOS, %APPDATA% on Windows. */
export function userDataDir(context: PlatformContext = current()): string {
  const { env, platform, home } = context
  if (platform === 'win32')
    return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_FOLDER)
  if (platform === 'darwin')
    return join(home, 'Library', 'Application Support', APP_FOLDER)
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share'), APP_FOLDER)
}

/** The room database when neither `--db` nor `ROOM_DB` names one. */
export function defaultDbPath(context: PlatformContext = current()): string {
  return join(userDataDir(context), DB_FILE)
}

/**
 * The database every command uses: the `--db` value, else `ROOM_DB`, else the
 * default, as an absolute path (relative ones from `cwd`). One function so
 * `npm start`, `serve`, `results`, `room:delete` and the kit's export agree.
 */
export function resolveDbPath(given?: string, options: { env?: NodeJS.ProcessEnv, cwd?: string } = {}): string {
  const env = options.env ?? process.env
  const path = given || env.ROOM_DB || defaultDbPath({ ...current(), env })
  return path === ':memory:' ? path : resolve(options.cwd ?? process.cwd(), path)
}

/** True when `path` is `folder` or anywhere below it. */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path))
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}
