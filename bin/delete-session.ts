/**
 * Delete one session's data (polls, rounds, votes, participants, moderation)
 * from the room database. Facilitators promise participants this.
 *
 *   npx tsx bin/delete-session.ts --session default --yes
 *   npx tsx bin/delete-session.ts --list
 *
 * The database is the one `npm start` uses unless `--db` or `ROOM_DB` names
 * another (room/data-dir.ts). The session's presenter secret goes too.
 */
import { parseArgs } from 'node:util'
import { liveLockHolder } from '../room/db-lock'
import { forgetSessionSecret } from '../room/presenter-secret'
import { fail, openExistingRoomDb } from './room-db'

const USAGE = `Usage: tsx bin/delete-session.ts [--db <path>] --session <name> --yes
       tsx bin/delete-session.ts [--db <path>] --list

  --db <path>        room database (default: $ROOM_DB, else room.sqlite in your data folder,
                     e.g. ~/.local/share/asking-for-help-workshop/ on Linux)`

function main(): void {
  let values
  try {
    ({ values } = parseArgs({
      options: {
        db: { type: 'string' },
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
    // A running room would go on writing into the session it believes it still has.
    const holder = liveLockHolder(dbPath)
    if (holder)
      fail(`A room server (PID ${holder.pid}${holder.port === null ? '' : ` on port ${holder.port}`}) is using ${dbPath}. Stop it first, then delete.`)
    storage.deleteSession(session.name)
    forgetSessionSecret(dbPath, session.name)
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
