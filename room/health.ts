import type { Room } from './room'
import type { Storage } from './storage'
import { errorCode } from './storage-errors'

/**
 * What `GET /api/health` answers. It is reachable from the Wi-Fi, so it says
 * what is wrong but not where the file is: the presenter's banner has the path.
 */
export type RoomHealth
  = | { ok: true }
    | { ok: false, reason: 'storage-closed' | 'storage-failed' | 'unreadable-polls', message: string, code?: string, since?: number, polls?: string[] }

/**
 * Ready means the room can save and can show what it saved: the database is
 * open and readable, the last write did not fail, and every stored poll still
 * parses (a poll that does not is silently missing from phones and exports).
 */
export function roomHealth(storage: Storage, room: Room): RoomHealth {
  if (!storage.isOpen)
    return { ok: false, reason: 'storage-closed', message: 'The room database is closed.' }
  const problem = storage.health.problem
  if (problem)
    return { ok: false, reason: 'storage-failed', message: `Saving failed: the room database ${problem.cause}. ${problem.advice}`, code: problem.code, since: problem.since }
  let polls: string[]
  try {
    polls = room.unreadablePolls()
  }
  catch (error) {
    return { ok: false, reason: 'storage-failed', message: 'The room database cannot be read.', code: errorCode(error) ?? 'unknown' }
  }
  if (polls.length > 0)
    return { ok: false, reason: 'unreadable-polls', message: `Stored poll${polls.length === 1 ? '' : 's'} ${polls.join(', ')} no longer match${polls.length === 1 ? 'es' : ''} the poll format; phones and exports leave them out.`, polls }
  return { ok: true }
}
