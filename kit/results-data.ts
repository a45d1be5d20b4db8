import type { ExerciseSummary, PollResult } from '../core/protocol'
import { existsSync } from 'node:fs'
import { resolveDbPath } from '../room/data-dir'
import { ExerciseRoom } from '../room/exercise'
import { Room } from '../room/room'
import { DEFAULT_SESSION, Storage } from '../room/storage'
import { projectRoot } from './export-slides'

/** There is nothing to report: no database, no such session, or a session where no poll ran. */
export class NoSessionError extends Error {
  override name = 'NoSessionError'
}

export interface SessionResults {
  session: string
  participants: number
  /** The latest round of every poll, in the order the polls were first opened. */
  polls: PollResult[]
  /** The latest exercise run's counts and themes (what `/api/results` sends); undefined when none ran. */
  exercise?: ExerciseSummary
}

export interface LoadOptions {
  /** Relative to the project. @default $ROOM_DB, else the database `npm start` uses (room/data-dir.ts) */
  db?: string
  /** @default 'default' */
  session?: string
}

/**
 * The exercise summary exactly as the room builds it for `ResultsExport.exercise`.
 * Nobody counts as gone, so reading never starts the room's grace timers or repairs a group.
 */
function exerciseSummary(storage: Storage, session: string): ExerciseSummary | undefined {
  const exercise = new ExerciseRoom({ db: storage.db, session, now: Date.now, graceMs: 0, presence: { isConnected: () => true, connectedIds: () => [] } })
  try {
    return exercise.summary()
  }
  finally {
    exercise.close()
  }
}

/** Reads one session's results from the room's SQLite file, through the room's storage module. */
export function loadSessionResults(options: LoadOptions = {}): SessionResults {
  const path = resolveDbPath(options.db, { cwd: projectRoot })
  const session = options.session ?? DEFAULT_SESSION
  // Opening a missing file would create an empty database; say what happened instead.
  if (!existsSync(path))
    throw new NoSessionError(`No live session has run yet: there is no room database at ${path}. Run the workshop with \`npm start\` (polls are saved as they come in), or point --db at the room's SQLite file.`)
  // A snapshot: reading never writes to the room's file (nor its -wal/-shm), and a room running now is not disturbed.
  const storage = new Storage({ path, snapshot: true })
  try {
    const sessions = storage.listSessions()
    const found = sessions.find(entry => entry.name === session)
    if (!found) {
      const names = sessions.map(entry => entry.name)
      throw new NoSessionError(`No session named "${session}" in ${path}. ${names.length ? `Sessions there: ${names.join(', ')}. Pick one with --session <name>.` : 'No session has run yet.'}`)
    }
    const exercise = exerciseSummary(storage, session)
    if (found.rounds === 0 && !exercise)
      throw new NoSessionError(`Session "${session}" in ${path} has no results yet: no poll was opened and no exercise was run during it, so there is nothing to report.`)
    // The same derivation the room serves to the presenter: latest round of each poll, tallied from rows.
    const polls: PollResult[] = new Room({ storage, session, now: Date.now }).results({ authorized: true })
    return { session, participants: found.participants, polls, ...(exercise ? { exercise } : {}) }
  }
  finally {
    storage.close()
  }
}
