/**
 * Time to produce the full facilitator kit: `exportKit()`, the code behind
 * `npm run export`, into a temporary folder, with a small recorded session so
 * the results report is part of it. Records the whole time and each
 * document's (slides through Slidev, the others side by side in one Chromium).
 */
import type { PollDefinition } from '../core/polls/definition'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { exportKit } from '../kit/export'
import { createRoomServer } from '../room/server'

export interface ExportBenchResult {
  what: 'exportKit() (npm run export, full kit)'
  /** Wall time of the whole export. */
  seconds: number
  /** Each file with its size and the seconds from its document's start to the file written. */
  files: Array<{ name: string, bytes: number, pages?: number, seconds?: number }>
}

async function seedSession(dbPath: string): Promise<void> {
  const room = createRoomServer({ secret: 'bench-export', dbPath, session: 'bench' })
  const polls: Array<[PollDefinition, (i: number) => unknown]> = [
    [{ id: 'last-asked', kind: 'choice', question: 'When did you last ask for help at work?', options: ['Today', 'This week', 'This month', 'Can’t remember'] }, i => i % 4],
    [{ id: 'comfort', kind: 'scale', question: 'How comfortable are you asking for help?', min: 1, max: 5, minLabel: 'Not at all', maxLabel: 'Very' }, i => 1 + (i % 5)],
    [{ id: 'one-word', kind: 'words', question: 'One word for asking for help', maxWords: 1 }, i => ['brave', 'hard', 'useful', 'human'][i % 4]],
  ]
  for (const [poll, answer] of polls) {
    room.room.control({ kind: 'open', poll })
    for (let i = 0; i < 40; i++)
      room.room.vote(`bench-export-${i}`, poll.id, answer(i))
    room.room.control({ kind: 'close', pollId: poll.id })
    room.room.control({ kind: 'reveal', pollId: poll.id, revealed: true })
  }
  await room.close()
}

export async function benchExport({ log = () => {} }: { log?: (line: string) => void } = {}): Promise<ExportBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-export-'))
  const dbPath = join(dir, 'room.sqlite')
  await seedSession(dbPath)
  try {
    const started = performance.now()
    const summary = await exportKit({ out: join(dir, 'kit'), db: dbPath, session: 'bench', renderer: 'silent' })
    const seconds = Math.round((performance.now() - started) / 100) / 10
    const files = summary.files.map(file => ({ name: basename(file.path), bytes: file.bytes, pages: file.pages, seconds: file.seconds }))
    for (const file of files)
      log(`  ${file.name}: ${file.seconds ?? '?'} s`)
    log(`  the whole kit: ${seconds} s`)
    return { what: 'exportKit() (npm run export, full kit)', seconds, files }
  }
  finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
