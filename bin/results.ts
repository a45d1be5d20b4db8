/**
 * Write one session's results, every round included, from the room database:
 *
 *   npx tsx bin/results.ts --session default --out results/
 *
 * reads the room database `npm start` uses (`--db` or `ROOM_DB` to name
 * another; see room/data-dir.ts) and writes <out>/results.json
 * (ResultsExport) and <out>/results.csv.
 */
import type { ResultsExport } from '../core/protocol'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { resultsToCsv } from '../core/polls/csv'
import { Room } from '../room/room'
import { DEFAULT_SESSION } from '../room/storage'
import { fail, openExistingRoomDb } from './room-db'

const USAGE = `Usage: tsx bin/results.ts [--db <path>] [--session default] [--out results]

  --db <path>        room database (default: $ROOM_DB, else room.sqlite in your data folder,
                     e.g. ~/.local/share/asking-for-help-workshop/ on Linux)`

/** Write next to the target, then rename: a reader never sees half a file. */
async function writeAtomically(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  try {
    await writeFile(temp, content, 'utf8')
    await rename(temp, path)
  }
  catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

async function main(): Promise<void> {
  let values
  try {
    ({ values } = parseArgs({
      options: {
        db: { type: 'string' },
        session: { type: 'string', default: process.env.ROOM_SESSION ?? DEFAULT_SESSION },
        out: { type: 'string', default: 'results' },
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
    if (!sessions.some(s => s.name === values.session))
      fail(`No session "${values.session}" in ${dbPath}. Sessions: ${sessions.map(s => s.name).join(', ') || '(none)'}`)
    const room = new Room({ storage, session: values.session, now: Date.now })
    const data: ResultsExport = { session: values.session, exportedAt: Date.now(), polls: room.history() }
    const out = resolve(values.out)
    await mkdir(out, { recursive: true })
    await writeAtomically(join(out, 'results.json'), `${JSON.stringify(data, null, 2)}\n`)
    await writeAtomically(join(out, 'results.csv'), resultsToCsv(data.polls))
    console.warn(`Wrote ${data.polls.length} poll round(s) of session "${values.session}" to ${join(out, 'results.json')} and results.csv`)
  }
  finally {
    storage.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
