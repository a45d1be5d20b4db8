/**
 * What one results batch costs the server, in CPU time (so a loaded machine
 * changes it far less than it changes latencies): the room's live tally
 * (core/polls/live-tally.ts, kept in step with the rows) against deriving the
 * tally from every stored row (core/polls/tally.ts over `roundVotes`, the path
 * every batch took before). A real Room on a real SQLite file, one process.
 */
import type { PollDefinition } from '../core/polls/definition'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { tally } from '../core/polls/tally'
import { Room } from '../room/room'
import { Storage } from '../room/storage'

export interface TallyBenchRun {
  kind: PollDefinition['kind']
  votes: number
  /** CPU ms of one batch's results (the whole `Room.results` call) with the live tally after a vote. */
  liveBatchMs: number
  /** CPU ms of deriving the same poll's tally from its rows, as every batch did before. */
  fromRowsBatchMs: number
  /** CPU ms per vote (validate, commit, update the live tally). */
  voteMs: number
  /** Whether the two agreed (they must). */
  equal: boolean
}

function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

function poll(kind: 'choice' | 'estimate' | 'words', n: number): PollDefinition {
  switch (kind) {
    case 'choice':
      return { id: 'bench-choice', kind, question: 'Which helps most?', options: ['Asking early', 'Offering first', 'Saying thanks', 'Listening'] }
    case 'estimate':
      return { id: 'bench-estimate', kind, question: 'How many asked this week?', min: 0, max: n }
    case 'words':
      return { id: 'bench-words', kind, question: 'One word?', maxWords: 1 }
  }
}

function answer(kind: 'choice' | 'estimate' | 'words', i: number): unknown {
  return kind === 'choice' ? i % 4 : kind === 'estimate' ? i : [`word${i % 300}`]
}

export function benchTally({ sizes, log = () => {} }: { sizes: number[], log?: (line: string) => void }): TallyBenchRun[] {
  const runs: TallyBenchRun[] = []
  for (const kind of ['choice', 'estimate', 'words'] as const) {
    for (const n of sizes) {
      const dir = mkdtempSync(join(tmpdir(), 'bench-tally-'))
      const storage = new Storage({ path: join(dir, 'room.sqlite') })
      try {
        let t = 1_000
        const room = new Room({ storage, session: 'bench', now: () => t++ })
        const def = poll(kind, n)
        room.control({ kind: 'open', poll: def })
        const ids = Array.from({ length: n }, () => room.join().participantId)
        room.results({ authorized: true })
        const voteStart = cpuMs()
        for (let i = 0; i < n; i++)
          room.vote(ids[i]!, def.id, answer(kind, i))
        const voteMs = (cpuMs() - voteStart) / n
        // Each measurement: one more vote, then one batch (the cache is fresh each time, as in a burst).
        const warmup = 5
        const repeats = 30
        let live = 0
        let fromRows = 0
        let equal = true
        for (let r = 0; r < warmup + repeats; r++) {
          room.vote(ids[r]!, def.id, answer(kind, r + 1))
          const a = cpuMs()
          const result = room.results({ authorized: true }).find(p => p.poll.id === def.id)!
          const b = cpuMs()
          const rows = storage.roundVotes('bench', def.id, 1).map(row => ({ value: JSON.parse(row.value) as unknown, at: row.updatedAt }))
          const derived = tally(def, rows, storage.hiddenKeys('bench', def.id))
          const c = cpuMs()
          // The first few warm the JIT up for both paths and are not counted.
          if (r >= warmup) {
            live += b - a
            fromRows += c - b
          }
          equal &&= JSON.stringify(derived.tally) === JSON.stringify(result.tally) && derived.total === result.total
        }
        const run = { kind, votes: n, liveBatchMs: round(live / repeats), fromRowsBatchMs: round(fromRows / repeats), voteMs: round(voteMs, 3), equal }
        runs.push(run)
        log(`  ${kind} × ${n}: a batch ${run.liveBatchMs} ms live vs ${run.fromRowsBatchMs} ms from rows; ${run.voteMs} ms CPU per vote${equal ? '' : '; DIFFERENT RESULTS'}`)
      }
      finally {
        storage.close()
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }
  return runs
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
