/**
 * Delete one session's data (polls, rounds, votes, participants, moderation)
 * from the room database. Facilitators promise participants this.
 *
 *   npx tsx bin/delete-session.ts --db data/room.sqlite --session default --yes
 *   npx tsx bin/delete-session.ts --list
 */
import process from 'node:process'
import { parseArgs } from 'node:util'
import { DEFAULT_DB_PATH } from '../room/storage'
import { fail, openExistingRoomDb } from './room-db'

const USAGE = `Usage: tsx bin/delete-session.ts [--db data/room.sqlite] --session <name> --yes
       tsx bin/delete-session.ts [--db data/room.sqlite] --list`

function main(): void {
  let values
  try {
    ({ values } = parseArgs({
      options: {
        db: { type: 'string', default: process.env.ROOM_DB ?? DEFAULT_DB_PATH },
        session: { type: 'string' },
        yes: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
      },
      strict: true,
    }))
  }
  catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`)
  }
  const { dbPath, storage } = openExistingRoomDb(values.db)
  try {
    const sessions = storage.listSessions()
    if (values.list) {
      for (const s of sessions)
        console.warn(`${s.name}\tcreated ${new Date(s.createdAt).toISOString()}\t${s.polls} polls, ${s.rounds} rounds, ${s.participants} participants, ${s.votes} votes`)
      if (sessions.length === 0)
        console.warn('(no sessions)')
      return
    }
    if (!values.session)
      fail(`Name the session to delete with --session.\n\n${USAGE}`)
    const session = sessions.find(s => s.name === values.session)
    if (!session)
      fail(`No session "${values.session}" in ${dbPath}. Sessions: ${sessions.map(s => s.name).join(', ') || '(none)'}`)
    const summary = `session "${session.name}": ${session.polls} polls, ${session.rounds} rounds, ${session.participants} participants, ${session.votes} votes`
    if (!values.yes)
      fail(`This deletes ${summary}. It cannot be undone; export first with bin/results.ts if you need the results.\nRun again with --yes to delete.`)
    storage.deleteSession(session.name)
    // Deleted rows can linger in the WAL and free pages; checkpoint and vacuum so they are gone from disk.
    storage.db.exec('VACUUM')
    storage.db.pragma('wal_checkpoint(TRUNCATE)')
    console.warn(`Deleted ${summary}.`)
  }
  finally {
    storage.close()
  }
}

main()
