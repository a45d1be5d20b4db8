import type { PollDefinition } from '../../core/polls/definition'
import type { ControlAction, PollResult } from '../../core/protocol'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { tally } from '../../core/polls/tally'
import { textKey } from '../../core/polls/text-key'
import { Room } from '../../room/room'
import { Storage } from '../../room/storage'

/**
 * The room keeps each round's tally in memory (core/polls/live-tally.ts) so a
 * results batch costs no pass over the rows. These tests hold it to the rule
 * it replaces: after any sequence of votes, changed votes, resets, edits,
 * hides and restarts, what the room reports equals `tally()` over the rows
 * read back from the SQLite file through a second connection.
 */

const dir = mkdtempSync(join(tmpdir(), 'room-tally-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const POLLS: PollDefinition[] = [
  { id: 'pick', kind: 'choice', question: 'Which helps most?', options: ['Asking early', 'Offering first', 'Saying thanks'] },
  { id: 'many', kind: 'multi', question: 'Which have you tried?', options: ['A', 'B', 'C', 'D'] },
  { id: 'feel', kind: 'scale', question: 'How easy is asking?', min: 1, max: 5, minLabel: 'Hard', maxLabel: 'Easy' },
  { id: 'guess', kind: 'estimate', question: 'How many asked this week?', min: 0, max: 100 },
  { id: 'word', kind: 'words', question: 'One or two words?', maxWords: 2 },
  { id: 'say', kind: 'text', question: 'What stops you?', maxLength: 60 },
]
/** A second version of some polls: opening it archives the round and starts the next. */
const EDITED: Record<string, PollDefinition> = {
  pick: { id: 'pick', kind: 'choice', question: 'Which helps most?', options: ['Asking early', 'Offering first', 'Saying thanks', 'Listening'] },
  feel: { id: 'feel', kind: 'scale', question: 'How easy is asking?', min: 0, max: 3, minLabel: 'Hard', maxLabel: 'Easy' },
}
// Case and width variants share a match key; the tally must merge them the same way both ways.
const WORDS = ['help', 'Help', 'HELP', 'ｈｅｌｐ', 'ask', 'Ask', 'trust', 'time']
const TEXTS = ['Fear of looking weak', 'fear of looking weak', 'No time', 'Pride', 'pride', 'Not knowing whom to ask']

function answerFor(poll: PollDefinition, n: number, m: number): unknown {
  switch (poll.kind) {
    case 'choice':
      return n % poll.options.length
    case 'multi':
      return [...new Set([n % poll.options.length, m % poll.options.length])]
    case 'scale':
      return poll.min + (n % (poll.max - poll.min + 1))
    case 'estimate':
      // Tenths: floating-point sums of these depend on their order, which the mean must not.
      return (n % 1001) / 10
    case 'words':
      return n % 3 === 0 ? [WORDS[n % WORDS.length]!, WORDS[m % WORDS.length]!] : [WORDS[n % WORDS.length]!]
    case 'text':
      return TEXTS[n % TEXTS.length]!
  }
}

type Step
  = | { kind: 'vote', who: number, poll: number, n: number, m: number, sameTime: boolean }
    | { kind: 'open', poll: number, edited: boolean }
    | { kind: 'close' | 'reset', poll: number }
    | { kind: 'hide', poll: number, n: number, hidden: boolean }
    | { kind: 'restart' }

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('vote' as const), who: fc.nat(11), poll: fc.nat(5), n: fc.nat(5000), m: fc.nat(50), sameTime: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('open' as const), poll: fc.nat(5), edited: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('close' as const, 'reset' as const), poll: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('hide' as const), poll: fc.nat(5), n: fc.nat(50), hidden: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const) }) },
)

/** What the rows in the file say, read by a connection of its own and counted by core/polls/tally.ts. */
function fromRows(dbPath: string, session: string): Array<Pick<PollResult, 'round' | 'total' | 'tally'> & { pollId: string, rows: number }> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    const rounds = db.prepare(`SELECT r.poll_id AS pollId, r.round, r.definition FROM rounds r JOIN polls p ON p.session = r.session AND p.poll_id = r.poll_id
      WHERE r.session = ? ORDER BY p.created_at, p.poll_id, r.round`).all(session) as Array<{ pollId: string, round: number, definition: string }>
    return rounds.map(({ pollId, round, definition }) => {
      const rows = db.prepare('SELECT value, updated_at AS at FROM votes WHERE session = ? AND poll_id = ? AND round = ? ORDER BY updated_at, participant_id')
        .all(session, pollId, round) as Array<{ value: string, at: number }>
      const hidden = new Set((db.prepare('SELECT answer_key AS k FROM hidden_answers WHERE session = ? AND poll_id = ? AND hidden = 1').all(session, pollId) as Array<{ k: string }>).map(r => r.k))
      const counted = tally(JSON.parse(definition) as PollDefinition, rows.map(r => ({ value: JSON.parse(r.value) as unknown, at: r.at })), hidden)
      return { pollId, round, total: counted.total, tally: counted.tally, rows: rows.length }
    })
  }
  finally {
    db.close()
  }
}

function expectInStep(room: Room, dbPath: string, session: string): void {
  const expected = fromRows(dbPath, session)
  const history = room.history().map(r => ({ pollId: r.poll.id, round: r.round, total: r.total, tally: r.tally }))
  expect(history).toEqual(expected.map(({ rows: _, ...r }) => r))
  // The latest round of each poll: the screens' results and every screen's counts.
  const latest = new Map(expected.map(r => [r.pollId, r]))
  expect(room.results({ authorized: true }).map(r => ({ pollId: r.poll.id, round: r.round, total: r.total, tally: r.tally })))
    .toEqual([...latest.values()].map(({ rows: _, ...r }) => r))
  expect(room.progress().map(p => [p.pollId, p.round, p.total])).toEqual([...latest.values()].map(r => [r.pollId, r.round, r.rows]))
}

describe('the in-memory tally', () => {
  it('equals the tally of the committed rows after any sequence of votes, changes, resets, edits, hides and restarts', () => {
    let run = 0
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
      const dbPath = join(dir, `run-${run++}.sqlite`)
      const session = 'tally'
      let t = 1_000
      // Several votes in one millisecond: the text wall's order then rests on the participant id.
      const now = (): number => t
      let storage = new Storage({ path: dbPath })
      let room = new Room({ storage, session, now })
      const people: string[] = []
      const definitionOf = new Map<string, PollDefinition>()
      try {
        // Fill every poll's tally cache first, so later steps change live tallies rather than build fresh ones.
        for (const poll of POLLS) {
          expect(room.control({ kind: 'open', poll }).ok).toBe(true)
          definitionOf.set(poll.id, poll)
        }
        for (let i = 0; i < 12; i++)
          people.push(room.join().participantId)
        room.results({ authorized: true })
        for (const s of steps) {
          const poll = POLLS[('poll' in s ? s.poll : 0) % POLLS.length]!
          switch (s.kind) {
            case 'vote': {
              if (!s.sameTime)
                t += 1
              // Mostly to the poll that is open; now and then to another, which is refused and changes nothing.
              const pollId = s.poll < 5 ? room.current()?.poll.id ?? poll.id : poll.id
              room.vote(people[s.who]!, pollId, answerFor(definitionOf.get(pollId)!, s.n, s.m))
              break
            }
            case 'open': {
              t += 1
              const def = s.edited && EDITED[poll.id] ? EDITED[poll.id]! : poll
              expect(room.control({ kind: 'open', poll: def }).ok).toBe(true)
              definitionOf.set(poll.id, def)
              break
            }
            case 'close':
            case 'reset':
              t += 1
              expect(room.control({ kind: s.kind, pollId: poll.id }).ok).toBe(true)
              break
            case 'hide': {
              if (poll.kind !== 'words' && poll.kind !== 'text')
                break
              const answerKey = poll.kind === 'words' ? WORDS[s.n % WORDS.length]! : textKey(TEXTS[s.n % TEXTS.length]!)
              const action: ControlAction = { kind: 'moderate', pollId: poll.id, answerKey, hidden: s.hidden }
              expect(room.control(action).ok).toBe(true)
              break
            }
            case 'restart':
              // A new process on the same file: the tallies are rebuilt from the rows.
              storage.close()
              storage = new Storage({ path: dbPath })
              room = new Room({ storage, session, now })
              break
          }
          room.results({ authorized: true })
        }
        expectInStep(room, dbPath, session)
      }
      finally {
        storage.close()
        rmSync(dbPath, { force: true })
        rmSync(`${dbPath}-wal`, { force: true })
        rmSync(`${dbPath}-shm`, { force: true })
      }
    }), { numRuns: 60 })
  })

  it('leaves the tally as it was when a vote\'s transaction fails', () => {
    const dbPath = join(dir, 'readonly.sqlite')
    const storage = new Storage({ path: dbPath })
    const room = new Room({ storage, session: 'ro', now: () => 5_000 })
    try {
      room.control({ kind: 'open', poll: POLLS[0]! })
      const [a, b] = [room.join().participantId, room.join().participantId]
      expect(room.vote(a, 'pick', 1).ok).toBe(true)
      expect(room.results({ authorized: true })[0]!.tally).toEqual({ kind: 'choice', counts: [0, 1, 0] })
      // The next write fails inside the transaction, as a full disk would make it.
      storage.db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON votes BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
      expect(() => room.vote(b, 'pick', 2)).toThrow(/disk full/)
      expect(room.results({ authorized: true })[0]!.tally).toEqual({ kind: 'choice', counts: [0, 1, 0] })
      expectInStep(room, dbPath, 'ro')
    }
    finally {
      storage.close()
    }
  })
})
